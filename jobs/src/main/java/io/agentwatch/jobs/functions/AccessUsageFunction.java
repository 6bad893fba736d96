package io.agentwatch.jobs.functions;

import io.agentwatch.jobs.types.AgentAccessUsageSerializer;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.AgentAccessUsage;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent: counts the agent's use of customer data fields per review period and sends the
 * agent's summary when the period ends (an event-time timer) or a later period starts. An event
 * whose period has already ended (event time passed it) counts in the period event time is in, so a
 * period's review never reopens.
 *
 * <p>An agent's state lives while its period is open, whose end has a timer: it is dropped when the
 * period closes (a summary carries nothing into the next period), so it needs no TTL.
 */
public class AccessUsageFunction
        extends KeyedProcessFunction<String, AccessEvent, AgentAccessUsage> {
    private static final long serialVersionUID = 1L;

    private final AccessUsageCounter counter;
    private transient ValueState<AgentAccessUsage> state;

    public AccessUsageFunction(AccessUsageCounter counter) {
        this.counter = counter;
    }

    static ValueStateDescriptor<AgentAccessUsage> stateDescriptor() {
        return new ValueStateDescriptor<>("agent-access-usage", new AgentAccessUsageSerializer());
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(stateDescriptor());
    }

    @Override
    public void processElement(AccessEvent e, Context ctx, Collector<AgentAccessUsage> out)
            throws Exception {
        AgentAccessUsage s = state.value();
        if (s == null) {
            s = new AgentAccessUsage();
        }
        long watermark = ctx.timerService().currentWatermark();
        long time =
                counter.periodStart(e.timestamp) + counter.periodMillis() <= watermark
                        ? watermark
                        : e.timestamp;
        long openEnd = s.periodStart == Long.MIN_VALUE ? Long.MIN_VALUE : s.periodEnd;
        AgentAccessUsage closed = counter.add(s, e, time);
        if (closed != null) {
            ctx.timerService().deleteEventTimeTimer(openEnd);
            out.collect(closed);
        }
        if (s.periodStart == Long.MIN_VALUE) {
            // Nothing counted (a failed access): nothing to keep.
            return;
        }
        if (s.periodEnd != openEnd) {
            ctx.timerService().registerEventTimeTimer(s.periodEnd);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AgentAccessUsage> out)
            throws Exception {
        AgentAccessUsage s = state.value();
        if (s == null || s.periodStart == Long.MIN_VALUE || s.periodEnd != timestamp) {
            return;
        }
        AgentAccessUsage closed = counter.close(s);
        state.clear();
        out.collect(closed);
    }
}

package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.AgentSamples;
import io.agentwatch.models.detect.PeerSample;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.state.AgentExpiry;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent: emits the samples {@link PeerSampler} closes (window counts by role, active days
 * by team) for the peer baselines, from the part of each event it reads ({@link
 * PeerSampler#sampledFields}).
 *
 * <p>It runs on a branch of its own beside the detectors (not inside them) because peer baselines
 * are broadcast back into the detectors, and a Flink job graph cannot have cycles. Being beside
 * them, it also samples an event a shipper delivered twice, which the detectors judge once: a
 * redelivered batch adds to its agents' window counts, a rare and small bias in a baseline of
 * thousands of windows.
 *
 * <p>An agent's samples are dropped as its detector state is ({@link AgentExpiry}: {@code
 * state.agent_ttl} of event time after the day of its last event), by a timer moved at most once a
 * day. Flink's state TTL did it before: its cleanup visited another agent's entry on every event (a
 * cache miss each with many agents, a quarter of this task at 100,000 agents) and wrapped every
 * value with a time stamp.
 */
public class PeerSampleFunction extends KeyedProcessFunction<String, AccessEvent, PeerSample> {
    private static final long serialVersionUID = 1L;

    private final PeerSampler sampler;
    private final long stateTtlMillis;
    private transient ValueState<AgentSamples> state;

    public PeerSampleFunction(PeerSampler sampler, long stateTtlMillis) {
        this.sampler = sampler;
        this.stateTtlMillis = stateTtlMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(stateDescriptor());
    }

    static ValueStateDescriptor<AgentSamples> stateDescriptor() {
        return new ValueStateDescriptor<>("agent-samples", AgentSamples.class);
    }

    @Override
    public void processElement(AccessEvent e, Context ctx, Collector<PeerSample> out)
            throws Exception {
        AgentSamples s = state.value();
        if (s == null) {
            s = new AgentSamples();
        }
        sampler.onEvent(s, e, out::collect);
        long expiry = AgentExpiry.afterDay(s.lastActiveDay, stateTtlMillis);
        // Later only: a late event from an earlier day does not bring the agent's expiry forward.
        if (expiry > s.expiryTimer) {
            if (s.expiryTimer != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(s.expiryTimer);
            }
            ctx.timerService().registerEventTimeTimer(expiry);
            s.expiryTimer = expiry;
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PeerSample> out)
            throws Exception {
        AgentSamples s = state.value();
        if (s != null && s.expiryTimer == timestamp) {
            state.clear();
        }
    }
}

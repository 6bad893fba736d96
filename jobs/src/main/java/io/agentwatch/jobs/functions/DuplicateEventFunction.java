package io.agentwatch.jobs.functions;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.ContractWriter;
import io.agentwatch.models.event.ErrorReason;
import io.agentwatch.models.event.RecentEventIds;
import io.agentwatch.models.output.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent, first of the per-agent operators: an event whose id the agent's recent events
 * already had (a shipper's redelivery) becomes a {@code DUPLICATE_EVENT} dead letter, so every
 * event is judged once. A replay after a restore is not a duplicate: the remembered ids are state,
 * restored with the checkpoint.
 */
public class DuplicateEventFunction extends KeyedProcessFunction<String, AccessEvent, AccessEvent> {
    private static final long serialVersionUID = 1L;

    private final long stateTtlMillis;
    private transient ValueState<RecentEventIds> state;
    private transient LongCounter deadLetters;
    private transient LongCounter valid;

    public DuplicateEventFunction(long stateTtlMillis) {
        this.stateTtlMillis = stateTtlMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(
                                Descriptors.expiring(
                                        new ValueStateDescriptor<>(
                                                "recent-event-ids", RecentEventIds.class),
                                        stateTtlMillis));
        deadLetters = getRuntimeContext().getLongCounter(Descriptors.DEAD_LETTER_COUNT);
        valid = getRuntimeContext().getLongCounter(Descriptors.EVENTS_VALID);
    }

    @Override
    public void processElement(AccessEvent e, Context ctx, Collector<AccessEvent> out)
            throws Exception {
        RecentEventIds s = state.value();
        if (s == null) {
            s = new RecentEventIds();
        }
        boolean duplicate = RecentEventIds.seenBefore(s, e.eventId);
        if (!duplicate) {
            state.update(s);
            out.collect(e);
            return;
        }
        deadLetters.add(1);
        // The parser counted it valid: it is a dead letter instead.
        valid.add(-1);
        // The event is masked already: its contract form is what may be stored.
        byte[] json = ContractWriter.toJson(e).getBytes(StandardCharsets.UTF_8);
        ctx.output(
                Descriptors.DEAD_LETTERS,
                DeadLetter.of(
                        new io.agentwatch.models.event.InvalidEvent(
                                "event_id",
                                ErrorReason.DUPLICATE_EVENT,
                                "event_id "
                                        + e.eventId
                                        + " was already seen among agent "
                                        + e.agentId
                                        + "'s recent events: judged once"),
                        json,
                        0,
                        json.length,
                        null,
                        -1,
                        System.currentTimeMillis()));
    }
}

package io.agentwatch.jobs.functions;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.ContractWriter;
import io.agentwatch.models.event.ErrorReason;
import io.agentwatch.models.event.InvalidEvent;
import io.agentwatch.models.output.DeadLetter;

/**
 * An event whose id the agent's recent events already had (a shipper's redelivery) becomes a {@code
 * DUPLICATE_EVENT} dead letter, so every event is judged once. A replay after a restore is not a
 * duplicate: the remembered ids are keyed state, restored with the checkpoint.
 */
final class DuplicateEvents {
    private DuplicateEvents() {}

    static DeadLetter deadLetter(AccessEvent e) {
        // The event is masked already: its contract form is what may be stored.
        byte[] json = ContractWriter.toBytes(e);
        return DeadLetter.of(
                new InvalidEvent(
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
                System.currentTimeMillis());
    }
}

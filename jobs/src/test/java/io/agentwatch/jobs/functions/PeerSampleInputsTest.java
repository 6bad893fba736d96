package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.event;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PeerSampleInputsTest {
    @Test
    void sendsTheSampledFieldsOfOnlyTheEventsThatCanChangeSamples() throws Exception {
        AccessEvent[] events = {
            event("a", T0, Action.SEARCH),
            event("a", T0 + MINUTE, Action.SEARCH), // same windows, nothing to count: held back
            cardSearch("a", T0 + 2 * MINUTE),
            view("a", T0 + 3 * MINUTE),
            event("a", T0 + 4 * MINUTE, Action.LOGOUT), // held back
            event("b", T0 + 4 * MINUTE, Action.SEARCH),
            event("a", T0 + 16 * MINUTE, Action.SEARCH), // the next card-search window
        };
        try (OneInputStreamOperatorTestHarness<AccessEvent, AccessEvent> h =
                new OneInputStreamOperatorTestHarness<>(
                        new StreamFlatMap<>(
                                new PeerSampleInputs(new PeerSampler(15 * MINUTE, HOUR, 5))))) {
            h.open();
            for (AccessEvent e : events) {
                h.processElement(e, e.timestamp);
            }
            List<AccessEvent> sent = h.extractOutputValues();
            assertThat(sent)
                    .containsExactly(
                            PeerSampler.sampledFields(events[0]),
                            PeerSampler.sampledFields(events[2]),
                            PeerSampler.sampledFields(events[3]),
                            PeerSampler.sampledFields(events[5]),
                            PeerSampler.sampledFields(events[6]));
            assertThat(sent).allSatisfy(e -> assertThat(e.eventId).isNull());
        }
    }
}

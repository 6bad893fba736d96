package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.detect.PeerSample;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.event.AccessEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class PeerSampleFunctionTest {
    private static final long WINDOW = 15 * MINUTE;

    @Test
    void samplesEachClosedWindowPerAgent() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, AccessEvent, PeerSample> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new PeerSampleFunction(
                                new PeerSampler(WINDOW, 60 * MINUTE, 5), 24 * 60 * MINUTE),
                        e -> e.agentId,
                        Types.STRING)) {
            AccessEvent[] events = {
                cardSearch("a", T0),
                cardSearch("a", T0 + MINUTE),
                view("a", T0 + 2 * MINUTE),
                view("b", T0), // another agent, own state
                view("a", T0 + WINDOW), // closes a's first window: 2 searches
                view("a", T0 + 5 * WINDOW), // closes a's second window: 0
            };
            for (AccessEvent e : events) {
                h.processElement(PeerSampler.sampledFields(e), e.timestamp);
            }
            List<PeerSample> samples = h.extractOutputValues();
            assertThat(samples).extracting(s -> s.count).containsExactly(2, 0);
            assertThat(samples).extracting(s -> s.group).containsOnly("tier1");
            assertThat(samples.get(0).bucketStart).isEqualTo(T0);
            assertThat(samples.get(1).bucketStart).isEqualTo(T0 + WINDOW);
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        }
    }
}

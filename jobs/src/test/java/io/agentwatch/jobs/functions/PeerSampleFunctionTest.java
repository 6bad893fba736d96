package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.detect.AgentSamples;
import io.agentwatch.models.detect.PeerSample;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.state.AgentExpiry;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class PeerSampleFunctionTest {
    private static final long WINDOW = 15 * MINUTE;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final long TTL = 3 * DAY;

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

    @Test
    void anAgentsSamplesAreDroppedTheTtlAfterTheDayOfItsLastEvent() throws Exception {
        try (var h = harness(TTL)) {
            h.open();
            h.processElement(PeerSampler.sampledFields(view("a", T0)), T0);
            h.processElement(PeerSampler.sampledFields(view("b", T0)), T0);
            // b works on for two more days: its timer moves once a day, a's stays.
            h.processElement(PeerSampler.sampledFields(view("b", T0 + DAY)), T0 + DAY);
            h.processElement(
                    PeerSampler.sampledFields(view("b", T0 + DAY + MINUTE)), T0 + DAY + MINUTE);
            h.processElement(PeerSampler.sampledFields(view("b", T0 + 2 * DAY)), T0 + 2 * DAY);
            // A late event of b's from the day before keeps b's expiry where it was.
            h.processElement(
                    PeerSampler.sampledFields(view("b", T0 + DAY + 2 * MINUTE)),
                    T0 + DAY + 2 * MINUTE);
            assertThat(h.numEventTimeTimers()).as("one timer an agent").isEqualTo(2);

            long aExpires = AgentExpiry.at(T0, TTL);
            h.processWatermark(aExpires - 1);
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
            h.processWatermark(aExpires);
            assertThat(h.numKeyedStateEntries()).as("a dropped, b kept").isEqualTo(1);
            assertThat(samples(h, "a")).isNull();
            h.processWatermark(AgentExpiry.at(T0 + DAY, TTL));
            assertThat(samples(h, "b")).as("b's last day is the third").isNotNull();

            h.processWatermark(AgentExpiry.at(T0 + 2 * DAY, TTL));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void samplesKeptWithFlinksTtlRestoreWithoutItOnBothBackendsAndExpireAfterTheNextEvent()
            throws Exception {
        AgentSamples earlier = new AgentSamples();
        PeerSampler sampler = new PeerSampler(WINDOW, 60 * MINUTE, 5);
        sampler.onEvent(earlier, PeerSampler.sampledFields(cardSearch("a", T0)), s -> {});
        sampler.onEvent(earlier, PeerSampler.sampledFields(view("a", T0 + DAY)), s -> {});
        for (StateBackend backend :
                new StateBackend[] {new HashMapStateBackend(), new EmbeddedRocksDBStateBackend()}) {
            String name = backend.getClass().getSimpleName();
            OperatorSubtaskState snapshot =
                    EarlierState.snapshot(PeerSampleFunction.stateDescriptor(), earlier, backend);
            try (var h = harness(TTL)) {
                h.setStateBackend(backend);
                h.setup();
                h.initializeState(snapshot);
                h.open();
                AgentSamples restored = samples(h, "a");
                assertThat(restored).as(name).usingRecursiveComparison().isEqualTo(earlier);
                assertThat(restored.expiryTimer).as(name).isEqualTo(Long.MIN_VALUE);

                // Its next event, on the same day, gives it the expiry timer the TTL era lacked.
                h.processElement(
                        PeerSampler.sampledFields(view("a", T0 + DAY + MINUTE)), T0 + DAY + MINUTE);
                assertThat(samples(h, "a").activeDays).as(name).isEqualTo(2);
                h.processWatermark(AgentExpiry.at(T0 + DAY, TTL));
                assertThat(samples(h, "a")).as(name).isNull();
            }
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AccessEvent, PeerSample> harness(
            long ttl) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new PeerSampleFunction(new PeerSampler(WINDOW, 60 * MINUTE, 5), ttl)),
                e -> e.agentId,
                Types.STRING);
    }

    private static AgentSamples samples(
            KeyedOneInputStreamOperatorTestHarness<String, AccessEvent, PeerSample> h, String agent)
            throws Exception {
        return KeyedValues.of(h.getOperator(), agent, PeerSampleFunction.stateDescriptor());
    }
}

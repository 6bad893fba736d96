package io.agentwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import io.agentwatch.models.testing.BitExact;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link AgentDetectorsFunction} on RocksDB, which serializes the agent's value on every access
 * (the heap backend only at checkpoints): the compact layout must give the same findings and the
 * same state as the heap, through a snapshot and restore midway.
 */
class AgentDetectorsRocksDbTest {
    private static final long TTL = 400L * 24 * 3_600_000L;

    private static KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> harness(
            StateBackend backend) throws Exception {
        var h =
                AgentDetectorStates.harness(
                        new AgentDetectorsFunction(Settings.defaults(), null, TTL));
        h.setStateBackend(backend);
        return h;
    }

    private record Outcome(List<String> findings, List<AgentDetectorState> states) {}

    private static Outcome run(StateBackend backend, List<AccessEvent> events) throws Exception {
        List<String> findings = new ArrayList<>();
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        int half = events.size() / 2;
        try (var h = harness(backend)) {
            h.setup();
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            for (AccessEvent e : events.subList(0, half)) {
                h.processElement(e, e.timestamp);
            }
            h.extractOutputValues().forEach(f -> findings.add(f.ruleId + "@" + f.agentId));
            snapshot = h.snapshot(1, events.get(half).timestamp);
        }
        try (var h = harness(backend)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            for (AccessEvent e : events.subList(half, events.size())) {
                h.processElement(e, e.timestamp);
            }
            h.extractOutputValues().forEach(f -> findings.add(f.ruleId + "@" + f.agentId));
            List<AgentDetectorState> states = new ArrayList<>();
            TreeSet<String> agents = new TreeSet<>();
            events.forEach(e -> agents.add(e.agentId));
            for (String agent : agents) {
                states.add(AgentDetectorStates.of(h, agent));
            }
            return new Outcome(findings, states);
        }
    }

    @Test
    void rocksDbGivesTheHeapsFindingsAndState() throws Exception {
        EventSanitizer sanitizer = EventSanitizer.withDefaults();
        List<AccessEvent> events = new ArrayList<>();
        new ContactCentreSimulator(
                        new SimulationConfig(5, 12, 3, SimulationConfig.DEFAULT_START, 2_000))
                .run((AccessEvent e) -> events.add(sanitizer.sanitize(e)), null);
        assertThat(events.size()).isGreaterThan(1_000);

        Outcome heap = run(new HashMapStateBackend(), events);
        Outcome rocks = run(new EmbeddedRocksDBStateBackend(), events);

        assertThat(heap.findings()).as("the simulated scenarios raise findings").isNotEmpty();
        assertThat(rocks.findings()).isEqualTo(heap.findings());
        assertThat(rocks.states()).hasSize(12);
        assertThat(rocks.states())
                .usingRecursiveFieldByFieldElementComparator(BitExact.FIELDS)
                .containsExactlyElementsOf(heap.states());
    }
}

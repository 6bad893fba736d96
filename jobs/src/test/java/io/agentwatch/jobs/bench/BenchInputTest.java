package io.agentwatch.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.EventParser;
import io.agentwatch.models.event.ParseResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchInputTest {
    @Test
    void clonesAgentsKeepsEachInOnePartitionInTimeOrderAndMarksEveryProbe() throws Exception {
        AgentStateFootprint footprint = new AgentStateFootprint(1);
        BenchInput input = BenchInput.generate(3, 20, 100, 30_000, 1_000, 2, footprint, n -> {});
        try {
            EventParser parser = new EventParser();
            Map<String, Integer> partitionOf = new HashMap<>();
            Map<String, Long> lastTime = new HashMap<>();
            Set<String> agents = new HashSet<>();
            int probesMarked = 0;
            long lines = 0;
            for (int p = 0; p < input.partitions.length; p++) {
                for (int i = 0; i < input.partitions[p].length; i++) {
                    ParseResult r = parser.parse(input.partitions[p][i]);
                    assertThat(r.isValid()).as("line %d of partition %d", i, p).isTrue();
                    AccessEvent e = r.event();
                    lines++;
                    partitionOf.putIfAbsent(e.agentId, p);
                    assertThat(partitionOf.get(e.agentId))
                            .as("partition of %s", e.agentId)
                            .isEqualTo(p);
                    assertThat(e.timestamp)
                            .as("%s in time order", e.agentId)
                            .isGreaterThanOrEqualTo(lastTime.getOrDefault(e.agentId, 0L));
                    lastTime.put(e.agentId, e.timestamp);
                    if (!e.agentId.startsWith(BenchInput.PROBE_PREFIX)) {
                        agents.add(e.agentId);
                    }
                    if (input.probeAt[p][i] >= 0) {
                        probesMarked++;
                        assertThat(e.agentId)
                                .isEqualTo(BenchInput.PROBE_PREFIX + input.probeAt[p][i]);
                    }
                }
            }
            assertThat(agents).as("20 simulated agents, 5 clones each").hasSize(100);
            assertThat(input.probes()).isEqualTo(30);
            assertThat(probesMarked).isEqualTo(30);
            assertThat(lines)
                    .isEqualTo(input.events)
                    .isEqualTo(30_000 + 30L * BenchInput.PROBE_SEARCHES);
            assertThat(footprint.agents()).isEqualTo(100);
            assertThat(footprint.measure().get("total").mean()).isPositive();
        } finally {
            input.release();
        }
    }

    @Test
    void clonesSplitTheAgentHoursTheModelScores() throws Exception {
        BenchInput whole = BenchInput.generate(3, 20, 20, 20_000, 0, 2, null, n -> {});
        BenchInput cloned = BenchInput.generate(3, 20, 200, 20_000, 0, 2, null, n -> {});
        try {
            assertThat(whole.eventsPerAgentHour()).isGreaterThan(3);
            assertThat(cloned.eventsPerAgentHour())
                    .as("the same events over ten times the agents")
                    .isLessThan(whole.eventsPerAgentHour() / 2)
                    .isGreaterThanOrEqualTo(1);
        } finally {
            whole.release();
            cloned.release();
        }
    }

    @Test
    void percentilesAreNearestRank() {
        long[] values = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertThat(Percentiles.of(values, 50)).isEqualTo(5);
        assertThat(Percentiles.of(values, 99)).isEqualTo(10);
        assertThat(Percentiles.of(values, 10)).isEqualTo(1);
        assertThat(Percentiles.of(new long[0], 50)).isNaN();
        assertThat(Percentiles.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Percentiles.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }
}

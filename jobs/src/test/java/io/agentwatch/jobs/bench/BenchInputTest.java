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
        BenchInput input =
                BenchInput.generate(
                        3,
                        20,
                        100,
                        BenchInput.Clones.CONCURRENT,
                        30_000,
                        1_000,
                        2,
                        footprint,
                        n -> {});
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
                            .as("line %d of partition %d in time order", i, p)
                            .isGreaterThanOrEqualTo(lastTime.getOrDefault("partition " + p, 0L));
                    lastTime.put("partition " + p, e.timestamp);
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
    void interleavedClonesSplitTheAgentHoursTheModelScores() throws Exception {
        BenchInput whole = generate(20, BenchInput.Clones.INTERLEAVED);
        BenchInput cloned = generate(200, BenchInput.Clones.INTERLEAVED);
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
    void concurrentClonesWorkAtOnceAndAsBusyAsTheirAgent() throws Exception {
        BenchInput whole = generate(20, BenchInput.Clones.CONCURRENT);
        BenchInput cloned = generate(200, BenchInput.Clones.CONCURRENT);
        try {
            assertThat(cloned.eventsPerAgentHour())
                    .as("a clone's hours hold as many events as its agent's")
                    .isGreaterThan(0.7 * whole.eventsPerAgentHour());
            Map<String, Long> firstHour = new HashMap<>();
            Map<String, Set<String>> clonesOf = new HashMap<>();
            EventParser parser = new EventParser();
            for (byte[][] partition : cloned.partitions) {
                for (byte[] line : partition) {
                    AccessEvent e = parser.parse(line).event();
                    firstHour.putIfAbsent(e.agentId, e.timestamp / 3_600_000L);
                    String agent = e.agentId.substring(0, e.agentId.indexOf('~'));
                    clonesOf.computeIfAbsent(agent, k -> new HashSet<>()).add(e.agentId);
                }
            }
            assertThat(firstHour).hasSize(200);
            for (Set<String> clones : clonesOf.values()) {
                assertThat(clones).hasSize(10);
                assertThat(clones.stream().map(firstHour::get).distinct())
                        .as("the clones of one agent start in its first hour: %s", clones)
                        .hasSize(1);
            }
        } finally {
            whole.release();
            cloned.release();
        }
    }

    private static BenchInput generate(int agents, BenchInput.Clones clones) throws Exception {
        return BenchInput.generate(3, 20, agents, clones, 20_000, 0, 2, null, n -> {});
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

package io.agentwatch.jobs.bench;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.ContractWriter;
import io.agentwatch.models.event.Fnv64;
import io.agentwatch.models.event.Outcome;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Pre-generated benchmark events held in memory as contract NDJSON lines, split into partitions by
 * agent (one reader each, so an agent's events stay in order), with probe bursts for latency.
 *
 * <p>The simulator's agents are split into clones ({@code agentId~k}, every k-th event of the
 * agent) to reach a number of agents the simulator could not hold a day of in memory, keeping the
 * total event rate and each clone's stream in time order. A probe is a new agent searching for card
 * numbers {@value #PROBE_SEARCHES} times within seconds: {@code card_search_burst} alerts on the
 * last search, whose emission time the source records.
 *
 * <p>Sources find the data by id in this process: the benchmark runs on an embedded cluster.
 */
public final class BenchInput {
    static final String PROBE_PREFIX = "bench-probe-";
    static final int PROBE_SEARCHES = 8;
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final Map<String, BenchInput> REGISTERED = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    final String id;
    final byte[][][] partitions;

    /** Per partition, per line: the probe whose alert this line triggers, or -1. */
    final int[][] probeAt;

    final int agents;
    final int probes;
    final long events;

    /** Distinct (agent, clock hour) pairs of the simulated events: the agent-hours models score. */
    final long agentHours;

    private final long[] emittedAt;

    private BenchInput(
            byte[][][] partitions, int[][] probeAt, int agents, int probes, long agentHours) {
        this.id = "bench-" + IDS.incrementAndGet();
        this.partitions = partitions;
        this.probeAt = probeAt;
        this.agents = agents;
        this.probes = probes;
        long n = 0;
        for (byte[][] p : partitions) {
            n += p.length;
        }
        this.events = n;
        this.agentHours = agentHours;
        this.emittedAt = new long[probes];
    }

    /**
     * Simulates {@code baseAgents} agents until {@code events} events, cloned into {@code agents}
     * agents, with a probe burst every {@code probeEvery} events (0: none); each event, masked as
     * the job masks it, also goes to {@code footprint} (when given).
     */
    public static BenchInput generate(
            long seed,
            int baseAgents,
            int agents,
            long events,
            int probeEvery,
            int partitionCount,
            AgentStateFootprint footprint,
            LongConsumer progress)
            throws IOException {
        if (agents < baseAgents || agents % baseAgents != 0) {
            throw new IllegalArgumentException(
                    "agents must be a multiple of " + baseAgents + ", is " + agents);
        }
        int clones = agents / baseAgents;
        List<List<byte[]>> lines = new ArrayList<>();
        List<List<Integer>> probeLines = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            lines.add(new ArrayList<>());
            probeLines.add(new ArrayList<>());
        }
        Map<String, int[]> seen = new java.util.HashMap<>();
        java.util.Set<Long> agentHours = new java.util.HashSet<>();
        EventSanitizer sanitizer = EventSanitizer.withDefaults();
        long[] count = {0};
        int[] probes = {0};
        // Enough days for the wanted number of events (the simulator stops being asked after).
        int days = (int) Math.min(3660, Math.max(1, events / (baseAgents * 100L) + 2));
        SimulationConfig config =
                new SimulationConfig(
                        seed, baseAgents, days, SimulationConfig.DEFAULT_START, 50_000);
        try {
            new ContactCentreSimulator(config)
                    .run(
                            (AccessEvent e) -> {
                                if (count[0] >= events) {
                                    throw new Enough();
                                }
                                int[] n = seen.computeIfAbsent(e.agentId, k -> new int[1]);
                                if (clones > 1) {
                                    e.agentId = e.agentId + "~" + (n[0]++ % clones);
                                }
                                add(lines, probeLines, e, -1);
                                agentHours.add(
                                        Fnv64.of(e.agentId) * 31
                                                + Math.floorDiv(e.timestamp, HOUR_MILLIS));
                                if (footprint != null) {
                                    footprint.onEvent(sanitizer.sanitize(e));
                                }
                                count[0]++;
                                if (probeEvery > 0 && count[0] % probeEvery == 0) {
                                    addProbe(lines, probeLines, e, probes[0]++);
                                }
                                if (count[0] % 100_000 == 0) {
                                    progress.accept(count[0]);
                                }
                            },
                            null);
        } catch (Enough done) {
            // the wanted number of events
        }
        byte[][][] parts = new byte[partitionCount][][];
        int[][] probeAt = new int[partitionCount][];
        for (int p = 0; p < partitionCount; p++) {
            parts[p] = lines.get(p).toArray(new byte[0][]);
            probeAt[p] = probeLines.get(p).stream().mapToInt(Integer::intValue).toArray();
        }
        BenchInput input = new BenchInput(parts, probeAt, agents, probes[0], agentHours.size());
        REGISTERED.put(input.id, input);
        return input;
    }

    private static void add(
            List<List<byte[]>> lines, List<List<Integer>> probeLines, AccessEvent e, int probe) {
        int p = Math.floorMod(e.agentId.hashCode(), lines.size());
        lines.get(p).add(ContractWriter.toJson(e).getBytes(StandardCharsets.UTF_8));
        probeLines.get(p).add(probe);
    }

    /** A new agent's burst of card-number searches right after {@code at}. */
    private static void addProbe(
            List<List<byte[]>> lines, List<List<Integer>> probeLines, AccessEvent at, int probe) {
        String agent = PROBE_PREFIX + probe;
        for (int i = 0; i < PROBE_SEARCHES; i++) {
            AccessEvent s = new AccessEvent();
            s.eventId = agent + "-" + i;
            s.timestamp = at.timestamp + i;
            s.agentId = agent;
            s.agentRole = "tier1";
            s.agentTeam = "bench-probes";
            s.action = Action.SEARCH;
            s.outcome = Outcome.SUCCESS;
            s.resourceType = "payment_card";
            s.query = "card 4111 1111 1111 1111";
            add(lines, probeLines, s, i == PROBE_SEARCHES - 1 ? probe : -1);
        }
    }

    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    static BenchInput registered(String id) {
        BenchInput input = REGISTERED.get(id);
        if (input == null) {
            throw new IllegalStateException(
                    "benchmark input " + id + " is not in this process: bench runs embedded");
        }
        return input;
    }

    /**
     * Simulated events per agent-hour. Work per agent-hour (closing its features, scoring it with
     * the model, its timer) is paid that many times less often than work per event: clones split an
     * agent's hours, so more agents mean fewer events per agent-hour.
     */
    public double eventsPerAgentHour() {
        long simulated = events - (long) probes * PROBE_SEARCHES;
        return agentHours == 0 ? 0 : simulated / (double) agentHours;
    }

    /** Probe bursts in the input. */
    public int probes() {
        return probes;
    }

    void emitted(int probe, long nanos) {
        emittedAt[probe] = nanos;
    }

    long emittedAt(int probe) {
        return emittedAt[probe];
    }

    /** Frees the lines and the probes' latencies. */
    public void release() {
        REGISTERED.remove(id);
        ProbeLatencySink.forget(this);
    }
}

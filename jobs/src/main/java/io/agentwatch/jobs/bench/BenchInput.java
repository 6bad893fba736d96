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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Pre-generated benchmark events held in memory as contract NDJSON lines, split into partitions by
 * agent (one reader each, so an agent's events stay in order), with probe bursts for latency.
 *
 * <p>The simulator's agents are split into clones ({@code agentId~k}) to reach a number of agents
 * the simulator could not hold a day of in memory ({@link Clones} says how). A probe is a new agent
 * searching for card numbers {@value #PROBE_SEARCHES} times within seconds: {@code
 * card_search_burst} alerts on the last search, whose emission time the source records.
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

    /** Lines the source has handed on, counted by each reader in steps of {@link #READ_STEP}. */
    private final AtomicLong linesRead = new AtomicLong();

    /** A reader adds to {@link #linesRead()} once per this many lines, not once per line. */
    static final int READ_STEP = 1024;

    /**
     * Checkpoints completed by the jobs reading this input, since {@link #checkpointsCompleted}.
     */
    private final AtomicInteger checkpoints = new AtomicInteger();

    /**
     * When a run's readers handed on their first line and their last ({@link System#nanoTime}),
     * since {@link #streamTimes}; {@link Long#MIN_VALUE} until then.
     */
    private final AtomicLong firstLineAt = new AtomicLong(Long.MIN_VALUE);

    private final AtomicLong lastLineAt = new AtomicLong(Long.MIN_VALUE);

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

    /** How the simulator's agents are split into clones to reach the wanted number of agents. */
    public enum Clones {
        /**
         * Each clone is a run of its agent's consecutive events, moved by whole hours to start in
         * the agent's first hour: all agents work at the same time, each as busy as a simulated
         * agent (a contact centre of that many agents at work).
         */
        CONCURRENT,
        /**
         * Clone {@code k} takes every k-th event of its agent over the whole simulated time: as
         * many agents, each a k-th as busy (most of their hours hold one event).
         */
        INTERLEAVED
    }

    /**
     * Simulates {@code baseAgents} agents until {@code events} events, split into {@code agents}
     * agents as {@code clones} says, with a probe burst every {@code probeEvery} events (0: none);
     * each event, masked as the job masks it, also goes to {@code footprint} (when given).
     */
    public static BenchInput generate(
            long seed,
            int baseAgents,
            int agents,
            Clones clones,
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
        List<AccessEvent> simulated = simulate(seed, baseAgents, events, progress);
        cloneAgents(simulated, agents / baseAgents, clones);

        List<List<Line>> lines = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            lines.add(new ArrayList<>());
        }
        java.util.Set<Long> agentHours = new java.util.HashSet<>();
        EventSanitizer sanitizer = EventSanitizer.withDefaults();
        int probes = 0;
        long seq = 0;
        for (int n = 1; n <= simulated.size(); n++) {
            AccessEvent e = simulated.get(n - 1);
            add(lines, e, seq++, -1);
            agentHours.add(Fnv64.of(e.agentId) * 31 + Math.floorDiv(e.timestamp, HOUR_MILLIS));
            if (probeEvery > 0 && n % probeEvery == 0) {
                List<AccessEvent> burst = probe(e.timestamp, probes);
                for (int i = 0; i < burst.size(); i++) {
                    add(lines, burst.get(i), seq++, i == burst.size() - 1 ? probes : -1);
                }
                probes++;
            }
            if (footprint != null) {
                footprint.onEvent(sanitizer.sanitize(e));
            }
        }
        simulated.clear();
        byte[][][] parts = new byte[partitionCount][][];
        int[][] probeAt = new int[partitionCount][];
        for (int p = 0; p < partitionCount; p++) {
            // Clones moved in time interleave with each other: a partition is read in time order.
            List<Line> partition = lines.get(p);
            partition.sort(
                    Comparator.comparingLong((Line l) -> l.timestamp)
                            .thenComparingLong(l -> l.seq));
            parts[p] = new byte[partition.size()][];
            probeAt[p] = new int[partition.size()];
            for (int i = 0; i < partition.size(); i++) {
                parts[p][i] = partition.get(i).bytes;
                probeAt[p][i] = partition.get(i).probe;
            }
        }
        BenchInput input = new BenchInput(parts, probeAt, agents, probes, agentHours.size());
        REGISTERED.put(input.id, input);
        return input;
    }

    private static List<AccessEvent> simulate(
            long seed, int baseAgents, long events, LongConsumer progress) throws IOException {
        List<AccessEvent> simulated = new ArrayList<>();
        // Enough days for the wanted number of events (the simulator stops being asked after).
        int days = (int) Math.min(3660, Math.max(1, events / (baseAgents * 100L) + 2));
        SimulationConfig config =
                new SimulationConfig(
                        seed, baseAgents, days, SimulationConfig.DEFAULT_START, 50_000);
        try {
            new ContactCentreSimulator(config)
                    .run(
                            (AccessEvent e) -> {
                                if (simulated.size() >= events) {
                                    throw new Enough();
                                }
                                simulated.add(e);
                                if (simulated.size() % 100_000 == 0) {
                                    progress.accept(simulated.size());
                                }
                            },
                            null);
        } catch (Enough done) {
            // the wanted number of events
        }
        return simulated;
    }

    /**
     * Renames each event's agent to its clone ({@code agentId~k}) and moves it in time as needed.
     */
    private static void cloneAgents(List<AccessEvent> simulated, int clones, Clones layout) {
        if (clones == 1) {
            return;
        }
        Map<String, int[]> total = new java.util.HashMap<>();
        for (AccessEvent e : simulated) {
            total.computeIfAbsent(e.agentId, k -> new int[1])[0]++;
        }
        Map<String, int[]> seen = new java.util.HashMap<>();
        Map<String, Long> firstHour = new java.util.HashMap<>();
        Map<String, Long> shift = new java.util.HashMap<>();
        for (AccessEvent e : simulated) {
            int n = seen.computeIfAbsent(e.agentId, k -> new int[1])[0]++;
            if (layout == Clones.INTERLEAVED) {
                e.agentId = e.agentId + "~" + n % clones;
                continue;
            }
            long hour = Math.floorDiv(e.timestamp, HOUR_MILLIS);
            long first = firstHour.computeIfAbsent(e.agentId, k -> hour);
            e.agentId = e.agentId + "~" + (int) ((long) n * clones / total.get(e.agentId)[0]);
            // Whole hours keep each event's minute, and so how the clone's events fill its hours.
            e.timestamp -= shift.computeIfAbsent(e.agentId, k -> (hour - first) * HOUR_MILLIS);
        }
    }

    private record Line(long timestamp, long seq, byte[] bytes, int probe) {}

    private static void add(List<List<Line>> lines, AccessEvent e, long seq, int probe) {
        int p = Math.floorMod(e.agentId.hashCode(), lines.size());
        byte[] bytes = ContractWriter.toBytes(e);
        lines.get(p).add(new Line(e.timestamp, seq, bytes, probe));
    }

    /** A new agent's burst of card-number searches right after {@code at}. */
    private static List<AccessEvent> probe(long at, int probe) {
        String agent = PROBE_PREFIX + probe;
        List<AccessEvent> burst = new ArrayList<>();
        for (int i = 0; i < PROBE_SEARCHES; i++) {
            AccessEvent s = new AccessEvent();
            s.eventId = agent + "-" + i;
            s.timestamp = at + i;
            s.agentId = agent;
            s.agentRole = "tier1";
            s.agentTeam = "bench-probes";
            s.action = Action.SEARCH;
            s.outcome = Outcome.SUCCESS;
            s.resourceType = "payment_card";
            s.query = "card 4111 1111 1111 1111";
            burst.add(s);
        }
        return burst;
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

    void read(int lines) {
        linesRead.addAndGet(lines);
    }

    /**
     * Lines read from this input since it was made, by every run (to within {@link #READ_STEP} per
     * reader): where a run has got to.
     */
    long linesRead() {
        return linesRead.get();
    }

    /** A reader handed on the first line of its partition. */
    void partitionStarted(long nanos) {
        firstLineAt.compareAndSet(Long.MIN_VALUE, nanos);
    }

    /** A reader handed on the last line of its partition. */
    void partitionRead(long nanos) {
        lastLineAt.accumulateAndGet(nanos, Math::max);
    }

    /**
     * The stream of the run since the last call (the first line any reader handed on to the last
     * line of the last reader), which starts it again; null if a run read no partition whole.
     */
    StreamTimes streamTimes() {
        long first = firstLineAt.getAndSet(Long.MIN_VALUE);
        long last = lastLineAt.getAndSet(Long.MIN_VALUE);
        return first == Long.MIN_VALUE || last == Long.MIN_VALUE
                ? null
                : new StreamTimes(first, last);
    }

    /** When a run's source handed on its first line and its last ({@link System#nanoTime}). */
    record StreamTimes(long firstLineAt, long lastLineAt) {
        long nanos() {
            return lastLineAt - firstLineAt;
        }
    }

    void checkpointCompleted() {
        checkpoints.incrementAndGet();
    }

    /**
     * How many checkpoints the jobs reading this input have completed since the last call, which
     * starts the count again: a run at many agents that has one pays a snapshot of every agent.
     */
    int checkpointsCompleted() {
        return checkpoints.getAndSet(0);
    }

    /** Frees the lines and the probes' latencies. */
    public void release() {
        REGISTERED.remove(id);
        ProbeLatencySink.forget(this);
    }
}

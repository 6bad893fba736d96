package io.agentwatch.models.jmh;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.AgentSamples;
import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.CardSearchBurstDetector;
import io.agentwatch.models.detect.CardSearchBurstState;
import io.agentwatch.models.detect.PeerSample;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.detect.behaviour.AgentBehaviourState;
import io.agentwatch.models.detect.behaviour.BehaviourConfig;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.RecentEventIds;
import io.agentwatch.models.features.AgentFeatureState;
import io.agentwatch.models.features.FeatureExtractor;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.OpenAccessUsage;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What an event costs the per-agent detectors (everything the job's detectors operator does with an
 * agent's state, without Flink) when their state is out of the CPU's caches: the same events at
 * 1,000 and 100,000 agents, so the difference is what the larger working set costs and nothing
 * else.
 *
 * <p>Each of the simulation's 40 agents has {@code agents / 40} copies of its state, and every
 * event is applied to each of its agent's copies in turn (in a shuffled order, the states allocated
 * in another): every copy sees its agent's whole stream in time order, so the work per event (hours
 * closing, periods ending, findings) is the same at every agent count, and between two visits of a
 * copy every other copy has been visited, as the job's agents are at that many agents. Figures are
 * nanoseconds per event and agent state (decoding the event's own strings, as the job's
 * deserializer does, included at every agent count).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xms4g", "-Xmx4g"})
public class AgentScaleBenchmarks {
    private static final int SIMULATED_AGENTS = 40;

    @Param({"1000", "100000"})
    public int agents;

    /**
     * Which detectors' work is measured: all of it, or one part on its own (the others still run
     * when the states are warmed up, so every part measures the same grown state).
     */
    @Param public Part part;

    /**
     * The parts of the detectors' work, as {@link #part} names them; and the peer sampler's, which
     * in the job is a keyed operator of its own with its own state per agent (not part of {@code
     * all}).
     */
    public enum Part {
        all,
        recentIds,
        card,
        behaviour,
        features,
        usage,
        peerSampler
    }

    /** The state one agent keeps in the job's detectors operator. */
    static final class AgentState {
        final RecentEventIds recentIds = new RecentEventIds();
        final CardSearchBurstState card = new CardSearchBurstState();
        final AgentBehaviourState behaviour = new AgentBehaviourState();
        final AgentFeatureState features = new AgentFeatureState();
        final OpenAccessUsage usage = new OpenAccessUsage();

        /** The peer sampler's state of the agent (another operator's, in the job). */
        final AgentSamples samples = new AgentSamples();
    }

    private final CardSearchBurstDetector card =
            new CardSearchBurstDetector(CardSearchBurstConfig.defaults());
    private final BehaviourDetectors behaviour = new BehaviourDetectors(BehaviourConfig.defaults());
    private final FeatureExtractor features = new FeatureExtractor();
    private final AccessUsageCounter usage = AccessUsageCounter.of(Settings.defaults());
    private final PeerSampler sampler = PeerSampler.of(Settings.defaults());
    private Blackhole samplesOut;
    private Consumer<PeerSample> samplesSink = sample -> {};

    private AccessEvent[] events;

    /**
     * The UTF-8 bytes of each event's strings that agent state may keep (event id, agent id,
     * address), decoded afresh for every copy as the job's deserializer does for every event: what
     * one agent's state keeps is its own, as in the job, not shared with every other copy.
     */
    private byte[][] eventIds;

    private byte[][] agentIds;
    private byte[][] sourceIps;

    /** For each event, its agent's copies in the order they are visited. */
    private AgentState[][] copiesOf;

    /** Every agent state once, in an order that follows neither memory nor the visits. */
    private AgentState[] everyState;

    private long span;
    private int nextEvent;
    private int nextCopy;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<AccessEvent> simulated = new ArrayList<>();
        EventSanitizer sanitizer = EventSanitizer.withDefaults();
        new ContactCentreSimulator(
                        new SimulationConfig(
                                7, SIMULATED_AGENTS, 3, SimulationConfig.DEFAULT_START, 5_000))
                .run(e -> simulated.add(sanitizer.sanitize(e)), null);
        events = simulated.toArray(AccessEvent[]::new);
        eventIds = new byte[events.length][];
        agentIds = new byte[events.length][];
        sourceIps = new byte[events.length][];
        for (int i = 0; i < events.length; i++) {
            eventIds[i] = utf8(events[i].eventId);
            agentIds[i] = utf8(events[i].agentId);
            sourceIps[i] = utf8(events[i].sourceIp);
        }
        span = events[events.length - 1].timestamp - events[0].timestamp + 60_000;

        long simulatedAgents = simulated.stream().map(e -> e.agentId).distinct().count();
        int perAgent = (int) Math.max(1, agents / simulatedAgents);
        Random random = new Random(7);
        // Allocated in one shuffled order, visited in another: neither follows memory.
        Map<String, AgentState[]> byAgent = new HashMap<>();
        List<Runnable> allocations = new ArrayList<>();
        for (AccessEvent e : events) {
            AgentState[] copies = byAgent.get(e.agentId);
            if (copies == null) {
                AgentState[] created = new AgentState[perAgent];
                byAgent.put(e.agentId, created);
                for (int c = 0; c < perAgent; c++) {
                    int copy = c;
                    allocations.add(() -> created[copy] = new AgentState());
                }
            }
        }
        Collections.shuffle(allocations, random);
        allocations.forEach(Runnable::run);
        for (AgentState[] copies : byAgent.values()) {
            Collections.shuffle(Arrays.asList(copies), random);
        }
        copiesOf = new AgentState[events.length][];
        for (int i = 0; i < events.length; i++) {
            copiesOf[i] = byAgent.get(events[i].agentId);
        }
        // Every copy through the whole stream once, so each has its grown state when measured.
        long copies = (long) events.length * perAgent;
        for (long n = 0; n < copies; n++) {
            step(null);
        }
        List<AgentState> every = new ArrayList<>();
        byAgent.values().forEach(copiesOfOne -> every.addAll(Arrays.asList(copiesOfOne)));
        Collections.shuffle(every, random);
        everyState = every.toArray(AgentState[]::new);
        System.out.printf(
                "%n%,d events of %d agents, %,d copies each: %,d agent states%n",
                events.length, byAgent.size(), perAgent, byAgent.size() * perAgent);
    }

    /**
     * Every agent's grown state, after {@link #setUp()}: for benchmarks of what is done with it.
     */
    AgentState[] everyState() {
        return everyState;
    }

    /** One event on one copy of its agent's state; then the next copy, or the next event. */
    @Benchmark
    public void detectors(Blackhole out) {
        step(out);
    }

    /** Where the peer samples go: the blackhole, made a consumer once and not per event. */
    private Consumer<PeerSample> sink(Blackhole out) {
        if (out != null && out != samplesOut) {
            samplesOut = out;
            samplesSink = out::consume;
        }
        return samplesSink;
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String decode(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    private static void consume(Blackhole out, Object o) {
        if (out != null) {
            out.consume(o);
        }
    }

    private void step(Blackhole out) {
        AccessEvent e = events[nextEvent];
        e.eventId = decode(eventIds[nextEvent]);
        e.agentId = decode(agentIds[nextEvent]);
        e.sourceIp = decode(sourceIps[nextEvent]);
        AgentState s = copiesOf[nextEvent][nextCopy];
        boolean all = out == null || part == Part.all;
        if (all || part == Part.recentIds) {
            consume(out, RecentEventIds.seenBefore(s.recentIds, e.eventId));
        }
        if (all || part == Part.card) {
            consume(out, card.onEvent(s.card, e, null));
        }
        if (all || part == Part.behaviour) {
            consume(out, behaviour.onEvent(s.behaviour, e));
        }
        if (all || part == Part.features) {
            consume(out, features.onEvent(s.features, e));
        }
        if (all || part == Part.usage) {
            consume(out, usage.add(s.usage, e));
        }
        if (out == null || part == Part.peerSampler) {
            sampler.onEvent(s.samples, e, sink(out));
        }
        if (++nextCopy == copiesOf[nextEvent].length) {
            nextCopy = 0;
            if (++nextEvent == events.length) {
                // The stream again, a span later: baselines go on, no event is a duplicate.
                nextEvent = 0;
                for (AccessEvent a : events) {
                    a.timestamp += span;
                }
            }
        }
    }
}

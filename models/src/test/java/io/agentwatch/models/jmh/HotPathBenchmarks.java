package io.agentwatch.models.jmh;

import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.CardSearchBurstDetector;
import io.agentwatch.models.detect.CardSearchBurstState;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.behaviour.AgentBehaviourState;
import io.agentwatch.models.detect.behaviour.BehaviourConfig;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.ContractWriter;
import io.agentwatch.models.event.EventParser;
import io.agentwatch.models.event.ParseResult;
import io.agentwatch.models.features.AgentFeatureState;
import io.agentwatch.models.features.FeatureExtractor;
import io.agentwatch.models.features.FeatureWindow;
import io.agentwatch.models.ml.Dataset;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.Trainer;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-event hot paths of the detector, each on its own, over a simulated contact centre (seed
 * 7, 40 agents, 2 days): parse, classify and mask, the behaviour detectors (baselines included),
 * card_search_burst, feature extraction and model scoring. Run with {@code mvn -q -pl models
 * test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.openjdk.jmh.Main}
 * (docs/benchmarks.md); figures are nanoseconds per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmarks {
    private byte[][] lines;
    private AccessEvent[] events;
    private double[][] featureRows;
    private long span;
    private int next;

    private final EventParser parser = new EventParser();
    private final EventSanitizer sanitizer = EventSanitizer.withDefaults();
    private final BehaviourDetectors behaviour = new BehaviourDetectors(BehaviourConfig.defaults());
    private final CardSearchBurstDetector card =
            new CardSearchBurstDetector(CardSearchBurstConfig.defaults());
    private final FeatureExtractor features = new FeatureExtractor();
    private final Map<String, AgentBehaviourState> behaviourStates = new HashMap<>();
    private final Map<String, CardSearchBurstState> cardStates = new HashMap<>();
    private final Map<String, AgentFeatureState> featureStates = new HashMap<>();
    private ModelBundle bundle;

    /**
     * Copies of the bundle, together far larger than the CPU's caches ({@link #modelScoreCold}).
     */
    private ModelBundle[] copies;

    private static final int COPIES = 64;

    @Setup(Level.Trial)
    public void simulate() throws Exception {
        List<AccessEvent> simulated = new ArrayList<>();
        new ContactCentreSimulator(
                        new SimulationConfig(7, 40, 2, SimulationConfig.DEFAULT_START, 5_000))
                .run(simulated::add, null);
        lines = new byte[simulated.size()][];
        events = new AccessEvent[simulated.size()];
        for (int i = 0; i < events.length; i++) {
            lines[i] = ContractWriter.toBytes(simulated.get(i));
            events[i] = sanitizer.sanitize(simulated.get(i));
        }
        span = events[events.length - 1].timestamp - events[0].timestamp + 60_000;

        List<FeatureWindow> windows = new ArrayList<>();
        Map<String, AgentFeatureState> states = new HashMap<>();
        for (AccessEvent e : events) {
            FeatureWindow w =
                    features.onEvent(
                            states.computeIfAbsent(e.agentId, k -> new AgentFeatureState()), e);
            if (w != null) {
                windows.add(w);
            }
        }
        bundle = Trainer.train(Dataset.of(windows, false), new Trainer.Options(), m -> {});
        java.nio.file.Path saved = java.nio.file.Files.createTempDirectory("agentwatch-jmh-");
        bundle.save(saved);
        copies = new ModelBundle[COPIES];
        for (int i = 0; i < COPIES; i++) {
            copies[i] = ModelBundle.load(saved);
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(saved)) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Files.delete(f);
            }
        }
        java.nio.file.Files.delete(saved);
        featureRows = windows.stream().map(w -> w.values).toArray(double[][]::new);
    }

    /** The next event; after the last, the stream starts again later in time (baselines go on). */
    private AccessEvent nextEvent() {
        AccessEvent e = events[next];
        if (++next == events.length) {
            next = 0;
            for (AccessEvent a : events) {
                a.timestamp += span;
            }
        }
        return e;
    }

    @Benchmark
    public ParseResult parse() {
        byte[] line = lines[next];
        next = (next + 1) % lines.length;
        return parser.parse(line);
    }

    @Benchmark
    public AccessEvent classifyAndMask() {
        // Idempotent: a masked event classifies and masks to itself, so reuse costs the same scan.
        AccessEvent e = events[next];
        next = (next + 1) % events.length;
        return sanitizer.sanitize(e);
    }

    @Benchmark
    public List<Finding> behaviourDetectors() {
        AccessEvent e = nextEvent();
        return behaviour.onEvent(
                behaviourStates.computeIfAbsent(e.agentId, k -> new AgentBehaviourState()), e);
    }

    @Benchmark
    public Finding cardSearchBurst() {
        AccessEvent e = nextEvent();
        return card.onEvent(
                cardStates.computeIfAbsent(e.agentId, k -> new CardSearchBurstState()), e, null);
    }

    @Benchmark
    public FeatureWindow featureExtraction() {
        AccessEvent e = nextEvent();
        return features.onEvent(
                featureStates.computeIfAbsent(e.agentId, k -> new AgentFeatureState()), e);
    }

    /** Per agent-hour, not per event: an hour is scored once, when it closes. */
    @Benchmark
    public byte[] enrichedEventLine() {
        AccessEvent e = events[next];
        next = (next + 1) % events.length;
        return io.agentwatch.models.output.EcsDocuments.eventLine(e);
    }

    @Benchmark
    public double modelScore() {
        double[] row = featureRows[next % featureRows.length];
        next++;
        return bundle.percentile(row);
    }

    /**
     * As the job scores: each agent-hour long after the last, its forest gone from the caches in
     * between. Each call scores with the next of {@value #COPIES} copies of the bundle.
     */
    @Benchmark
    public double modelScoreCold() {
        double[] row = featureRows[next % featureRows.length];
        ModelBundle b = copies[next % COPIES];
        next++;
        return b.percentile(row);
    }
}

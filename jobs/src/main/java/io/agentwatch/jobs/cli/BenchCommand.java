package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.bench.AgentStateFootprint;
import io.agentwatch.jobs.bench.BenchInput;
import io.agentwatch.jobs.bench.BenchRunner;
import io.agentwatch.jobs.bench.Percentiles;
import io.agentwatch.jobs.bench.ThreadCpu;
import io.agentwatch.models.config.ConfigOption;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.ModelUpdate;
import io.agentwatch.models.ml.Trainer;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./detector bench}: the detector's throughput against its floor, its event-to-alert latency
 * at half load, and its state per agent, at several numbers of agents; prints the figures and
 * whether they meet issue 9's targets.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmarks the detector on the embedded cluster: floor vs full pipeline events/s,"
                        + " event-to-alert latency at half load, state bytes per agent, at several"
                        + " numbers of agents.")
public final class BenchCommand implements Callable<Integer> {
    static final double TARGET_EVENTS_PER_SECOND = 100_000;
    static final double TARGET_FLOOR_SHARE = 0.5;
    static final double TARGET_P99_MILLIS = 200;
    static final long TARGET_STATE_BYTES = 4096;
    static final double TARGET_SCALING_DROP = 0.2;
    private static final int BASE_AGENTS = 1000;
    private static final Duration NO_PERIODIC_CHECKPOINT = Duration.ofDays(365);

    @Option(
            names = "--events",
            defaultValue = "1000000",
            description = "Events per input, generated before timing (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--agents",
            split = ",",
            defaultValue = "1000,10000,100000",
            description = "Numbers of agents to run at (default: ${DEFAULT-VALUE}).")
    List<Integer> agentCounts;

    @Option(
            names = "--clones",
            defaultValue = "concurrent",
            description =
                    "How the 1,000 simulated agents become more: concurrent (each clone a run of"
                            + " its agent's events, all at work at once) or interleaved (every k-th"
                            + " event, each clone a k-th as busy) (default: ${DEFAULT-VALUE}).")
    BenchInput.Clones clones;

    @Option(
            names = "--runs",
            defaultValue = "3",
            description =
                    "Timed runs of each pipeline after the warm-ups, the floor's and the full"
                            + " pipeline's at every number of agents in turn; the median counts"
                            + " (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--warmups",
            defaultValue = "2",
            description =
                    "Untimed runs of each pipeline before the timed ones, while the JIT compiles"
                            + " the hot paths (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of every operator (default: ${DEFAULT-VALUE}: the cores).")
    int parallelism;

    @Option(
            names = "--seed",
            defaultValue = "7",
            description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description = "Model bundle to score with (default: one trained on another seed).")
    Path model;

    @Option(
            names = "--probe-every",
            defaultValue = "2000",
            description =
                    "Latency run: a card-search burst by a new agent every this many events"
                            + " (default: ${DEFAULT-VALUE}).")
    int probeEvery;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "EVENTS",
            defaultValue = "1000000",
            description =
                    "A checkpoint halfway through every this many events of each run, both"
                            + " pipelines; 0 for none (default: ${DEFAULT-VALUE}: what a detector"
                            + " at 100,000 events/s pays with run's 10 s interval).")
    long checkpointEvery;

    @Option(
            names = "--checkpoint-interval",
            converter = DurationConverter.class,
            description =
                    "Periodic checkpoints as well, as `run --checkpoint-interval` (default: none;"
                            + " Flink starts the first at a random moment of the interval, so a"
                            + " run shorter than it has one or none by chance).")
    Duration checkpointInterval;

    @Option(
            names = "--final-checkpoint",
            description =
                    "End every run with a checkpoint of all its state, as a bounded job does by"
                            + " default (Flink's checkpoints after tasks finish). Off by default: a"
                            + " running detector never ends, so a run ends with its input.")
    boolean finalCheckpoint;

    private Path checkpoints;

    @Override
    public Integer call() throws Exception {
        Path scratch = Files.createTempDirectory("agentwatch-bench-");
        try {
            return bench(scratch);
        } finally {
            BenchRunner.delete(scratch);
        }
    }

    private Integer bench(Path scratch) throws Exception {
        checkpoints = Files.createDirectories(scratch.resolve("checkpoints"));
        System.out.printf(
                Locale.ROOT,
                "agentwatch bench: %,d events per input (clones %s), parallelism %d, %s, %d runs"
                        + " each (median) after %d warm-up, %d cores, heap %,d MB, Java %s%n",
                events,
                clones.name().toLowerCase(Locale.ROOT),
                parallelism,
                checkpointSchedule(),
                runs,
                warmups,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        Map<String, BundleFiles> models = Map.of(ModelUpdate.LIVE, bundle(scratch));
        BenchRunner runner = new BenchRunner(this::environment, scratch, checkpointEvery);

        System.out.println();
        System.out.println(
                "events/s while the input streams, from the source's first line to its last"
                        + " (whole runs below); CPU per event of whole runs:");
        System.out.println(
                "agents    floor ev/s     full ev/s   full/floor   CPU ns/event (floor, full)"
                        + "   state B/agent (mean, max)   events/agent-hour");
        // Every input is generated first, so that every agent count's runs can take turns too.
        List<BenchInput> inputs = new ArrayList<>();
        List<AgentStateFootprint> footprints = new ArrayList<>();
        List<Measurement> pipelines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int agents : agentCounts) {
            AgentStateFootprint footprint =
                    new AgentStateFootprint(Math.max(1, agents / BASE_AGENTS));
            BenchInput input = generate(agents, 0, footprint);
            inputs.add(input);
            footprints.add(footprint);
            String count = String.format(Locale.ROOT, "%,d agents ", agents);
            pipelines.add(() -> runner.floor(input));
            names.add(count + "floor");
            pipelines.add(() -> runner.full(input, models, 0));
            names.add(count + "full");
        }
        Medians[] medians = inTurn(names, pipelines);

        List<double[]> rows = new ArrayList<>();
        List<Map<String, Double>> fullThreads = new ArrayList<>();
        List<int[]> fullCheckpoints = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            BenchInput input = inputs.get(i);
            input.release();
            int agents = agentCounts.get(i);
            Medians floorRuns = medians[2 * i];
            Medians fullRuns = medians[2 * i + 1];
            double floor = floorRuns.eventsPerSecond;
            double full = fullRuns.eventsPerSecond;
            AgentStateFootprint.Bytes state = footprints.get(i).measure().get("total");
            System.out.printf(
                    Locale.ROOT,
                    "%,7d  %,12.0f  %,12.0f   %9.0f%%   %,15.0f, %,8.0f   %,15d, %,6d   %17.1f%n",
                    agents,
                    floor,
                    full,
                    100 * full / floor,
                    floorRuns.cpuNanosPerEvent,
                    fullRuns.cpuNanosPerEvent,
                    state.mean(),
                    state.max(),
                    input.eventsPerAgentHour());
            rows.add(new double[] {agents, floor, full, state.mean()});
            fullThreads.add(fullRuns.threads);
            fullCheckpoints.add(fullRuns.checkpoints);
        }
        printWholeRuns(agentCounts, medians);
        printThreads(agentCounts, fullThreads);
        printCheckpoints(agentCounts, fullCheckpoints);

        double maxRate = rows.get(0)[2];
        BenchInput probed = generate(agentCounts.get(0), probeEvery, null);
        System.err.printf(Locale.ROOT, "bench: latency run at %,.0f events/s%n", maxRate / 2);
        runner.full(probed, models, maxRate / 2);
        long[] latencies = BenchRunner.probeLatencies(probed);
        probed.release();
        double p50 = Percentiles.of(latencies, 50) / 1e6;
        double p99 = Percentiles.of(latencies, 99) / 1e6;
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "event-to-alert latency at %,.0f events/s (half the full pipeline's rate), %,d"
                        + " agents: p50 %.1f ms, p99 %.1f ms over %d of %d probe bursts%n",
                maxRate / 2,
                agentCounts.get(0),
                p50,
                p99,
                latencies.length,
                probed.probes());

        System.out.println();
        System.out.println("targets (issue 9):");
        boolean all = true;
        for (double[] r : rows) {
            all &=
                    target(
                            String.format(
                                    Locale.ROOT,
                                    "%,d agents: full >= 100,000 events/s",
                                    (int) r[0]),
                            r[2] >= TARGET_EVENTS_PER_SECOND);
            all &=
                    target(
                            String.format(
                                    Locale.ROOT, "%,d agents: full >= 50%% of floor", (int) r[0]),
                            r[2] >= TARGET_FLOOR_SHARE * r[1]);
            all &=
                    target(
                            String.format(
                                    Locale.ROOT, "%,d agents: state <= 4 KB per agent", (int) r[0]),
                            r[3] <= TARGET_STATE_BYTES);
        }
        double[] slowest = rows.stream().min(Comparator.comparingDouble(r -> r[2])).orElseThrow();
        double[] fastest = rows.stream().max(Comparator.comparingDouble(r -> r[2])).orElseThrow();
        all &=
                target(
                        String.format(
                                Locale.ROOT,
                                "throughput within 20%% across agent counts (the slowest, %,d"
                                        + " agents, %+.1f%% against %,d agents)",
                                (int) slowest[0],
                                100 * (slowest[2] / fastest[2] - 1),
                                (int) fastest[0]),
                        slowest[2] >= (1 - TARGET_SCALING_DROP) * fastest[2]);
        all &= target("p99 event-to-alert latency < 200 ms at half load", p99 < TARGET_P99_MILLIS);
        return all ? 0 : 3;
    }

    private static boolean target(String what, boolean met) {
        System.out.printf("  %-4s %s%n", met ? "met" : "MISS", what);
        return met;
    }

    private BenchInput generate(int agents, int probes, AgentStateFootprint footprint)
            throws Exception {
        int base = Math.min(BASE_AGENTS, agents);
        return BenchInput.generate(
                seed,
                base,
                agents,
                clones,
                events,
                probes,
                parallelism,
                footprint,
                n -> System.err.printf(Locale.ROOT, "bench: generated %,d events%n", n));
    }

    /**
     * How many checkpoints each of the full pipeline's timed runs completed: each writes every
     * agent's state, so at many agents a run with one is slower than a run without.
     */
    private static void printCheckpoints(List<Integer> agentCounts, List<int[]> runs) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            line.append(i == 0 ? "" : "; ")
                    .append(String.format(Locale.ROOT, "%,d agents ", agentCounts.get(i)))
                    .append(
                            Arrays.stream(runs.get(i))
                                    .mapToObj(Integer::toString)
                                    .collect(Collectors.joining(", ")));
        }
        System.out.println();
        System.out.println(
                "checkpoints completed in each of the full pipeline's timed runs: " + line);
    }

    /** The full pipeline's CPU per event by group of threads, where they could be read. */
    private static void printThreads(List<Integer> agentCounts, List<Map<String, Double>> rows) {
        if (rows.stream().anyMatch(Map::isEmpty)) {
            return;
        }
        System.out.println();
        System.out.println("full pipeline, CPU ns per event by thread (median of the timed runs):");
        StringBuilder header = new StringBuilder(" agents");
        for (String group : ThreadCpu.GROUPS) {
            header.append(String.format(Locale.ROOT, "  %9s", group));
        }
        System.out.println(header);
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder line =
                    new StringBuilder(String.format(Locale.ROOT, "%,7d", agentCounts.get(i)));
            for (String group : ThreadCpu.GROUPS) {
                line.append(
                        String.format(
                                Locale.ROOT,
                                "  %," + Math.max(9, group.length()) + ".0f",
                                rows.get(i).get(group)));
            }
            System.out.println(line);
        }
    }

    /**
     * Events per second over each job's whole run time, beside the stream's of the first table: a
     * run's start and end are paid once per run, and at many agents the end is not small.
     */
    private static void printWholeRuns(List<Integer> agentCounts, Medians[] medians) {
        System.out.println();
        System.out.println(
                "whole runs, the job's start and its end of input included (median of the timed"
                        + " runs):");
        System.out.println(
                " agents    floor ev/s     full ev/s   full start s   full end s   (floor start,"
                        + " end s)");
        for (int i = 0; i < agentCounts.size(); i++) {
            Medians floor = medians[2 * i];
            Medians full = medians[2 * i + 1];
            System.out.printf(
                    Locale.ROOT,
                    "%,7d  %,12.0f  %,12.0f   %12.2f   %10.2f   (%.2f, %.2f)%n",
                    agentCounts.get(i),
                    floor.wholeRunEventsPerSecond,
                    full.wholeRunEventsPerSecond,
                    full.startMillis / 1000,
                    full.endMillis / 1000,
                    floor.startMillis / 1000,
                    floor.endMillis / 1000);
        }
    }

    private interface Measurement {
        BenchRunner.Run run() throws Exception;
    }

    /**
     * The medians of the timed runs, each figure's own; {@code threads}: each group of threads' CPU
     * ns per event ({@link ThreadCpu#GROUPS}), empty where they cannot be read; {@code
     * checkpoints}: how many each timed run completed, in order.
     */
    private record Medians(
            double eventsPerSecond,
            double wholeRunEventsPerSecond,
            double startMillis,
            double endMillis,
            double cpuNanosPerEvent,
            Map<String, Double> threads,
            int[] checkpoints) {}

    /**
     * Every pipeline's runs (the floor's and the full pipeline's, at every number of agents), taken
     * in turn: on a shared machine whose speed drifts by a third within minutes, all of them see
     * the same stretches of it, so the ratios the targets judge (full to floor, and fewest agents
     * to most) move less than with all of one's runs first.
     */
    private Medians[] inTurn(List<String> names, List<Measurement> pipelines) throws Exception {
        int n = pipelines.size();
        // The first runs compile the hot paths (JIT; a single one left the compiler busy through
        // the next): they are not counted.
        for (int i = 0; i < warmups; i++) {
            for (int p = 0; p < n; p++) {
                log(names.get(p) + " warm-up", pipelines.get(p).run());
            }
        }
        BenchRunner.Run[][] timed = new BenchRunner.Run[n][runs];
        for (int i = 0; i < runs; i++) {
            for (int p = 0; p < n; p++) {
                timed[p][i] = pipelines.get(p).run();
                log(names.get(p) + " run " + (i + 1), timed[p][i]);
            }
        }
        Medians[] out = new Medians[n];
        for (int p = 0; p < n; p++) {
            BenchRunner.Run[] r = timed[p];
            Map<String, Double> threads = new LinkedHashMap<>();
            if (!r[0].threadCpuNanos().isEmpty()) {
                for (String group : ThreadCpu.GROUPS) {
                    threads.put(group, median(r, run -> run.cpuNanosPerEvent(group)));
                }
            }
            out[p] =
                    new Medians(
                            median(r, BenchRunner.Run::eventsPerSecond),
                            median(r, BenchRunner.Run::wholeRunEventsPerSecond),
                            median(r, BenchRunner.Run::startMillis),
                            median(r, BenchRunner.Run::endMillis),
                            median(r, BenchRunner.Run::cpuNanosPerEvent),
                            threads,
                            Arrays.stream(r).mapToInt(BenchRunner.Run::checkpoints).toArray());
        }
        return out;
    }

    private static double median(BenchRunner.Run[] runs, ToDoubleFunction<BenchRunner.Run> figure) {
        return Percentiles.median(Arrays.stream(runs).mapToDouble(figure).toArray());
    }

    private static void log(String what, BenchRunner.Run r) {
        System.err.printf(
                Locale.ROOT,
                "bench:   %s: %,.0f events/s (whole run %,.0f: start %.2f s, end %.2f s),"
                        + " %,.0f CPU ns/event, %d checkpoints%n",
                what,
                r.eventsPerSecond(),
                r.wholeRunEventsPerSecond(),
                r.startMillis() / 1000,
                r.endMillis() / 1000,
                r.cpuNanosPerEvent(),
                r.checkpoints());
    }

    private org.apache.flink.streaming.api.environment.StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        // As on a cluster: checkpoints to files (the JobManager's memory takes only 5 MB).
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        // A bounded job's tasks wait at its end for a checkpoint of all its state; a running
        // detector has no end, so by default a run ends with its input (its checkpoints by events
        // stay).
        conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, finalCheckpoint);
        var env = LocalJobRunner.environment(parallelism, false, conf);
        if (checkpointInterval != null) {
            env.enableCheckpointing(checkpointInterval.toMillis());
        } else if (finalCheckpoint) {
            // Tasks wait for a last checkpoint only with periodic ones on: an interval no run
            // reaches.
            env.enableCheckpointing(NO_PERIODIC_CHECKPOINT.toMillis());
        } else {
            // No periodic ones: the runner takes its checkpoints by events.
            env.getCheckpointConfig().disableCheckpointing();
        }
        return env;
    }

    /** When the runs take checkpoints, as the header line says it. */
    private String checkpointSchedule() {
        List<String> when = new ArrayList<>();
        if (checkpointEvery > 0) {
            when.add(
                    String.format(
                            Locale.ROOT, "halfway through every %,d events", checkpointEvery));
        }
        if (checkpointInterval != null) {
            when.add("every " + ConfigOption.format(checkpointInterval));
        }
        if (finalCheckpoint) {
            when.add("at a run's end");
        }
        return when.isEmpty() ? "no checkpoints" : "checkpoints " + String.join(" and ", when);
    }

    /** The given bundle, or one trained on a week of another seed's simulated agents. */
    private BundleFiles bundle(Path scratch) throws Exception {
        if (model != null) {
            return BundleFiles.read(model);
        }
        Path training = scratch.resolve("training.ndjson");
        try (OutputStream out = Files.newOutputStream(training)) {
            new ContactCentreSimulator(
                            new SimulationConfig(
                                    seed + 1000, 200, 7, SimulationConfig.DEFAULT_START, 50_000))
                    .run(out, null);
        }
        Trainer.Options o = new Trainer.Options();
        o.source = "bench";
        ModelBundle bundle =
                Trainer.train(
                        FeatureInputs.dataset(training, null, null, null),
                        o,
                        m -> System.err.println("bench: train: " + m));
        Path folder = scratch.resolve("bundle");
        bundle.save(folder);
        return BundleFiles.read(folder);
    }
}

package io.agentwatch.jobs.bench;

import com.sun.management.OperatingSystemMXBean;
import io.agentwatch.jobs.DetectionJob;
import io.agentwatch.jobs.DetectionStreams;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.ml.BundleFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the floor and the full detection pipeline over a benchmark input and times them. */
public final class BenchRunner {
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Supplier<StreamExecutionEnvironment> environments;
    private final Path scratch;
    private final long checkpointEvery;

    /**
     * @param environments a fresh embedded environment per run, configured as {@code run}'s
     * @param scratch where the full pipeline writes its NDJSON output (emptied after each run)
     * @param checkpointEvery events per checkpoint, each taken halfway through its events ({@link
     *     CheckpointsByEvents}); 0 for none
     */
    public BenchRunner(
            Supplier<StreamExecutionEnvironment> environments, Path scratch, long checkpointEvery) {
        this.environments = environments;
        this.scratch = scratch;
        this.checkpointEvery = checkpointEvery;
    }

    /**
     * One run: events per second while its input streams and over the job's whole run time, the CPU
     * time the whole process spent meanwhile (every thread: tasks, JIT, GC, and the kernel's work
     * on their behalf), also by group of threads ({@link ThreadCpu}; empty where there is no
     * /proc); and the checkpoints the job completed.
     *
     * @param millis the job's run time: its start, the stream, and its end
     * @param streamNanos from the source's first line to its last
     * @param endNanos from the source's last line to the job's end
     */
    public record Run(
            long events,
            long millis,
            long streamNanos,
            long endNanos,
            long cpuNanos,
            Map<String, Long> threadCpuNanos,
            int checkpoints) {
        /**
         * Events per second while the input streams, from the source's first line to its last: the
         * throughput the targets judge. A running detector is deployed once and its input never
         * ends; a run's start (deploying the job) and its end (the watermark at the end of time
         * closing every agent's open hour and review period at once, the last file forced to disk)
         * are paid once per run, whatever its events, and at 100,000 agents the end alone is a
         * tenth of a run.
         */
        public double eventsPerSecond() {
            return events * 1e9 / Math.max(1, streamNanos);
        }

        /** Events per second over the job's whole run time, its start and its end included. */
        public double wholeRunEventsPerSecond() {
            return events * 1000.0 / Math.max(1, millis);
        }

        /** From the job's start to the source's first line. */
        public double startMillis() {
            return Math.max(0, millis - (streamNanos + endNanos) / 1e6);
        }

        /** From the source's last line to the job's end. */
        public double endMillis() {
            return endNanos / 1e6;
        }

        /**
         * CPU nanoseconds per event. Unlike events per second, it does not count time the job spent
         * waiting (on the disk, or for a core another process held), so steps compare better by it
         * on a shared machine.
         */
        public double cpuNanosPerEvent() {
            return (double) cpuNanos / Math.max(1, events);
        }

        /** A group of threads' CPU nanoseconds per event ({@link ThreadCpu#GROUPS}). */
        public double cpuNanosPerEvent(String threads) {
            return (double) threadCpuNanos.getOrDefault(threads, 0L) / Math.max(1, events);
        }
    }

    public Run floor(BenchInput input) throws Exception {
        StreamExecutionEnvironment env = environments.get();
        FloorPipeline.wire(env, input);
        return timed(env, input, "agentwatch bench: floor");
    }

    /**
     * The detection job as {@code run} wires it (every detector, peer baselines, the model, risk,
     * access review) writing its NDJSON outputs, with the input at {@code ratePerSecond} (0: as
     * fast as it goes).
     */
    public Run full(BenchInput input, Map<String, BundleFiles> models, double ratePerSecond)
            throws Exception {
        StreamExecutionEnvironment env = environments.get();
        DataStream<RawLine> raw =
                MemoryLinesSource.stream(env, input, ratePerSecond).uid("access-event-source");
        DetectionStreams streams =
                new DetectionJob(Settings.defaults(), null, models).wire(raw, null, null);
        Path out = Files.createDirectories(scratch.resolve("out"));
        NdjsonFileSinks.attach(streams, out);
        streams.alerts.sinkTo(new ProbeLatencySink(input)).uid("bench-probe-latency");
        try {
            return timed(env, input, "agentwatch bench: full pipeline");
        } finally {
            delete(out);
        }
    }

    /** The probes' event-to-alert latencies of the last full run over {@code input}, in ns. */
    public static long[] probeLatencies(BenchInput input) {
        return ProbeLatencySink.latencies(input).values().stream()
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
    }

    private Run timed(StreamExecutionEnvironment env, BenchInput input, String name)
            throws Exception {
        // Each run starts on a collected heap, as JMH's iterations do: the last run's state (300
        // MB at 100,000 agents), garbage once its job ended, would otherwise be marked and
        // collected during this run, which would pay for the one before it.
        System.gc();
        // The counts start again: the run's own checkpoints and stream are those seen by its end.
        input.checkpointsCompleted();
        input.streamTimes();
        ThreadCpu.Recorder threads = new ThreadCpu.Recorder();
        long cpuBefore = PROCESS.getProcessCpuTime();
        JobExecutionResult result;
        try {
            result = CheckpointsByEvents.execute(env, name, input, checkpointEvery);
        } catch (Exception failed) {
            // Its poller and the stat files it holds open end with it, not with the process.
            threads.stop();
            throw failed;
        }
        long ended = System.nanoTime();
        long cpu = PROCESS.getProcessCpuTime() - cpuBefore;
        long millis = result.getNetRuntime();
        BenchInput.StreamTimes stream = input.streamTimes();
        return new Run(
                input.events,
                millis,
                stream == null ? millis * 1_000_000 : stream.nanos(),
                stream == null ? 0 : ended - stream.lastLineAt(),
                cpu,
                threads.stop(),
                input.checkpointsCompleted());
    }

    /** Deletes a folder and everything in it. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

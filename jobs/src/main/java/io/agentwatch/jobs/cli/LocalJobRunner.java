package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.functions.Descriptors;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;

/** Runs a job on an embedded Flink MiniCluster and reports progress while it runs. */
final class LocalJobRunner {
    static final String WEB_UI_PORTS = "8081-8099";

    /**
     * How long a network buffer may wait to fill before it is sent on: each shuffle between
     * operators can hold a record this long at low rates (Flink's default, 100 ms, spends most of a
     * sub-second alert budget over the job's shuffles).
     */
    static final String BUFFER_TIMEOUT = "10ms";

    /** Checkpoints of embedded runs without --checkpoint-dir (Flink makes a folder per job). */
    static final java.nio.file.Path LOCAL_CHECKPOINTS =
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "agentwatch-checkpoints");

    private LocalJobRunner() {}

    static StreamExecutionEnvironment environment(int parallelism, boolean webUi) {
        return environment(parallelism, webUi, new Configuration());
    }

    /**
     * @param conf the job's own settings (state backend, checkpoints, restarts), added to
     */
    static StreamExecutionEnvironment environment(
            int parallelism, boolean webUi, Configuration conf) {
        // Everything we ship through Flink is a POJO or a basic type: fail fast if Kryo sneaks in.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // No operator keeps a record it was handed (detectors copy what they learn into their own
        // state), and one changes a record only to pass it on (enrichment, to the sinks that read
        // it): chained operators may share records instead of copying each.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        if (!conf.contains(ExecutionOptions.BUFFER_TIMEOUT)) {
            conf.set(ExecutionOptions.BUFFER_TIMEOUT, TimeUtils.parseDuration(BUFFER_TIMEOUT));
        }
        // Accumulators (our progress counters) travel with heartbeats: report every second.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, java.time.Duration.ofSeconds(1));
        StreamExecutionEnvironment env;
        if (webUi) {
            conf.set(RestOptions.BIND_PORT, WEB_UI_PORTS);
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            // Local MiniCluster when run by ./detector; the cluster's own environment when
            // submitted with `flink run`.
            env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            if (!submittedToCluster(env)
                    && !conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
                // Without a folder checkpoints go to the JobManager's memory, which takes 5 MB: a
                // few thousand agents' state. A cluster has its own folder in its configuration.
                conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                conf.set(
                        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        LOCAL_CHECKPOINTS.toUri().toString());
                env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            }
        }
        env.setParallelism(parallelism);
        env.enableCheckpointing(5_000);
        return env;
    }

    /**
     * Executes, printing a progress line every two seconds; returns the result when the job ends.
     */
    static JobExecutionResult execute(
            StreamExecutionEnvironment env, String name, PrintStream progress) throws Exception {
        return execute(env, name, progress, java.time.Duration.ofSeconds(2));
    }

    /**
     * Whether the program runs inside a Flink cluster (submitted by REST or as an application):
     * there it submits the job and returns, the cluster runs it.
     */
    static boolean submittedToCluster(StreamExecutionEnvironment env) {
        return "embedded".equals(env.getConfiguration().get(DeploymentOptions.TARGET));
    }

    /**
     * Executes, printing a progress line every {@code every}; returns when the job ends. Inside a
     * cluster it returns null once the job is submitted.
     */
    static JobExecutionResult execute(
            StreamExecutionEnvironment env,
            String name,
            PrintStream progress,
            java.time.Duration every)
            throws Exception {
        JobClient client = env.executeAsync(name);
        if (submittedToCluster(env)) {
            progress.println("submitted job " + client.getJobID());
            return null;
        }
        long started = System.nanoTime();
        long lastEvents = 0;
        long lastTime = started;
        while (true) {
            try {
                return client.getJobExecutionResult().get(every.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                Map<String, Object> acc;
                try {
                    acc = client.getAccumulators().get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    continue;
                }
                long events = number(acc.get(Descriptors.EVENTS_IN));
                long now = System.nanoTime();
                double rate = (events - lastEvents) / Math.max(1e-9, (now - lastTime) / 1e9);
                progress.printf(
                        "  running %4.0fs: %,d events read (%,.0f/s), %,d findings, %,d alerts,"
                                + " %,d dead letters%n",
                        (now - started) / 1e9,
                        events,
                        rate,
                        number(acc.get(Descriptors.FINDING_COUNT)),
                        number(acc.get(Descriptors.ALERT_COUNT)),
                        number(acc.get(Descriptors.DEAD_LETTER_COUNT)));
                lastEvents = events;
                lastTime = now;
            }
        }
    }

    static long number(Object accumulator) {
        return accumulator instanceof Number ? ((Number) accumulator).longValue() : 0;
    }
}

package io.agentwatch.jobs.cli;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * State backend, checkpoints and restarts of a job: what survives a failure, and how it recovers.
 * The defaults suit a local run; a cluster wants {@code --checkpoint-dir} on shared storage and
 * RocksDB for large state.
 */
public final class FaultToleranceOptions {
    enum Backend {
        hashmap,
        rocksdb
    }

    enum Mode {
        exactly_once,
        at_least_once
    }

    @Option(
            names = "--state-backend",
            defaultValue = "hashmap",
            description =
                    "Where per-agent state lives: hashmap (on the heap, fastest) or rocksdb (on"
                            + " disk, incremental checkpoints, for state larger than memory)"
                            + " (default: ${DEFAULT-VALUE}).")
    Backend backend;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "URI",
            description =
                    "Durable checkpoint storage (file:///..., s3://..., hdfs://...): needed to"
                        + " recover from a lost TaskManager on a cluster and to restart from the"
                        + " latest checkpoint (default: the cluster's execution.checkpointing.dir;"
                        + " embedded: agentwatch-checkpoints in the temp folder).")
    String checkpointDir;

    @Option(
            names = "--checkpoint-mode",
            defaultValue = "exactly_once",
            description =
                    "exactly_once (aligned barriers; outputs are idempotent on top) or"
                            + " at_least_once (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(
            names = "--restart-attempts",
            defaultValue = "2147483647",
            paramLabel = "N",
            description =
                    "Restarts from the latest checkpoint after a failure before the job gives up"
                            + " (default: without end).")
    int restartAttempts;

    @Option(
            names = "--restart-delay",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Wait between restarts (default: ${DEFAULT-VALUE}).")
    Duration restartDelay;

    @Mixin SavepointOptions savepoint;

    /** Writes the options into a job's configuration. */
    void applyTo(Configuration conf) {
        conf.set(StateBackendOptions.STATE_BACKEND, backend.name());
        if (backend == Backend.rocksdb) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        conf.set(
                org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                mode == Mode.exactly_once
                        ? org.apache.flink.core.execution.CheckpointingMode.EXACTLY_ONCE
                        : org.apache.flink.core.execution.CheckpointingMode.AT_LEAST_ONCE);
        savepoint.applyTo(conf);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, restartDelay);
    }
}

package io.agentwatch.jobs.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./detector stop [--rest URL] JOBID}: stops a job on a Flink cluster with a savepoint and
 * prints where it is, the first half of an upgrade ({@code submit --from-savepoint PATH} with the
 * new jar is the second).
 */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description =
                "Stops a job on a Flink cluster with a savepoint (every agent's learned state) and"
                        + " prints its path, for `submit --from-savepoint PATH`.")
public final class StopCommand implements Callable<Integer> {
    @Mixin FlinkRestOption rest;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "URI",
            description =
                    "Where to write the savepoint (default: the cluster's"
                            + " execution.checkpointing.savepoint-dir).")
    String savepointDir;

    @Option(
            names = "--drain",
            description =
                    "For retiring a job: advance event time to its end first, so every timer"
                            + " fires (open access-review periods are written, held-back risk"
                            + " flushed). Not for upgrades: the new job would resume after"
                            + " periods already closed.")
    boolean drain;

    @Option(
            names = "--wait",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long to wait for the savepoint (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Parameters(paramLabel = "JOBID", description = "The job to stop (as `submit` printed it).")
    String jobId;

    @Override
    public Integer call() throws Exception {
        FlinkRest cluster = rest.cluster();
        try {
            String state = cluster.state(jobId);
            if (!state.equals("RUNNING")) {
                System.err.println("error: job " + jobId + " is " + state + ", not RUNNING");
                return 1;
            }
            String savepoint = cluster.stopWithSavepoint(jobId, savepointDir, drain, wait);
            System.out.println("job " + jobId + " stopped; savepoint " + savepoint);
            return 0;
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}

package io.agentwatch.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import picocli.CommandLine.Option;

/**
 * {@code --from-savepoint PATH}: start a job from a savepoint or retained checkpoint, the second
 * half of an upgrade ({@code stop} takes the savepoint). Every agent's learned state carries over
 * to operators of the same uid.
 */
public final class SavepointOptions {
    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Start from this savepoint or retained checkpoint (an upgrade: every agent's"
                            + " learned state carries over; `stop` takes one).")
    String path;

    @Option(
            names = "--allow-non-restored-state",
            description =
                    "With --from-savepoint: start even if it holds state of an operator this job"
                            + " no longer has (that state is dropped).")
    boolean allowNonRestoredState;

    /** For a job this process runs (the embedded cluster). */
    void applyTo(Configuration conf) {
        if (path != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
        }
    }

    /** For a job a cluster runs: the REST request that starts it. */
    void applyTo(ObjectNode runRequest) {
        if (path != null) {
            runRequest.put("savepointPath", path);
            runRequest.put("allowNonRestoredState", allowNonRestoredState);
        }
    }
}

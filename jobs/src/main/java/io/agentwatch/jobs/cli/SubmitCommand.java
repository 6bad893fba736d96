package io.agentwatch.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ./detector submit [--rest URL] -- run ARGS}: sends the shaded job jar to a Flink cluster's
 * REST endpoint, runs the detection job there with the given {@code run} arguments, and reports the
 * job id and its state.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description =
                "Submits the job jar to a Flink cluster (REST) and runs `run ARGS` there; prints"
                        + " the job id and state.")
public final class SubmitCommand implements Callable<Integer> {

    @Mixin FlinkRestOption rest;

    @Option(
            names = "--jar",
            paramLabel = "FILE",
            description = "The shaded job jar (default: the one this command runs from).")
    Path jar;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Job parallelism (default: the cluster's).")
    Integer parallelism;

    @Option(
            names = "--wait",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long to wait for the job to be running (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Mixin SavepointOptions savepoint;

    @Parameters(
            arity = "1..*",
            paramLabel = "ARGS",
            description = "The job's command line: run and its options (after --).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!args.get(0).equals("run")) {
            throw new ParameterException(
                    new CommandLine(this),
                    "the job's arguments start with run (e.g. submit -- run --kafka ...)");
        }
        Path file = jar != null ? jar : ownJar();
        FlinkRest cluster = rest.cluster();
        String jarId;
        try {
            jarId = cluster.upload(file);
        } catch (IOException e) {
            System.err.println(
                    "error: cannot reach the Flink cluster at "
                            + cluster.address()
                            + ": "
                            + e.getMessage());
            return 1;
        }
        ObjectNode request = FlinkRest.request();
        request.put("entryClass", DetectorCli.class.getName());
        request.putPOJO("programArgsList", args);
        if (parallelism != null) {
            request.put("parallelism", parallelism);
        }
        savepoint.applyTo(request);
        String jobId;
        try {
            jobId = cluster.run(jarId, request);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        String state = cluster.awaitSettled(jobId, wait);
        System.out.printf(
                "job %s %s (%s/#/job/running/%s/overview)%n",
                jobId, state, cluster.address(), jobId);
        return state.equals("RUNNING") || state.equals("FINISHED") ? 0 : 1;
    }

    /** The jar this command runs from, when it runs from the shaded jar. */
    private Path ownJar() {
        try {
            Path self =
                    Path.of(
                            SubmitCommand.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
                return self;
            }
        } catch (Exception e) {
            // fall through: ask for --jar
        }
        throw new ParameterException(
                new CommandLine(this), "not running from the job jar: give --jar FILE");
    }
}

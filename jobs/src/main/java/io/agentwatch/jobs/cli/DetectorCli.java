package io.agentwatch.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./detector}: the command line of agentwatch. */
@Command(
        name = "detector",
        mixinStandardHelpOptions = true,
        version = "agentwatch 0.1.0",
        description = "Detects suspicious access to customer data by support agents.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            SetupCommand.class,
            ReportCommand.class,
            EvaluateCommand.class,
            BacktestCommand.class,
            AccessReviewCommand.class,
            BenchCommand.class,
            SubmitCommand.class,
            StopCommand.class,
            FeaturesCommand.class,
            TrainCommand.class,
            SimulateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DetectorCli implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args);
        // Only `run` is submitted to clusters (the other commands need no environment).
        if (args.length > 0
                && args[0].equals("run")
                && LocalJobRunner.submittedToCluster(
                        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
                                .getExecutionEnvironment())) {
            // Inside a Flink cluster (REST submission, application mode) the JVM is the
            // JobManager's: ending it would end the cluster. A failure is the submission's.
            if (code != 0) {
                throw new IllegalStateException(
                        "agentwatch " + String.join(" ", args) + " failed with exit code " + code);
            }
            return;
        }
        System.exit(code);
    }

    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    /** Runs with this environment (tests pass their own). */
    static int run(java.util.Map<String, String> env, String... args) {
        CommandLine cli;
        try {
            cli =
                    new CommandLine(new DetectorCli())
                            .setCaseInsensitiveEnumValuesAllowed(true)
                            .setDefaultValueProvider(OptionDefaults.from(args, env));
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        return cli.setExecutionExceptionHandler(
                        (ex, cmd, parsed) -> {
                            cmd.getErr()
                                    .println(
                                            "error: "
                                                    + (ex
                                                                    instanceof
                                                                    java.nio.file
                                                                            .NoSuchFileException
                                                            ? "no such file: " + ex.getMessage()
                                                            : ex.getMessage()));
                            return 1;
                        })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

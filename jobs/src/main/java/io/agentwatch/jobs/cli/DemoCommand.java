package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.DetectionJob;
import io.agentwatch.jobs.DetectionStreams;
import io.agentwatch.jobs.io.FileInputs;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./detector demo}: simulate a contact centre, run the detection job over it on an embedded
 * Flink, write enriched events and alerts as NDJSON, and judge the alerts against the ground truth.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Runs the detection job on a local Flink MiniCluster over the built-in simulator;"
                        + " no servers needed.")
public final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--agents",
            defaultValue = "" + SimulationConfig.DEFAULT_AGENTS,
            description = "Simulated agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(
            names = "--days",
            defaultValue = "" + SimulationConfig.DEFAULT_DAYS,
            description = "Simulated days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--seed",
            defaultValue = "" + SimulationConfig.DEFAULT_SEED,
            description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--out",
            defaultValue = "demo-out",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--no-web-ui",
            negatable = false,
            description =
                    "Do not start the Flink web UI (default: on, http://localhost:8081 while"
                            + " running).")
    boolean noWebUi;

    @Mixin SettingsOptions settingsOptions;

    @Override
    public Integer call() throws Exception {
        Settings settings = settingsOptions.load();
        Files.createDirectories(out);
        clearPreviousRun(out);

        System.err.printf(
                "agentwatch demo: simulating %d agents over %d days (seed %d)%n",
                agents, days, seed);
        ContactCentreSimulator simulator =
                new ContactCentreSimulator(
                        new SimulationConfig(
                                seed,
                                agents,
                                days,
                                SimulationConfig.DEFAULT_START,
                                SimulationConfig.DEFAULT_CUSTOMERS));
        // The raw events hold card numbers, so they live outside the output folder and are deleted.
        Path raw = Files.createTempFile("agentwatch-demo-", ".ndjson");
        try {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16)) {
                simulator.run(o, SimulateCommand::progress);
            }
            try (Writer w =
                    Files.newBufferedWriter(out.resolve("labels.csv"), StandardCharsets.UTF_8)) {
                ContactCentreSimulator.writeLabelsCsv(simulator.labels(), w);
            }

            StreamExecutionEnvironment env = LocalJobRunner.environment(parallelism, !noWebUi);
            DataStream<RawLine> input =
                    env.fromSource(
                                    FileInputs.source(raw),
                                    WatermarkStrategy.noWatermarks(),
                                    "Simulated access events")
                            .uid("simulator-source")
                            .setParallelism(1);
            DetectionStreams streams =
                    new DetectionJob(settings, settingsOptions.sensitivityRulesPath()).wire(input);
            NdjsonFileSinks.attach(streams, out);

            System.err.printf(
                    "agentwatch demo: running the detection job on a local Flink (parallelism"
                            + " %d)%s%n",
                    parallelism,
                    noWebUi
                            ? ""
                            : "; web UI on http://localhost:8081 (or the next free port) while it"
                                    + " runs");
            JobExecutionResult result = LocalJobRunner.execute(env, "agentwatch demo", System.err);
            long eventsIn =
                    LocalJobRunner.number(
                            result.getAccumulatorResult(
                                    io.agentwatch.jobs.functions.Descriptors.EVENTS_IN));
            long deadLetters =
                    LocalJobRunner.number(
                            result.getAccumulatorResult(
                                    io.agentwatch.jobs.functions.Descriptors.DEAD_LETTER_COUNT));
            DemoSummary summary =
                    DemoSummary.read(
                            out,
                            eventsIn,
                            deadLetters,
                            result.getNetRuntime() / 1000.0,
                            simulator.labels());
            summary.print(System.out, out);
            Path report = ReportCommand.write(out, out.resolve(REPORT));
            System.out.printf("  report                %s%n", report.toAbsolutePath());
            return summary.unmaskedCardLines.isEmpty() ? 0 : 3;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    static final String REPORT = "report.html";

    /** Removes only what a previous demo wrote, never anything else in the folder. */
    private static void clearPreviousRun(Path folder) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                boolean ours =
                        n.equals("labels.csv")
                                || n.equals(REPORT)
                                || NdjsonFileSinks.isOutput(n)
                                || (n.startsWith(".") && n.contains(".inprogress."));
                if (ours && Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }
}

package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.DetectionJob;
import io.agentwatch.jobs.DetectionStreams;
import io.agentwatch.jobs.functions.Descriptors;
import io.agentwatch.jobs.io.FileInputs;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.models.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./detector run}: the production job. Reads access events, writes masked enriched events,
 * alerts and dead letters. With file input it ends when the input ends and prints counts.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Runs the detection job: events in, enriched events, alerts and dead letters out.")
public final class RunCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(
                names = "--input",
                paramLabel = "PATH",
                required = true,
                description =
                        "NDJSON file, .gz file, or a folder of them (bounded: the job ends with the"
                                + " input).")
        Path files;
    }

    @Option(
            names = "--output",
            paramLabel = "DIR",
            required = true,
            description = "Write events-*.ndjson, alerts-*.ndjson and dead-letters-*.ndjson here.")
    Path output;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--web-ui",
            description = "Start Flink's web UI on http://localhost:8081 for a local run.")
    boolean webUi;

    @Mixin SettingsOptions settingsOptions;

    @Override
    public Integer call() throws Exception {
        Settings settings = settingsOptions.load();
        Files.createDirectories(output);
        StreamExecutionEnvironment env = LocalJobRunner.environment(parallelism, webUi);
        DataStream<RawLine> raw =
                env.fromSource(
                                FileInputs.source(input.files),
                                WatermarkStrategy.noWatermarks(),
                                "Access events from files")
                        .uid("file-source")
                        .name("Read " + input.files.getFileName());
        DetectionStreams streams =
                new DetectionJob(settings, settingsOptions.sensitivityRulesPath()).wire(raw);
        NdjsonFileSinks.attach(streams, output);

        JobExecutionResult result = LocalJobRunner.execute(env, "agentwatch", System.err);
        System.out.printf(
                "events in %d, enriched out %d, alerts %d, dead letters %d%n",
                LocalJobRunner.number(result.getAccumulatorResult(Descriptors.EVENTS_IN)),
                LocalJobRunner.number(result.getAccumulatorResult(Descriptors.EVENTS_VALID)),
                LocalJobRunner.number(result.getAccumulatorResult(Descriptors.ALERT_COUNT)),
                LocalJobRunner.number(result.getAccumulatorResult(Descriptors.DEAD_LETTER_COUNT)));
        return 0;
    }
}

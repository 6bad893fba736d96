package io.agentwatch.jobs.cli;

import io.agentwatch.models.features.AgentHourFeatures;
import io.agentwatch.models.features.FeatureTable;
import io.agentwatch.models.features.FeatureWindow;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./detector features}: events to the per-agent hourly feature vectors, as CSV. */
@Command(
        name = "features",
        mixinStandardHelpOptions = true,
        description =
                "Exports the per-agent hourly feature vectors models train on and score ("
                        + AgentHourFeatures.NAME
                        + " v"
                        + AgentHourFeatures.VERSION
                        + ") as CSV.")
public final class FeaturesCommand implements Callable<Integer> {
    @Mixin SensitivityOptions sensitivity;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH",
            description = "Events: an .ndjson or .ndjson.gz file, or a folder of them.")
    Path input;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "Labels CSV (as simulate writes): adds a label column.")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<FeatureWindow> windows = FeatureInputs.fromEvents(input, labels, sensitivity.path());
        Path parentDir = out.toAbsolutePath().getParent();
        if (parentDir != null) {
            Files.createDirectories(parentDir);
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            FeatureTable.writeCsv(windows, labels != null, w);
        }
        System.err.printf("features: wrote %,d rows to %s%n", windows.size(), out);
        return 0;
    }
}

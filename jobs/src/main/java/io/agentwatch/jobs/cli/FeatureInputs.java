package io.agentwatch.jobs.cli;

import io.agentwatch.models.event.EventFiles;
import io.agentwatch.models.features.FeatureTable;
import io.agentwatch.models.features.FeatureWindow;
import io.agentwatch.models.ml.Dataset;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.sensitivity.FieldClassifier;
import io.agentwatch.models.simulator.LabelsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Feature vectors for the model commands: from event files (with progress) or a features CSV. */
final class FeatureInputs {
    private static final long PROGRESS_EVERY = 1_000_000;
    private static final int INVALID_SHOWN = 5;

    private FeatureInputs() {}

    /** Events through the job's feature extractor; labels (a labels CSV) may be null. */
    static List<FeatureWindow> fromEvents(Path input, Path labels, String sensitivityRules)
            throws IOException {
        Map<String, String> byEvent = labels == null ? null : LabelsFile.scenarioByEventId(labels);
        FieldClassifier fields = FieldClassifier.fromFileOrDefaults(sensitivityRules);
        EventFiles files = new EventFiles(new EventSanitizer(fields));
        FeatureTable table = new FeatureTable(byEvent);
        long started = System.nanoTime();
        files.read(
                input,
                e -> {
                    table.add(e);
                    if (files.valid() % PROGRESS_EVERY == 0) {
                        System.err.printf(
                                "features: %,d events read (%.0f s)%n",
                                files.valid(), (System.nanoTime() - started) / 1e9);
                    }
                },
                bad -> {
                    if (files.invalid() <= INVALID_SHOWN) {
                        System.err.println("features: skipped invalid event: " + bad);
                    }
                });
        List<FeatureWindow> windows = table.finish();
        System.err.printf(
                "features: %,d events (%,d invalid, skipped) -> %,d agent-hours%s%n",
                files.valid(),
                files.invalid(),
                windows.size(),
                byEvent == null
                        ? ""
                        : String.format(
                                ", %,d labelled",
                                windows.stream().filter(w -> w.label != null).count()));
        return windows;
    }

    /** From event files or from a features CSV (exactly one of them). */
    static Dataset dataset(Path events, Path features, Path labels, String sensitivityRules)
            throws IOException {
        if ((events == null) == (features == null)) {
            throw new IllegalArgumentException("give --input (events) or --features (CSV)");
        }
        if (features != null) {
            if (labels != null) {
                throw new IllegalArgumentException(
                        "--labels goes with --input; a features CSV carries its own label column");
            }
            return Dataset.readCsv(features, null);
        }
        return Dataset.of(fromEvents(events, labels, sensitivityRules), labels != null);
    }
}

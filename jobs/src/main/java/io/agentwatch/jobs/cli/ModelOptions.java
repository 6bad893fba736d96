package io.agentwatch.jobs.cli;

import io.agentwatch.models.detect.ModelAnomalyDetector;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.ModelUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --model DIR}, {@code --shadow-model DIR}: the bundles a job scores agent-hours with. */
public final class ModelOptions {
    @Option(
            names = "--model",
            paramLabel = "DIR",
            description =
                    "Model bundle (from ./detector train) scoring every agent-hour; its findings"
                            + " (rule model_anomaly) feed the agents' risk.")
    Path live;

    @Option(
            names = "--shadow-model",
            paramLabel = "DIR",
            description =
                    "Model bundle scoring in shadow: its findings are written"
                            + " (model-findings-*.ndjson, the model-findings index) but raise"
                            + " nothing, so a new model is watched before it goes live.")
    Path shadow;

    public ModelOptions() {}

    ModelOptions(Path live, Path shadow) {
        this.live = live;
        this.shadow = shadow;
    }

    boolean present() {
        return live != null || shadow != null;
    }

    /** Bundle folder by slot. */
    Map<String, Path> folders() {
        Map<String, Path> f = new LinkedHashMap<>();
        if (live != null) {
            f.put(ModelUpdate.LIVE, live);
        }
        if (shadow != null) {
            f.put(ModelUpdate.SHADOW, shadow);
        }
        return f;
    }

    /**
     * The bundles' files by slot, each checked to load and to score this build's agent-hours, so a
     * bad bundle stops the command at start with the reason rather than the job later.
     */
    Map<String, BundleFiles> load() throws IOException {
        Map<String, BundleFiles> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> f : folders().entrySet()) {
            BundleFiles files = BundleFiles.read(f.getValue());
            ModelBundle bundle = ModelAnomalyDetector.readScorable(files);
            System.err.println(
                    "model: " + f.getKey() + " bundle " + bundle.id() + " from " + f.getValue());
            out.put(f.getKey(), files);
        }
        return out;
    }
}

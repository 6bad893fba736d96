package io.agentwatch.jobs.cli;

import io.agentwatch.models.ml.Dataset;
import io.agentwatch.models.ml.IsolationForestModel;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.RobustZScoreModel;
import io.agentwatch.models.ml.Trainer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./detector train}: fits a model on feature vectors and writes a model bundle. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Trains an anomaly model on agent-hour features and writes a model bundle.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin SensitivityOptions sensitivity;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description = "Events (.ndjson[.gz] file or folder) to extract features from.")
    Path input;

    @Option(
            names = "--features",
            paramLabel = "CSV",
            description = "Features CSV (as ./detector features writes) instead of --input.")
    Path features;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "Labels CSV for --input: recorded as in-sample metrics only.")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle folder.")
    Path out;

    @Option(
            names = "--algorithm",
            defaultValue = IsolationForestModel.ALGORITHM,
            description =
                    IsolationForestModel.ALGORITHM
                            + " or "
                            + RobustZScoreModel.ALGORITHM
                            + " (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(
            names = "--trees",
            defaultValue = "" + IsolationForestModel.DEFAULT_TREES,
            description = "Isolation forest: trees (default: ${DEFAULT-VALUE}).")
    int trees;

    @Option(
            names = "--sample-size",
            defaultValue = "" + IsolationForestModel.DEFAULT_SAMPLE,
            description = "Isolation forest: rows per tree (default: ${DEFAULT-VALUE}).")
    int sampleSize;

    @Override
    public Integer call() throws Exception {
        Dataset d = FeatureInputs.dataset(input, features, labels, sensitivity.path());
        Trainer.Options o = new Trainer.Options();
        o.algorithm = algorithm;
        o.trees = trees;
        o.sampleSize = sampleSize;
        o.source = String.valueOf(input != null ? input : features);
        ModelBundle bundle = Trainer.train(d, o, m -> System.err.println("train: " + m));
        bundle.save(out);
        System.out.printf("bundle %s written to %s%n", bundle.id(), out);
        return 0;
    }
}

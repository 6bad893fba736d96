package io.agentwatch.models.ml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** An unsupervised anomaly model over transformed feature rows: the higher the score, the odder. */
public interface AnomalyModel {
    double score(double[] row);

    /** The algorithm's name, as bundles record it. */
    String algorithm();

    /** The parameters it was fit with, for the bundle's manifest. */
    Map<String, Object> parameters();

    /** Writes the fitted model to {@code file}. */
    void save(Path file) throws IOException;
}

package io.agentwatch.models.ml;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import smile.anomaly.IsolationForest;

/**
 * Smile's Isolation Forest. Defaults follow Liu, Ting and Zhou (2008): 100 trees, each grown on a
 * sample of 256 rows to a depth of ceil(log2 256) = 8, axis-parallel splits (extension level 0).
 */
public final class IsolationForestModel implements AnomalyModel {
    public static final String ALGORITHM = "isolation-forest";
    public static final int DEFAULT_TREES = 100;
    public static final int DEFAULT_SAMPLE = 256;

    /**
     * Smile persists models by Java serialization; reading one back may create only these classes
     * (a bundle is a file someone could swap), within these bounds.
     */
    private static final ObjectInputFilter ONLY_FOREST =
            ObjectInputFilter.Config.createFilter(
                    "smile.anomaly.IsolationForest;smile.anomaly.IsolationTree;"
                            + "smile.anomaly.IsolationTree$Node;[Lsmile.anomaly.IsolationTree;[D;"
                            + "maxdepth=64;maxrefs=10000000;maxbytes=1073741824;!*");

    private final IsolationForest forest;
    private final FlatIsolationForest flat;
    private final int trees;
    private final int sample;

    private IsolationForestModel(IsolationForest forest, int trees, int sample) {
        this.forest = forest;
        this.flat = FlatIsolationForest.of(forest);
        this.trees = trees;
        this.sample = sample;
    }

    public static IsolationForestModel fit(double[][] rows, int trees, int sample) {
        // Smile samples a fraction of the rows, below 1: small data gets all rows but one.
        int psi = Math.min(sample, rows.length - 1);
        IsolationForest forest =
                IsolationForest.fit(rows, trees, depth(psi), (psi + 0.5) / rows.length, 0);
        return new IsolationForestModel(forest, trees, psi);
    }

    /** The paper's height limit: ceil(log2 of the sample size), the average tree height. */
    private static int depth(int sampleSize) {
        return (int) Math.ceil(Math.log(sampleSize) / Math.log(2));
    }

    @Override
    public double score(double[] row) {
        return flat != null && FlatIsolationForest.finite(row)
                ? flat.score(row)
                : forest.score(row);
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("trees", trees);
        p.put("sample_size", sample);
        p.put("max_depth", depth(sample));
        p.put("extension_level", forest.getExtensionLevel());
        return p;
    }

    @Override
    public void save(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(forest);
        }
    }

    static IsolationForestModel load(String file, byte[] bytes, Map<String, Object> parameters)
            throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes);
                ObjectInputStream o = new ObjectInputStream(in)) {
            o.setObjectInputFilter(ONLY_FOREST);
            Object forest = o.readObject();
            return new IsolationForestModel(
                    (IsolationForest) forest,
                    ((Number) parameters.get("trees")).intValue(),
                    ((Number) parameters.get("sample_size")).intValue());
        } catch (ClassNotFoundException | ClassCastException | java.io.InvalidClassException e) {
            throw new IOException(file + ": not an isolation forest saved by agentwatch", e);
        }
    }
}

package io.agentwatch.models.ml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.agentwatch.models.features.AgentHourFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model with everything needed to use and judge it, as a folder: {@code bundle.json}
 * (version id, algorithm, feature schema and columns, transform, training window, parameters,
 * calibration from raw score to percentile, typical values per role for explanations, metrics, and
 * the model file's SHA-256) and the model file. Loading checks the checksum, so a damaged or
 * swapped model file is refused.
 */
public final class ModelBundle {
    public static final String MANIFEST = "bundle.json";
    public static final int FORMAT = 1;

    /** How rows are transformed before the model sees them. */
    public static final String TRANSFORM_AGENT_FEATURES = "agentwatch-log-counts";

    public static final String TRANSFORM_NONE = "none";

    /** Typical values for one group of rows (a role, or "*" for all). */
    public static final class Typical {
        /** Per feature, in the model's transformed space. */
        public double[] median;

        public double[] scale;

        /** Per feature, raw (for explanations people read). */
        public double[] rawMedian;

        public long rows;
    }

    /** The manifest, public for Jackson. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Manifest {
        public int format = FORMAT;
        public String id;
        public String algorithm;
        public String created;
        public String schema;
        public List<String> features;
        public String transform;
        public Map<String, Object> training = new LinkedHashMap<>();
        public Map<String, Object> parameters = new LinkedHashMap<>();
        public double[] calibration;
        public Map<String, Typical> typical = new LinkedHashMap<>();
        public Map<String, Object> metrics = new LinkedHashMap<>();
        public String modelFile;
        public String modelSha256;
    }

    static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    public final Manifest manifest;
    private final AnomalyModel model;

    ModelBundle(Manifest manifest, AnomalyModel model) {
        this.manifest = manifest;
        this.model = model;
    }

    public String id() {
        return manifest.id;
    }

    public List<String> features() {
        return manifest.features;
    }

    /** The rows' values as the model sees them. */
    public double[] transform(double[] raw) {
        return transform(manifest.transform, raw);
    }

    /** A row's values after the named transform, as models see them (training included). */
    static double[] transform(String transform, double[] raw) {
        double[] out = new double[raw.length];
        if (TRANSFORM_AGENT_FEATURES.equals(transform)) {
            AgentHourFeatures.toModelInput(raw, out);
        } else {
            System.arraycopy(raw, 0, out, 0, raw.length);
        }
        return out;
    }

    /** The model's raw score of a row of raw feature values. */
    public double rawScore(double[] raw) {
        return model.score(transform(raw));
    }

    /** The score as the percentile of training rows it exceeds (0-100). */
    public double percentile(double[] raw) {
        return Calibration.percentile(manifest.calibration, rawScore(raw));
    }

    /** One feature's part in an explanation. */
    public record Deviation(
            String feature, double value, double agentUsual, double peerUsual, double z) {}

    /**
     * The features that stand out most: each feature's deviation (in robust standard units of the
     * peers' spread) from the agent's own usual value and from its role's, whichever is larger;
     * only rises count for agentwatch features. Largest first.
     */
    public List<Deviation> explain(double[] raw, double[] agentUsual, String role, int n) {
        Typical peers = manifest.typical.getOrDefault(role, manifest.typical.get("*"));
        double[] t = transform(raw);
        double[] own = agentUsual == null ? null : transform(agentUsual);
        boolean oneSided = TRANSFORM_AGENT_FEATURES.equals(manifest.transform);
        List<Deviation> all = new ArrayList<>();
        for (int c = 0; c < t.length; c++) {
            double zPeer = (t[c] - peers.median[c]) / peers.scale[c];
            double zOwn = own == null ? Double.NEGATIVE_INFINITY : (t[c] - own[c]) / peers.scale[c];
            double z =
                    oneSided
                            ? Math.max(zPeer, zOwn)
                            : Math.max(Math.abs(zPeer), own == null ? 0 : Math.abs(zOwn));
            if (z > 0) {
                all.add(
                        new Deviation(
                                manifest.features.get(c),
                                raw[c],
                                agentUsual == null ? Double.NaN : agentUsual[c],
                                peers.rawMedian[c],
                                z));
            }
        }
        all.sort((a, b) -> Double.compare(b.z(), a.z()));
        return all.subList(0, Math.min(n, all.size()));
    }

    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(manifest.modelFile);
        model.save(file);
        manifest.modelSha256 = sha256(file);
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(folder.resolve(MANIFEST).toFile(), manifest);
    }

    /** Loads a bundle folder, checking its format, checksum and model. */
    public static ModelBundle load(Path folder) throws IOException {
        return read(BundleFiles.read(folder));
    }

    /**
     * A bundle from its files' bytes (as read from a folder, or as broadcast to a running job),
     * checking its format, checksum and model.
     */
    public static ModelBundle read(BundleFiles files) throws IOException {
        String manifestFile = files.source + "/" + MANIFEST;
        Manifest m = manifest(files);
        String sha = sha256(files.model);
        if (!sha.equals(m.modelSha256)) {
            throw new IOException(
                    files.source
                            + "/"
                            + m.modelFile
                            + ": checksum "
                            + sha
                            + " does not match the manifest's "
                            + m.modelSha256);
        }
        String modelFile = files.source + "/" + m.modelFile;
        AnomalyModel model =
                switch (m.algorithm == null ? "" : m.algorithm) {
                    case IsolationForestModel.ALGORITHM ->
                            IsolationForestModel.load(modelFile, files.model, m.parameters);
                    case RobustZScoreModel.ALGORITHM -> RobustZScoreModel.load(files.model);
                    default ->
                            throw new IOException(
                                    manifestFile + ": unknown algorithm '" + m.algorithm + "'");
                };
        return new ModelBundle(m, model);
    }

    /** The manifest of a bundle's files, with its format and model file name checked. */
    static Manifest manifest(BundleFiles files) throws IOException {
        String manifestFile = files.source + "/" + MANIFEST;
        Manifest m;
        try {
            m = JSON.readValue(files.manifest, Manifest.class);
        } catch (IOException e) {
            throw new IOException(manifestFile + ": unreadable (" + e.getMessage() + ")", e);
        }
        if (m.format != FORMAT) {
            throw new IOException(
                    manifestFile + ": bundle format " + m.format + ", this build reads " + FORMAT);
        }
        if (m.modelFile == null || m.modelFile.contains("/") || m.modelFile.contains("\\")) {
            throw new IOException(manifestFile + ": model_file must name a file in the bundle");
        }
        return m;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }
}

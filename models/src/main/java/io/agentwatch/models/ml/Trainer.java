package io.agentwatch.models.ml;

import io.agentwatch.models.features.AgentHourFeatures;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Fits a model on a {@link Dataset} and packs it with everything a {@link ModelBundle} holds. */
public final class Trainer {
    /** What to fit. */
    public static final class Options {
        public String algorithm = IsolationForestModel.ALGORITHM;
        public int trees = IsolationForestModel.DEFAULT_TREES;
        public int sampleSize = IsolationForestModel.DEFAULT_SAMPLE;
        public int top = RobustZScoreModel.DEFAULT_TOP;

        /** Where the data came from, for the manifest. */
        public String source;
    }

    private Trainer() {}

    public static ModelBundle train(Dataset d, Options o, Consumer<String> progress) {
        List<String> constant = DataChecks.validate(d);
        if (!constant.isEmpty()) {
            progress.accept(
                    "constant in the training data (kept, but they teach nothing): " + constant);
        }
        if (d.schema != null && !d.schema.equals(AgentHourFeatures.id())) {
            throw new IllegalArgumentException(
                    "features follow schema "
                            + d.schema
                            + "; this build trains on "
                            + AgentHourFeatures.id());
        }
        ModelBundle.Manifest m = new ModelBundle.Manifest();
        m.schema = d.schema;
        m.features = d.columns;
        m.transform =
                d.schema != null
                        ? ModelBundle.TRANSFORM_AGENT_FEATURES
                        : ModelBundle.TRANSFORM_NONE;
        double[][] rows = new double[d.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = ModelBundle.transform(m.transform, d.x[r]);
        }

        long started = System.nanoTime();
        AnomalyModel model =
                switch (o.algorithm) {
                    case IsolationForestModel.ALGORITHM -> {
                        progress.accept(
                                String.format(
                                        Locale.ROOT,
                                        "fitting an isolation forest: %d trees on samples of %d of"
                                                + " %,d rows",
                                        o.trees,
                                        Math.min(o.sampleSize, rows.length),
                                        rows.length));
                        yield IsolationForestModel.fit(rows, o.trees, o.sampleSize);
                    }
                    case RobustZScoreModel.ALGORITHM -> {
                        progress.accept(
                                String.format(
                                        Locale.ROOT,
                                        "fitting robust z-scores of %d features on %,d rows",
                                        d.columns.size(),
                                        rows.length));
                        yield RobustZScoreModel.fit(rows, o.top, d.schema == null);
                    }
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown algorithm '"
                                            + o.algorithm
                                            + "' (use "
                                            + IsolationForestModel.ALGORITHM
                                            + " or "
                                            + RobustZScoreModel.ALGORITHM
                                            + ")");
                };
        progress.accept(
                String.format(
                        Locale.ROOT,
                        "fitted in %.1f s; scoring the training rows",
                        (System.nanoTime() - started) / 1e9));

        double[] scores = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            scores[r] = model.score(rows[r]);
            if ((r + 1) % 100_000 == 0) {
                progress.accept(
                        String.format(
                                Locale.ROOT,
                                "scored %,d of %,d training rows",
                                r + 1,
                                rows.length));
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        m.algorithm = model.algorithm();
        m.created = now.toString();
        m.parameters.putAll(model.parameters());
        m.calibration = Calibration.quantiles(scores);
        m.typical = typical(d, rows);
        m.modelFile = model instanceof IsolationForestModel ? "model.bin" : "model.json";
        m.training.put("rows", d.rows());
        if (d.windowStarts != null) {
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (long t : d.windowStarts) {
                from = Math.min(from, t);
                to = Math.max(to, t + AgentHourFeatures.WINDOW_MILLIS);
            }
            m.training.put("from", Instant.ofEpochMilli(from).toString());
            m.training.put("to", Instant.ofEpochMilli(to).toString());
        }
        if (o.source != null) {
            m.training.put("source", o.source);
        }
        if (!constant.isEmpty()) {
            m.training.put("constant_columns", constant);
        }
        m.id =
                m.algorithm
                        + "-"
                        + now.toString().replace("-", "").replace(":", "")
                        + "-"
                        + digest(m.calibration).substring(0, 8);
        ModelBundle bundle = new ModelBundle(m, model);
        m.metrics.putAll(Metrics.training(m.calibration, scores, d));
        return bundle;
    }

    /** Robust typical values per role and for everyone ("*"), for explanations. */
    private static Map<String, ModelBundle.Typical> typical(Dataset d, double[][] rows) {
        Map<String, List<Integer>> byGroup = new TreeMap<>();
        for (int r = 0; r < rows.length; r++) {
            byGroup.computeIfAbsent("*", k -> new java.util.ArrayList<>()).add(r);
            if (d.roles != null && d.roles[r] != null) {
                byGroup.computeIfAbsent(d.roles[r], k -> new java.util.ArrayList<>()).add(r);
            }
        }
        Map<String, ModelBundle.Typical> out = new HashMap<>();
        int cols = d.columns.size();
        byGroup.forEach(
                (group, members) -> {
                    ModelBundle.Typical t = new ModelBundle.Typical();
                    t.rows = members.size();
                    t.median = new double[cols];
                    t.scale = new double[cols];
                    t.rawMedian = new double[cols];
                    double[] col = new double[members.size()];
                    double[] raw = new double[members.size()];
                    for (int c = 0; c < cols; c++) {
                        for (int i = 0; i < col.length; i++) {
                            col[i] = rows[members.get(i)][c];
                            raw[i] = d.x[members.get(i)][c];
                        }
                        t.median[c] = RobustZScoreModel.median(col);
                        t.scale[c] = RobustZScoreModel.spread(col, t.median[c]);
                        t.rawMedian[c] = RobustZScoreModel.median(raw);
                    }
                    out.put(group, t);
                });
        return new TreeMap<>(out);
    }

    private static String digest(double[] values) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8);
            for (double v : values) {
                b.clear();
                md.update(b.putDouble(v).array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

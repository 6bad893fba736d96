package io.agentwatch.models.detect;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.features.AgentHourFeatures;
import io.agentwatch.models.features.FeatureWindow;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.ModelBundle;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The {@code model_anomaly} rule: a model bundle's score of one agent-hour becomes a finding when
 * it is at least {@code model_anomaly.min_percentile} of the training hours. The finding names the
 * bundle (so alerts record the model version) and explains itself with the features that deviated
 * most from the agent's usual values and its role's.
 */
public final class ModelAnomalyDetector implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String RULE_ID = "model_anomaly";

    /** Features named in a finding's explanation. */
    public static final int EXPLAINED_FEATURES = 3;

    /** At or above this percentile a finding is of medium severity, below it low. */
    static final double MEDIUM_PERCENTILE = 99.99;

    private final boolean enabled;
    private final int version;
    private final double minPercentile;
    private final double riskScore;

    public ModelAnomalyDetector(Settings settings) {
        this.enabled = settings.get(AgentwatchOptions.enabled(RULE_ID));
        this.version = settings.get(AgentwatchOptions.version(RULE_ID));
        this.minPercentile = settings.get(AgentwatchOptions.MODEL_MIN_PERCENTILE);
        this.riskScore = settings.get(AgentwatchOptions.MODEL_RISK_SCORE);
    }

    /**
     * The bundle of these files, checked to load (format, checksum, model) and to score this
     * build's agent-hours: what the job, its folder watcher and the command line accept.
     */
    public static ModelBundle readScorable(BundleFiles files) throws IOException {
        ModelBundle bundle = ModelBundle.read(files);
        checkScoresAgentHours(bundle);
        return bundle;
    }

    /**
     * Refuses a bundle that does not score agent-hours of this build's feature schema: the job
     * computes exactly those vectors, and a bundle of any other columns would score nonsense.
     */
    public static void checkScoresAgentHours(ModelBundle bundle) {
        String schema = bundle.manifest.schema;
        if (!AgentHourFeatures.id().equals(schema)) {
            throw new IllegalArgumentException(
                    "model bundle "
                            + bundle.id()
                            + ": feature schema "
                            + schema
                            + ", the job computes "
                            + AgentHourFeatures.id()
                            + " (retrain it on this build's features)");
        }
        if (!AgentHourFeatures.NAMES.equals(bundle.features())) {
            throw new IllegalArgumentException(
                    "model bundle "
                            + bundle.id()
                            + ": features "
                            + bundle.features()
                            + " are not "
                            + AgentHourFeatures.NAMES);
        }
    }

    /**
     * Scores one closed agent-hour. Returns the finding, or null when the hour is not odd enough
     * (or the rule is disabled, for a live bundle; a shadow bundle reports whatever it finds).
     */
    public Finding score(ModelBundle bundle, FeatureWindow w, boolean shadow) {
        if (!enabled && !shadow) {
            return null;
        }
        double percentile = bundle.percentile(w.values);
        if (percentile < minPercentile) {
            return null;
        }
        List<ModelBundle.Deviation> top =
                bundle.explain(w.values, w.agentUsual, w.agentRole, EXPLAINED_FEATURES);
        Finding f = new Finding();
        f.ruleId = RULE_ID;
        f.ruleName = "Agent-hour unlike the training hours (model)";
        f.ruleVersion = version;
        f.severity = percentile >= MEDIUM_PERCENTILE ? Severity.MEDIUM : Severity.LOW;
        double headroom = 100 - minPercentile;
        double above = headroom <= 0 ? 1 : (percentile - minPercentile) / headroom;
        f.riskScore = Math.min(100, riskScore * (1 + above));
        f.agentId = w.agentId;
        f.agentRole = w.agentRole;
        f.agentTeam = w.agentTeam;
        f.peerGroup = w.agentRole;
        f.start = w.windowStart;
        f.end = w.windowEnd;
        f.findingId = RULE_ID + ":" + w.agentId + ":" + w.windowStart + (shadow ? ":shadow" : "");
        f.observed = (long) Math.floor(percentile);
        f.threshold = minPercentile;
        f.windowMinutes = (int) (AgentHourFeatures.WINDOW_MILLIS / 60_000);
        f.basis = w.agentUsual == null ? "peer" : "agent+peer";
        f.agentBaselineWindows = w.agentUsual == null ? 0 : 1;
        f.modelId = bundle.id();
        f.modelPercentile = Math.round(percentile * 1000) / 1000.0;
        f.shadow = shadow;
        f.modelFeatures = new ModelFeature[top.size()];
        for (int i = 0; i < top.size(); i++) {
            f.modelFeatures[i] = feature(top.get(i));
        }
        f.eventIds = w.eventIds;
        f.reason = reason(w, f);
        return f;
    }

    private static ModelFeature feature(ModelBundle.Deviation d) {
        ModelFeature m = new ModelFeature();
        m.name = d.feature();
        m.value = round(d.value());
        m.agentUsual = Double.isNaN(d.agentUsual()) ? null : round(d.agentUsual());
        m.peerUsual = round(d.peerUsual());
        m.deviation = round(d.z());
        return m;
    }

    private static String reason(FeatureWindow w, Finding f) {
        StringBuilder b = new StringBuilder(200);
        b.append("Agent ").append(w.agentId);
        if (w.agentRole != null) {
            b.append(" (").append(w.agentRole).append(')');
        }
        b.append(
                String.format(
                        Locale.ROOT,
                        ", hour from %s: odder than %.2f%% of the hours model ",
                        Instant.ofEpochMilli(w.windowStart),
                        f.modelPercentile));
        b.append(f.modelId).append(" was trained on");
        if (f.modelFeatures.length > 0) {
            b.append("; stand-outs: ");
            for (int i = 0; i < f.modelFeatures.length; i++) {
                ModelFeature m = f.modelFeatures[i];
                if (i > 0) {
                    b.append(", ");
                }
                b.append(m.name).append(' ').append(number(m.value)).append(" (");
                if (m.agentUsual != null) {
                    b.append("usually ").append(number(m.agentUsual)).append(", ");
                }
                b.append("role ").append(number(m.peerUsual)).append(')');
            }
        }
        return b.toString();
    }

    /** Two decimals at most: explanations are read, not computed with. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

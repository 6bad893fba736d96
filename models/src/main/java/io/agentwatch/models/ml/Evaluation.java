package io.agentwatch.models.ml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How well a bundle ranks labelled rows: ROC-AUC, PR-AUC, precision and recall at an alert budget,
 * recall per scenario, and the curves behind them for plots.
 */
public final class Evaluation {
    private static final long DAY = 86_400_000L;
    private static final int CURVE_POINTS = 200;

    /** Percentile thresholds for the alert-volume curve. */
    static final double[] THRESHOLDS = {
        90, 95, 97, 98, 99, 99.5, 99.7, 99.8, 99.9, 99.95, 99.99, 100
    };

    public String bundleId;
    public int rows;
    public int anomalies;
    public double rocAuc;
    public double prAuc;

    /** Days the rows span (agentwatch features), or 0 for rows without time. */
    public double days;

    /** Alerts allowed per day, or for rows without time the number of anomalies. */
    public double budget;

    public int flagged;
    public double precision;
    public double recall;

    /** The lowest percentile flagged within the budget. */
    public double thresholdPercentile;

    /** Per scenario: {caught, total} incidents (an agent's labelled hours of one scenario). */
    public final Map<String, int[]> scenarios = new TreeMap<>();

    /** [false positive rate, true positive rate] and [recall, precision] points. */
    public final List<double[]> roc = new ArrayList<>();

    public final List<double[]> pr = new ArrayList<>();

    /** Rows per percentile bin (0-2, 2-4, ... 98-100), normal and labelled. */
    public final int[] normalHistogram = new int[50];

    public final int[] anomalyHistogram = new int[50];

    /** [percentile threshold, alerts per day (or rows flagged without time)]. */
    public final List<double[]> alertVolume = new ArrayList<>();

    /**
     * @param alertsPerDay the budget for time-stamped rows; rows without time are judged at the top
     *     N, N the number of labelled anomalies
     */
    public static Evaluation of(ModelBundle bundle, Dataset d, double alertsPerDay) {
        DataChecks.sameSchema(bundle.features(), d.columns);
        if (!d.hasLabels()) {
            throw new IllegalArgumentException("evaluation needs labels: which rows are anomalies");
        }
        Evaluation e = new Evaluation();
        e.bundleId = bundle.id();
        e.rows = d.rows();
        double[] percentiles = new double[e.rows];
        double[] scores = new double[e.rows];
        boolean[] anomaly = new boolean[e.rows];
        for (int r = 0; r < e.rows; r++) {
            scores[r] = bundle.rawScore(d.x[r]);
            percentiles[r] = Calibration.percentile(bundle.manifest.calibration, scores[r]);
            anomaly[r] = d.isAnomaly(r);
            e.anomalies += anomaly[r] ? 1 : 0;
            int bin = Math.min(49, (int) (percentiles[r] / 2));
            (anomaly[r] ? e.anomalyHistogram : e.normalHistogram)[bin]++;
        }
        if (e.anomalies == 0 || e.anomalies == e.rows) {
            throw new IllegalArgumentException(
                    "evaluation needs both labelled anomalies and normal rows; found "
                            + e.anomalies
                            + " anomalies in "
                            + e.rows
                            + " rows");
        }
        e.rocAuc = Metrics.rocAuc(anomaly, scores);
        e.prAuc = Metrics.prAuc(anomaly, scores);
        Integer[] order = Metrics.byScoreDescending(scores);
        e.curves(order, anomaly);

        if (d.windowStarts != null) {
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (long t : d.windowStarts) {
                from = Math.min(from, t);
                to = Math.max(to, t);
            }
            e.days = Math.max(1, Math.ceil((double) (to - from + 1) / DAY));
            e.budget = alertsPerDay;
            e.flagged = (int) Math.min(e.rows, Math.round(alertsPerDay * e.days));
        } else {
            e.budget = e.anomalies;
            e.flagged = e.anomalies;
        }
        boolean[] flagged = new boolean[e.rows];
        int hits = 0;
        for (int i = 0; i < e.flagged; i++) {
            flagged[order[i]] = true;
            hits += anomaly[order[i]] ? 1 : 0;
        }
        e.thresholdPercentile = e.flagged == 0 ? 100 : percentiles[order[e.flagged - 1]];
        e.precision = e.flagged == 0 ? 0 : (double) hits / e.flagged;
        e.recall = (double) hits / e.anomalies;
        for (double t : THRESHOLDS) {
            int n = 0;
            for (double p : percentiles) {
                n += p >= t ? 1 : 0;
            }
            e.alertVolume.add(new double[] {t, e.days > 0 ? n / e.days : n});
        }
        e.scenarios(d, flagged);
        return e;
    }

    private void curves(Integer[] order, boolean[] anomaly) {
        int negatives = rows - anomalies;
        // A point every few rows, and at every few anomalies found: the top of the ranking,
        // where alerts come from, keeps its detail.
        int step = Math.max(1, rows / CURVE_POINTS);
        int hitStep = Math.max(1, anomalies / CURVE_POINTS);
        int tp = 0;
        roc.add(new double[] {0, 0});
        for (int i = 0; i < order.length; i++) {
            boolean hit = anomaly[order[i]];
            tp += hit ? 1 : 0;
            int seen = i + 1;
            if (seen % step == 0 || seen == order.length || (hit && tp % hitStep == 0)) {
                roc.add(new double[] {(double) (seen - tp) / negatives, (double) tp / anomalies});
                pr.add(new double[] {(double) tp / anomalies, (double) tp / seen});
            }
        }
    }

    /** An incident (agent and scenario) is caught when any of its labelled hours is flagged. */
    private void scenarios(Dataset d, boolean[] flagged) {
        if (d.agents == null) {
            return;
        }
        Map<String, Set<String>> incidents = new HashMap<>();
        Map<String, Set<String>> caught = new HashMap<>();
        for (int r = 0; r < d.rows(); r++) {
            String s = d.labels[r];
            if (s == null) {
                continue;
            }
            incidents.computeIfAbsent(s, k -> new HashSet<>()).add(d.agents[r]);
            if (flagged[r]) {
                caught.computeIfAbsent(s, k -> new HashSet<>()).add(d.agents[r]);
            }
        }
        incidents.forEach(
                (s, agents) ->
                        scenarios.put(
                                s,
                                new int[] {
                                    caught.getOrDefault(s, Set.of()).size(), agents.size()
                                }));
    }
}

package io.agentwatch.models.ml;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import smile.validation.metric.AUC;

/** Ranking metrics for anomaly scores against labels. */
public final class Metrics {
    private Metrics() {}

    /** Area under the ROC curve (Smile's; ties count half). */
    public static double rocAuc(boolean[] anomaly, double[] scores) {
        int[] truth = new int[anomaly.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = anomaly[i] ? 1 : 0;
        }
        return AUC.of(truth, scores);
    }

    /**
     * Area under the precision-recall curve as average precision: the precision at each anomaly's
     * rank, averaged over anomalies; rows with equal scores are taken together (no credit for a
     * lucky order among ties).
     */
    public static double prAuc(boolean[] anomaly, double[] scores) {
        Integer[] order = byScoreDescending(scores);
        int positives = 0;
        for (boolean a : anomaly) {
            positives += a ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        int seen = 0;
        int hits = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            int tiedHits = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                tiedHits += anomaly[order[j]] ? 1 : 0;
                j++;
            }
            seen += j - i;
            hits += tiedHits;
            ap += tiedHits * ((double) hits / seen);
            i = j;
        }
        return ap / positives;
    }

    static Integer[] byScoreDescending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }

    /**
     * What training says about the fit: score quantiles (from the calibration {@code q}), and
     * in-sample AUCs when labelled.
     */
    static Map<String, Object> training(double[] q, double[] scores, Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score_p50", q[500]);
        m.put("score_p99", q[990]);
        m.put("score_p999", q[999]);
        if (d.hasLabels()) {
            boolean[] anomaly = new boolean[d.rows()];
            int n = 0;
            for (int i = 0; i < anomaly.length; i++) {
                anomaly[i] = d.isAnomaly(i);
                n += anomaly[i] ? 1 : 0;
            }
            m.put("labelled_anomalies", n);
            if (n > 0 && n < anomaly.length) {
                m.put("in_sample_roc_auc", rocAuc(anomaly, scores));
                m.put("in_sample_pr_auc", prAuc(anomaly, scores));
            }
        }
        return m;
    }
}

package io.agentwatch.models.ml;

import java.util.Arrays;

/**
 * From a model's raw score to the percentile of the training rows it exceeds (0-100), so every
 * model speaks the same scale and "99.9" means "odder than 999 in 1,000 training hours". Kept as
 * 1,001 quantiles of the training scores.
 */
public final class Calibration {
    static final int QUANTILES = 1001;

    private Calibration() {}

    public static double[] quantiles(double[] trainingScores) {
        double[] s = trainingScores.clone();
        Arrays.sort(s);
        double[] q = new double[QUANTILES];
        for (int i = 0; i < QUANTILES; i++) {
            double pos = (double) i / (QUANTILES - 1) * (s.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, s.length - 1);
            q[i] = s[lo] + (pos - lo) * (s[hi] - s[lo]);
        }
        return q;
    }

    /** Percentile (0-100) of the raw score among the training scores. */
    public static double percentile(double[] quantiles, double score) {
        if (score <= quantiles[0]) {
            return 0;
        }
        int last = quantiles.length - 1;
        if (score >= quantiles[last]) {
            return 100;
        }
        int i = Arrays.binarySearch(quantiles, score);
        if (i >= 0) {
            // Equal quantiles (ties in training): the highest position at that value.
            while (i < last && quantiles[i + 1] == score) {
                i++;
            }
            return 100.0 * i / last;
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double frac = (score - quantiles[lo]) / (quantiles[hi] - quantiles[lo]);
        return 100.0 * (lo + frac) / last;
    }
}

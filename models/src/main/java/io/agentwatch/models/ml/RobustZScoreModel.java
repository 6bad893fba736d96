package io.agentwatch.models.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A robust z-score ensemble: each feature's median and spread (1.4826 x the median absolute
 * deviation, or 1.2533 x the mean absolute deviation where most values are equal, as in counts that
 * are mostly zero), and a row's score is the mean of its {@code top} largest z-scores. Simple, fast
 * and explainable; one-sided for agentwatch features (only more than usual is suspicious).
 */
public final class RobustZScoreModel implements AnomalyModel {
    public static final String ALGORITHM = "robust-zscore";
    public static final int DEFAULT_TOP = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fitted values, public for Jackson. */
    public static final class Fit {
        public double[] median;
        public double[] scale;
        public int top;
        public boolean twoSided;
    }

    private final Fit fit;

    private RobustZScoreModel(Fit fit) {
        this.fit = fit;
    }

    public static RobustZScoreModel fit(double[][] rows, int top, boolean twoSided) {
        int cols = rows[0].length;
        Fit f = new Fit();
        f.median = new double[cols];
        f.scale = new double[cols];
        f.top = Math.min(top, cols);
        f.twoSided = twoSided;
        double[] column = new double[rows.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows.length; r++) {
                column[r] = rows[r][c];
            }
            f.median[c] = median(column);
            f.scale[c] = spread(column, f.median[c]);
        }
        return new RobustZScoreModel(f);
    }

    /** Robust spread; never zero (a feature constant in training makes any change stand out). */
    static double spread(double[] values, double median) {
        double[] dev = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            dev[i] = Math.abs(values[i] - median);
            sum += dev[i];
        }
        double mad = 1.4826 * median(dev);
        double meanAd = 1.2533 * sum / values.length;
        return Math.max(mad > 0 ? mad : meanAd, 1e-3);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The row's z-score in each feature (signed). */
    public double z(double[] row, int c) {
        return (row[c] - fit.median[c]) / fit.scale[c];
    }

    @Override
    public double score(double[] row) {
        // The top-k of a short row by partial selection: no sorting, no allocation.
        double[] best = new double[fit.top];
        Arrays.fill(best, 0);
        for (int c = 0; c < row.length; c++) {
            double z = z(row, c);
            double v = fit.twoSided ? Math.abs(z) : Math.max(0, z);
            int smallest = 0;
            for (int i = 1; i < best.length; i++) {
                if (best[i] < best[smallest]) {
                    smallest = i;
                }
            }
            if (v > best[smallest]) {
                best[smallest] = v;
            }
        }
        double sum = 0;
        for (double b : best) {
            sum += b;
        }
        return sum / best.length;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("top", fit.top);
        p.put("two_sided", fit.twoSided);
        return p;
    }

    @Override
    public void save(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), fit);
    }

    static RobustZScoreModel load(byte[] bytes) throws IOException {
        return new RobustZScoreModel(JSON.readValue(bytes, Fit.class));
    }
}

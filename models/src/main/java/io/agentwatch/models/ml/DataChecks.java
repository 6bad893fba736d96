package io.agentwatch.models.ml;

import java.util.ArrayList;
import java.util.List;

/** Refuses data no model can learn from, saying what is wrong and where. */
public final class DataChecks {
    /** Fewer rows than this cannot describe normal behaviour. */
    public static final int MIN_ROWS = 20;

    private DataChecks() {}

    /**
     * Throws {@link IllegalArgumentException} for: too few rows, a missing (NaN) or infinite value
     * (naming row and column), or columns that are all constant. Returns the constant columns (they
     * are kept: a model gains nothing from them, and the schema stays whole).
     */
    public static List<String> validate(Dataset d) {
        if (d.rows() < MIN_ROWS) {
            throw new IllegalArgumentException(
                    "training data has "
                            + d.rows()
                            + " row(s); at least "
                            + MIN_ROWS
                            + " are needed to learn what normal looks like");
        }
        int cols = d.columns.size();
        double[] first = d.x[0];
        boolean[] varies = new boolean[cols];
        for (int r = 0; r < d.rows(); r++) {
            double[] row = d.x[r];
            if (row.length != cols) {
                throw new IllegalArgumentException(
                        "row " + (r + 1) + " has " + row.length + " values, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException(
                            "row "
                                    + (r + 1)
                                    + ", column '"
                                    + d.columns.get(c)
                                    + "': "
                                    + (Double.isNaN(row[c]) ? "missing (NaN)" : "infinite")
                                    + " value; every value must be a finite number");
                }
                varies[c] |= row[c] != first[c];
            }
        }
        List<String> constant = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            if (!varies[c]) {
                constant.add(d.columns.get(c));
            }
        }
        if (constant.size() == cols) {
            throw new IllegalArgumentException(
                    "every column is constant: there is nothing to learn from");
        }
        return constant;
    }

    /** Refuses rows whose columns are not the ones a model was trained on. */
    public static void sameSchema(List<String> expected, List<String> actual) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(
                    "feature schema mismatch: the model was trained on "
                            + expected
                            + " but the data has "
                            + actual);
        }
    }
}

package io.agentwatch.models.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.anomaly.IsolationForest;

class FlatIsolationForestTest {
    private static double[][] rows(Random random, int n, int d, double spread) {
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = j % 3 == 0 ? random.nextInt(5) : random.nextGaussian() * spread;
            }
        }
        return rows;
    }

    @Test
    void scoresEveryRowExactlyAsSmileDoes() {
        Random random = new Random(11);
        double[][] training = rows(random, 2_000, 19, 1);
        double[][] probes = rows(random, 5_000, 19, 4);
        // Trees are walked a group at a time: whole groups, and a remainder of single trees.
        for (int trees : new int[] {100, 4 * FlatIsolationForest.GROUP + 3}) {
            IsolationForest forest = IsolationForest.fit(training, trees, 8, 0.1, 0);
            FlatIsolationForest flat = FlatIsolationForest.of(forest);
            assertThat(flat).as("axis-parallel forest in flat form").isNotNull();
            for (double[][] set : new double[][][] {training, probes}) {
                for (double[] row : set) {
                    assertThat(Double.doubleToLongBits(flat.score(row)))
                            .as("%d trees", trees)
                            .isEqualTo(Double.doubleToLongBits(forest.score(row)));
                }
            }
        }
    }

    @Test
    void anObliqueForestIsLeftToSmile() {
        double[][] training = rows(new Random(3), 500, 6, 1);
        assertThat(FlatIsolationForest.of(IsolationForest.fit(training, 10, 8, 0.5, 2))).isNull();
    }

    @Test
    void aRowWithANonFiniteValueIsScoredBySmile() {
        assertThat(FlatIsolationForest.finite(new double[] {1, 2})).isTrue();
        assertThat(FlatIsolationForest.finite(new double[] {1, Double.NaN})).isFalse();
        assertThat(FlatIsolationForest.finite(new double[] {Double.POSITIVE_INFINITY})).isFalse();
    }
}

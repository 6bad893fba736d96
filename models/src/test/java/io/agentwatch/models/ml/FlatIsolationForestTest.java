package io.agentwatch.models.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

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

    /**
     * Smile now and then draws a split whose slope is zero in every feature (one forest in about 50
     * of the test above had one, and the flat form then gave up): every row goes the same way, by
     * the sign of the bias. Made here on purpose, in a forest Smile fitted, with either sign.
     */
    @Test
    void aSplitWithNoSlopeSendsEveryRowOneWayAsSmileDoes() throws Exception {
        Random random = new Random(13);
        double[][] training = rows(random, 2_000, 19, 1);
        double[][] probes = rows(random, 2_000, 19, 4);
        IsolationForest forest =
                IsolationForest.fit(training, 2 * FlatIsolationForest.GROUP + 1, 8, 0.1, 0);
        List<Object> splits = new ArrayList<>();
        Field root = IsolationTree.class.getDeclaredField("root");
        root.setAccessible(true);
        for (IsolationTree tree : forest.trees()) {
            splits(root.get(tree), splits);
        }
        assertThat(splits).hasSizeGreaterThan(100);
        Field slope = splits.get(0).getClass().getDeclaredField("slope");
        Field bias = splits.get(0).getClass().getDeclaredField("bias");
        slope.setAccessible(true);
        bias.setAccessible(true);
        double[] before = new double[probes.length];
        for (int i = 0; i < probes.length; i++) {
            before[i] = forest.score(probes[i]);
        }
        // A root (every row one way from the start) and splits below, of both signs.
        for (int i = 0; i < splits.size(); i += 7) {
            Arrays.fill((double[]) slope.get(splits.get(i)), i % 2 == 0 ? 0.0 : -0.0);
            bias.setDouble(splits.get(i), i % 14 == 0 ? 0.5 : -0.5);
        }
        FlatIsolationForest flat = FlatIsolationForest.of(forest);
        assertThat(flat).as("a forest with splits of no slope in flat form").isNotNull();
        int changed = 0;
        for (int i = 0; i < probes.length; i++) {
            double smile = forest.score(probes[i]);
            changed += smile != before[i] ? 1 : 0;
            assertThat(Double.doubleToLongBits(flat.score(probes[i])))
                    .as("row %d", i)
                    .isEqualTo(Double.doubleToLongBits(smile));
        }
        assertThat(changed).as("rows the splits of no slope send elsewhere").isPositive();
    }

    /** Every node of the subtree with two children, pre-order. */
    private static void splits(Object node, List<Object> into) throws Exception {
        Field left = node.getClass().getDeclaredField("left");
        Field right = node.getClass().getDeclaredField("right");
        left.setAccessible(true);
        right.setAccessible(true);
        if (left.get(node) != null && right.get(node) != null) {
            into.add(node);
            splits(left.get(node), into);
            splits(right.get(node), into);
        }
    }

    @Test
    void aThresholdAnswersAsTheProductDoesForEveryFiniteValue() {
        Random random = new Random(5);
        double[] special = {
            0.0,
            -0.0,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            1e-300,
            -1e-300,
            1e300,
            -1e300,
            1.0,
            -1.0
        };
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            double slope =
                    i < 169
                            ? special[i % 13]
                            : random.nextGaussian() * Math.pow(10, random.nextInt(21) - 10);
            double bias =
                    i < 169
                            ? special[i / 13]
                            : random.nextGaussian() * Math.pow(10, random.nextInt(21) - 10);
            if (slope == 0) {
                assertThat(FlatIsolationForest.threshold(slope, bias)).isNull();
                continue;
            }
            double t = FlatIsolationForest.threshold(slope, bias);
            List<Double> values =
                    new ArrayList<>(
                            List.of(
                                    t,
                                    Math.nextUp(t),
                                    Math.nextDown(t),
                                    bias / slope,
                                    random.nextGaussian() * 1e3));
            for (double v : special) {
                values.add(v);
            }
            for (double x : values) {
                if (!Double.isFinite(x)) {
                    continue;
                }
                boolean below = x < t;
                assertThat(slope > 0 ? below : !below)
                        .as("%s × %s < %s (threshold %s)", x, slope, bias, t)
                        .isEqualTo(x * slope < bias);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(200_000);
        assertThat(FlatIsolationForest.threshold(Double.NaN, 1)).isNull();
        assertThat(FlatIsolationForest.threshold(1, Double.POSITIVE_INFINITY)).isNull();
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

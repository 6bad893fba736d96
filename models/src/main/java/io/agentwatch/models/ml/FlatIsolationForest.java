package io.agentwatch.models.ml;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.anomaly.IsolationForest;

/**
 * The trees of a Smile {@link IsolationForest} with axis-parallel splits (extension level 0), laid
 * out in flat arrays, scoring exactly as Smile does. Smile tests every split with a dot product
 * over all features (its splits may be oblique); with one non-zero slope per node that is one
 * product and a comparison, and the job scores every agent-hour. The score is bit-for-bit Smile's:
 * the split value is the same single product, the path lengths are summed in the same order.
 *
 * <p>Smile keeps the trees in package-private fields, read here by reflection; {@link #of} returns
 * null when they are not as expected (another Smile version, oblique splits), and the caller then
 * scores with Smile.
 */
final class FlatIsolationForest {
    /** Per tree, per node (root first): the feature a split tests, or -1 for a leaf. */
    private final int[][] feature;

    private final double[][] slope;
    private final double[][] bias;

    /** Per node: a split's right child (its left child is the next node); -1 for a leaf. */
    private final int[][] right;

    /** Per node: a leaf's path length (its depth plus the expected rest). */
    private final double[][] depth;

    private final double c;

    private FlatIsolationForest(
            int[][] feature,
            double[][] slope,
            double[][] bias,
            int[][] right,
            double[][] depth,
            double c) {
        this.feature = feature;
        this.slope = slope;
        this.bias = bias;
        this.right = right;
        this.depth = depth;
        this.c = c;
    }

    /** The forest in flat form, or null when it cannot be (then score with Smile). */
    static FlatIsolationForest of(IsolationForest forest) {
        try {
            Field cField = IsolationForest.class.getDeclaredField("c");
            cField.setAccessible(true);
            double c = cField.getDouble(forest);
            smile.anomaly.IsolationTree[] trees = forest.trees();
            int n = trees.length;
            int[][] feature = new int[n][];
            double[][] slope = new double[n][];
            double[][] bias = new double[n][];
            int[][] right = new int[n][];
            double[][] depth = new double[n][];
            Field root = smile.anomaly.IsolationTree.class.getDeclaredField("root");
            root.setAccessible(true);
            NodeFields fields = null;
            for (int t = 0; t < n; t++) {
                Object top = root.get(trees[t]);
                if (fields == null) {
                    fields = new NodeFields(top.getClass());
                }
                Tree tree = new Tree();
                if (!flatten(top, fields, tree)) {
                    return null;
                }
                feature[t] = tree.feature.stream().mapToInt(Integer::intValue).toArray();
                slope[t] = tree.slope.stream().mapToDouble(Double::doubleValue).toArray();
                bias[t] = tree.bias.stream().mapToDouble(Double::doubleValue).toArray();
                right[t] = tree.right.stream().mapToInt(Integer::intValue).toArray();
                depth[t] = tree.depth.stream().mapToDouble(Double::doubleValue).toArray();
            }
            return new FlatIsolationForest(feature, slope, bias, right, depth, c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Smile's score of the row: 2 to the minus (mean path length / c). */
    double score(double[] x) {
        double sum = 0;
        for (int t = 0; t < feature.length; t++) {
            int[] f = feature[t];
            double[] s = slope[t];
            double[] b = bias[t];
            int[] r = right[t];
            int node = 0;
            while (f[node] >= 0) {
                node = x[f[node]] * s[node] < b[node] ? node + 1 : r[node];
            }
            sum += depth[t][node];
        }
        sum /= feature.length;
        return Math.pow(2.0, -sum / c);
    }

    /** Whether every value is finite: only then does one product stand for Smile's dot product. */
    static boolean finite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static final class Tree {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> slope = new ArrayList<>();
        final List<Double> bias = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Double> depth = new ArrayList<>();
    }

    private static final class NodeFields {
        final Field depth;
        final Field slope;
        final Field bias;
        final Field left;
        final Field right;

        NodeFields(Class<?> node) throws NoSuchFieldException {
            depth = open(node, "depth");
            slope = open(node, "slope");
            bias = open(node, "bias");
            left = open(node, "left");
            right = open(node, "right");
        }

        private static Field open(Class<?> c, String name) throws NoSuchFieldException {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        }
    }

    /** Appends the node and its subtree, pre-order; false when a split is oblique. */
    private static boolean flatten(Object node, NodeFields fields, Tree tree)
            throws IllegalAccessException {
        Object left = fields.left.get(node);
        Object right = fields.right.get(node);
        int at = tree.feature.size();
        if (left == null && right == null) {
            tree.feature.add(-1);
            tree.slope.add(0.0);
            tree.bias.add(0.0);
            tree.right.add(-1);
            tree.depth.add(fields.depth.getDouble(node));
            return true;
        }
        if (left == null || right == null) {
            return false;
        }
        double[] slope = (double[]) fields.slope.get(node);
        int nonZero = -1;
        for (int i = 0; i < slope.length; i++) {
            if (slope[i] != 0) {
                if (nonZero >= 0) {
                    return false;
                }
                nonZero = i;
            }
        }
        if (nonZero < 0) {
            return false;
        }
        tree.feature.add(nonZero);
        tree.slope.add(slope[nonZero]);
        tree.bias.add(fields.bias.getDouble(node));
        tree.right.add(-1);
        tree.depth.add(0.0);
        if (!flatten(left, fields, tree)) {
            return false;
        }
        tree.right.set(at, tree.feature.size());
        return flatten(right, fields, tree);
    }
}

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
    /**
     * Trees walked side by side (the walk in {@link #score} is written out for four): each step of
     * one tree waits on its node, then on the row's value, so four walks overlap their waits
     * instead of paying them one after another. Eight were no faster in JMH.
     */
    static final int GROUP = 4;

    /**
     * Per tree, two ints per node (root first): the feature a split tests and its right child (its
     * left child is the next node). A leaf tests feature 0 and is its own right child, so a walk
     * that reached it stays there.
     */
    private final int[][] links;

    /**
     * Per tree, two doubles per node: a split's slope and bias (right when value × slope is not
     * below bias); a leaf's are 0 and -∞, so its test always goes right (rows are finite: {@link
     * #finite}).
     */
    private final double[][] splits;

    /** Per node: a leaf's path length (its depth plus the expected rest). */
    private final double[][] depth;

    /** Per group of {@link #GROUP} trees: the most splits on a path in any of them. */
    private final int[] steps;

    private final double c;

    private FlatIsolationForest(
            int[][] links, double[][] splits, double[][] depth, int[] steps, double c) {
        this.links = links;
        this.splits = splits;
        this.depth = depth;
        this.steps = steps;
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
            int[][] links = new int[n][];
            double[][] splits = new double[n][];
            double[][] depth = new double[n][];
            int[] steps = new int[(n + GROUP - 1) / GROUP];
            Field root = smile.anomaly.IsolationTree.class.getDeclaredField("root");
            root.setAccessible(true);
            NodeFields fields = null;
            for (int t = 0; t < n; t++) {
                Object top = root.get(trees[t]);
                if (fields == null) {
                    fields = new NodeFields(top.getClass());
                }
                Tree tree = new Tree();
                if (!flatten(top, fields, tree, 0)) {
                    return null;
                }
                int nodes = tree.feature.size();
                links[t] = new int[2 * nodes];
                splits[t] = new double[2 * nodes];
                depth[t] = new double[nodes];
                for (int i = 0; i < nodes; i++) {
                    boolean leaf = tree.feature.get(i) < 0;
                    links[t][2 * i] = leaf ? 0 : tree.feature.get(i);
                    links[t][2 * i + 1] = leaf ? i : tree.right.get(i);
                    splits[t][2 * i] = leaf ? 0 : tree.slope.get(i);
                    splits[t][2 * i + 1] = leaf ? Double.NEGATIVE_INFINITY : tree.bias.get(i);
                    depth[t][i] = tree.depth.get(i);
                }
                steps[t / GROUP] = Math.max(steps[t / GROUP], tree.splitsOnLongestPath);
            }
            return new FlatIsolationForest(links, splits, depth, steps, c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Smile's score of the row: 2 to the minus (mean path length / c). */
    double score(double[] x) {
        int trees = links.length;
        double sum = 0;
        int first = 0;
        for (; first + GROUP <= trees; first += GROUP) {
            int[] l0 = links[first];
            int[] l1 = links[first + 1];
            int[] l2 = links[first + 2];
            int[] l3 = links[first + 3];
            double[] s0 = splits[first];
            double[] s1 = splits[first + 1];
            double[] s2 = splits[first + 2];
            double[] s3 = splits[first + 3];
            int n0 = 0;
            int n1 = 0;
            int n2 = 0;
            int n3 = 0;
            for (int step = steps[first / GROUP]; step > 0; step--) {
                n0 = next(x, l0, s0, n0);
                n1 = next(x, l1, s1, n1);
                n2 = next(x, l2, s2, n2);
                n3 = next(x, l3, s3, n3);
            }
            // Summed tree by tree, in Smile's order: the score is bit-for-bit the same.
            sum += depth[first][n0];
            sum += depth[first + 1][n1];
            sum += depth[first + 2][n2];
            sum += depth[first + 3][n3];
        }
        for (; first < trees; first++) {
            int n = 0;
            for (int step = steps[first / GROUP]; step > 0; step--) {
                n = next(x, links[first], splits[first], n);
            }
            sum += depth[first][n];
        }
        sum /= trees;
        return Math.pow(2.0, -sum / c);
    }

    /**
     * One step of a walk: the same single product and comparison as Smile's dot product with one
     * non-zero slope.
     */
    private static int next(double[] x, int[] links, double[] splits, int node) {
        int i = 2 * node;
        return x[links[i]] * splits[i] < splits[i + 1] ? node + 1 : links[i + 1];
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
        int splitsOnLongestPath;
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
    private static boolean flatten(Object node, NodeFields fields, Tree tree, int splitsAbove)
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
            tree.splitsOnLongestPath = Math.max(tree.splitsOnLongestPath, splitsAbove);
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
        if (!flatten(left, fields, tree, splitsAbove + 1)) {
            return false;
        }
        tree.right.set(at, tree.feature.size());
        return flatten(right, fields, tree, splitsAbove + 1);
    }
}

package io.agentwatch.models.ml;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.anomaly.IsolationForest;

/**
 * The trees of a Smile {@link IsolationForest} with axis-parallel splits (extension level 0), laid
 * out in flat arrays, scoring exactly as Smile does. Smile tests every split with a dot product
 * over all features (its splits may be oblique); with one non-zero slope per node (or none) that is
 * one product, value × slope < bias, and the job scores every agent-hour. Here each split compares
 * the value with a threshold worked out when the forest is loaded, the one double at which that
 * product's result changes (rounding is monotone), so the walk does no multiplication and its
 * choices are Smile's for every finite value. The path lengths are summed in Smile's order: the
 * score is bit-for-bit Smile's.
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
     * Per tree, three ints per node (root first): the feature a split tests, the child a value
     * below its threshold goes to, and the child of any other value. A leaf tests feature 0 and
     * leads to itself both ways, so a walk that reached it stays there.
     */
    private final int[][] links;

    /** Per tree, per node: a split's threshold ({@link #threshold}). */
    private final double[][] thresholds;

    /** Per node: a leaf's path length (its depth plus the expected rest). */
    private final double[][] depth;

    /** Per group of {@link #GROUP} trees: the most splits on a path in any of them. */
    private final int[] steps;

    private final double c;

    private FlatIsolationForest(
            int[][] links, double[][] thresholds, double[][] depth, int[] steps, double c) {
        this.links = links;
        this.thresholds = thresholds;
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
            double[][] thresholds = new double[n][];
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
                links[t] = new int[3 * nodes];
                thresholds[t] = new double[nodes];
                depth[t] = new double[nodes];
                for (int i = 0; i < nodes; i++) {
                    depth[t][i] = tree.depth.get(i);
                    if (tree.feature.get(i) < 0) {
                        links[t][3 * i + 1] = i;
                        links[t][3 * i + 2] = i;
                        continue;
                    }
                    double slope = tree.slope.get(i);
                    Double threshold =
                            slope == 0
                                    ? noSlope(tree.bias.get(i))
                                    : threshold(slope, tree.bias.get(i));
                    if (threshold == null) {
                        return null;
                    }
                    // Smile goes left (the next node) when value × slope < bias: with a positive
                    // slope (or none), values below the threshold; with a negative one, the
                    // others.
                    int left = i + 1;
                    int right = tree.right.get(i);
                    links[t][3 * i] = tree.feature.get(i);
                    links[t][3 * i + 1] = slope >= 0 ? left : right;
                    links[t][3 * i + 2] = slope >= 0 ? right : left;
                    thresholds[t][i] = threshold;
                }
                steps[t / GROUP] = Math.max(steps[t / GROUP], tree.splitsOnLongestPath);
            }
            return new FlatIsolationForest(links, thresholds, depth, steps, c);
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
            double[] t0 = thresholds[first];
            double[] t1 = thresholds[first + 1];
            double[] t2 = thresholds[first + 2];
            double[] t3 = thresholds[first + 3];
            int n0 = 0;
            int n1 = 0;
            int n2 = 0;
            int n3 = 0;
            for (int step = steps[first / GROUP]; step > 0; step--) {
                n0 = next(x, l0, t0, n0);
                n1 = next(x, l1, t1, n1);
                n2 = next(x, l2, t2, n2);
                n3 = next(x, l3, t3, n3);
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
                n = next(x, links[first], thresholds[first], n);
            }
            sum += depth[first][n];
        }
        sum /= trees;
        return Math.pow(2.0, -sum / c);
    }

    private static int next(double[] x, int[] links, double[] thresholds, int node) {
        int i = 3 * node;
        return x[links[i]] < thresholds[node] ? links[i + 1] : links[i + 2];
    }

    /**
     * The least double at which {@code value * slope < bias} (as Java computes it) stops giving the
     * answer it gives for the lowest values: for every finite value, {@code value < threshold} says
     * the same as {@code value * slope < bias} with a positive slope, and the opposite with a
     * negative one. Rounding a product is monotone in the value, so the answer changes once; found
     * by bisecting the doubles in their order (at most 64 steps, once per split when a forest is
     * loaded). Null for a zero or non-finite slope, or a non-finite bias.
     */
    static Double threshold(double slope, double bias) {
        if (slope == 0 || !Double.isFinite(slope) || !Double.isFinite(bias)) {
            return null;
        }
        boolean lowSide = slope > 0;
        long low = order(Double.NEGATIVE_INFINITY);
        long high = order(Double.POSITIVE_INFINITY);
        if ((fromOrder(low) * slope < bias) != lowSide) {
            return Double.NEGATIVE_INFINITY;
        }
        if ((fromOrder(high) * slope < bias) == lowSide) {
            return Double.POSITIVE_INFINITY;
        }
        // low answers as the lowest values do, high does not.
        // The distance from -∞ to +∞ exceeds a long's range: it is taken as unsigned.
        while (Long.compareUnsigned(high - low, 1) > 0) {
            long middle = low + ((high - low) >>> 1);
            if ((fromOrder(middle) * slope < bias) == lowSide) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return fromOrder(high);
    }

    /**
     * The threshold of a split whose slope is zero in every feature, which Smile draws now and then
     * (seen in one forest of 50): the product is zero for every finite row, so every row goes the
     * same way, left when 0 < bias. Every finite value is below +∞, none below -∞.
     */
    static double noSlope(double bias) {
        return 0.0 < bias ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** A double's place among all doubles (-0.0 just below 0.0), as a long. */
    private static long order(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
    }

    private static double fromOrder(long order) {
        return Double.longBitsToDouble(order < 0 ? order ^ Long.MAX_VALUE : order);
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

    /**
     * Appends the node and its subtree, pre-order; false when a split is oblique (more than one
     * non-zero slope).
     */
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
        // No non-zero slope: a split every row passes the same way, tested on any feature.
        tree.feature.add(Math.max(0, nonZero));
        tree.slope.add(nonZero < 0 ? 0.0 : slope[nonZero]);
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

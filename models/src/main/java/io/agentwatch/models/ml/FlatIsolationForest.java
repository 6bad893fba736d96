package io.agentwatch.models.ml;

import java.lang.reflect.Field;
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
    /** Longs per node: its head (feature, right child), then two doubles' bits. */
    private static final int STRIDE = 3;

    /**
     * Every node of every tree, each tree pre-order from its root, {@link #STRIDE} longs a node: a
     * split's head holds the feature it tests (high 32 bits) and its right child's node number (low
     * 32; its left child is the next node), then its slope and its bias; a leaf's head is -1, then
     * its path length (its depth plus the expected rest). The job scores each agent-hour far apart
     * in time, with the forest gone from the caches in between, so a score waits on memory at each
     * node it visits: one place to read a node from, not five arrays.
     */
    private final long[] nodes;

    /** Per tree, its root's node number. */
    private final int[] roots;

    private final double c;

    private FlatIsolationForest(long[] nodes, int[] roots, double c) {
        this.nodes = nodes;
        this.roots = roots;
        this.c = c;
    }

    /** The forest in flat form, or null when it cannot be (then score with Smile). */
    static FlatIsolationForest of(IsolationForest forest) {
        try {
            Field cField = IsolationForest.class.getDeclaredField("c");
            cField.setAccessible(true);
            double c = cField.getDouble(forest);
            smile.anomaly.IsolationTree[] trees = forest.trees();
            int[] roots = new int[trees.length];
            Field root = smile.anomaly.IsolationTree.class.getDeclaredField("root");
            root.setAccessible(true);
            NodeFields fields = null;
            Nodes all = new Nodes();
            for (int t = 0; t < trees.length; t++) {
                Object top = root.get(trees[t]);
                if (fields == null) {
                    fields = new NodeFields(top.getClass());
                }
                roots[t] = all.size();
                if (!flatten(top, fields, all)) {
                    return null;
                }
            }
            return new FlatIsolationForest(all.toArray(), roots, c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Smile's score of the row: 2 to the minus (mean path length / c). */
    double score(double[] x) {
        long[] n = nodes;
        double sum = 0;
        for (int root : roots) {
            int node = root;
            long head = n[node * STRIDE];
            while (head >= 0) {
                int at = node * STRIDE;
                boolean left =
                        x[(int) (head >>> 32)] * Double.longBitsToDouble(n[at + 1])
                                < Double.longBitsToDouble(n[at + 2]);
                node = left ? node + 1 : (int) head;
                head = n[node * STRIDE];
            }
            sum += Double.longBitsToDouble(n[node * STRIDE + 1]);
        }
        sum /= roots.length;
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

    /** The nodes as they are flattened, {@link #STRIDE} longs each. */
    private static final class Nodes {
        private long[] longs = new long[STRIDE * 1024];
        private int size;

        int size() {
            return size;
        }

        /** Appends a node; returns its number. */
        int add(long head, double first, double second) {
            if ((size + 1) * STRIDE > longs.length) {
                longs = java.util.Arrays.copyOf(longs, longs.length * 2);
            }
            int at = size * STRIDE;
            longs[at] = head;
            longs[at + 1] = Double.doubleToRawLongBits(first);
            longs[at + 2] = Double.doubleToRawLongBits(second);
            return size++;
        }

        void setRight(int node, int right) {
            longs[node * STRIDE] = (longs[node * STRIDE] & 0xFFFFFFFF00000000L) | right;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(longs, size * STRIDE);
        }
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
    private static boolean flatten(Object node, NodeFields fields, Nodes nodes)
            throws IllegalAccessException {
        Object left = fields.left.get(node);
        Object right = fields.right.get(node);
        if (left == null && right == null) {
            nodes.add(-1L, fields.depth.getDouble(node), 0.0);
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
        int at = nodes.add((long) nonZero << 32, slope[nonZero], fields.bias.getDouble(node));
        if (!flatten(left, fields, nodes)) {
            return false;
        }
        nodes.setRight(at, nodes.size());
        return flatten(right, fields, nodes);
    }
}

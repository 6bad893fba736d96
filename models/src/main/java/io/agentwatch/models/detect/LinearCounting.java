package io.agentwatch.models.detect;

/**
 * Distinct ids by linear counting (Whang et al.) in a 1,024-bit bitmap: with {@code z} of {@code m}
 * bits still zero, about {@code m ln(m / z)} ids were added. 128 bytes of state instead of a set;
 * accurate to a few percent up to a few thousand ids.
 */
public final class LinearCounting {
    /** Longs in a bitmap. */
    public static final int LONGS = 16;

    private LinearCounting() {}

    /**
     * Adds the id, making a bitmap of {@link #LONGS} if null; returns the bitmap. A bitmap of
     * another power-of-two length (for larger counts) keeps its length.
     */
    public static long[] add(long[] bits, String id) {
        long[] b = bits == null ? new long[LONGS] : bits;
        int bit = mix(id.hashCode()) & (b.length * 64 - 1);
        b[bit >>> 6] |= 1L << (bit & 63);
        return b;
    }

    /** The bit {@link #add} sets for the id in a bitmap of {@link #LONGS}. */
    public static int bit(String id) {
        return mix(id.hashCode()) & (LONGS * 64 - 1);
    }

    public static int estimate(long[] bits) {
        if (bits == null) {
            return 0;
        }
        int m = bits.length * 64;
        int set = 0;
        for (long w : bits) {
            set += Long.bitCount(w);
        }
        int zeros = Math.max(1, m - set);
        return (int) Math.round(m * Math.log((double) m / zeros));
    }

    /** MurmurHash3's finaliser: ids' hash codes are far from random in their low bits. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}

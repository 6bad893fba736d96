package io.agentwatch.models.event;

/**
 * 64-bit FNV-1a over strings' characters: what per-agent state keeps instead of ids it only needs
 * to recognise (recent event ids, ticket-customer links). Two different ids share a hash by a one
 * in 10^19 chance.
 */
public final class Fnv64 {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    /** Between the two ids of a pair: a character no id holds. */
    private static final char SEPARATOR = 0xFFFF;

    private Fnv64() {}

    public static long of(String id) {
        return add(OFFSET, id);
    }

    /** The hash of a pair of ids, so that ("ab", "c") and ("a", "bc") differ. */
    public static long of(String first, String second) {
        return add((add(OFFSET, first) ^ SEPARATOR) * PRIME, second);
    }

    private static long add(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * PRIME;
        }
        return h;
    }
}

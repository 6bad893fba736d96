package io.agentwatch.jobs.types;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings an event's fields repeat from event to event (roles, teams, time zones, user agents,
 * field names), decoded once and then handed out again for the same UTF-8 bytes. A string handed
 * out again costs no allocation, and its hash code is already known: the detectors look most of
 * these up in maps, and a fresh string's hash is a pass over its characters (a user agent is a
 * hundred). Direct-mapped by a hash of the bytes: a value with many distinct values just misses and
 * is decoded as usual. Not thread-safe: one per serializer copy.
 */
final class RecurringStrings {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    /** Longer strings are decoded as they come (they rarely recur; a query, an extra's JSON). */
    static final int MAX_LENGTH = 256;

    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    /**
     * @param slots a power of two
     */
    RecurringStrings(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        keys = new byte[slots][];
        values = new String[slots];
        mask = slots - 1;
    }

    /** The string of the first {@code length} bytes of {@code utf8}. */
    String of(byte[] utf8, int length) {
        if (length > MAX_LENGTH) {
            return new String(utf8, 0, length, StandardCharsets.UTF_8);
        }
        int slot = slot(utf8, length);
        byte[] key = keys[slot];
        if (key != null && key.length == length && Arrays.equals(key, 0, length, utf8, 0, length)) {
            return values[slot];
        }
        String s = new String(utf8, 0, length, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOf(utf8, length);
        values[slot] = s;
        return s;
    }

    /** A hash of the bytes, 8 at a time (a string's own hash goes a character at a time). */
    private int slot(byte[] b, int n) {
        long h = n;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(b, i)) * MIX, 29);
        }
        for (; i < n; i++) {
            h = (h ^ b[i]) * MIX;
        }
        h *= MIX;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}

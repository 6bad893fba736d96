package io.agentwatch.models.state;

import io.agentwatch.models.event.Uuids;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes per-agent state compactly into a reusable byte array: counts as variable-length integers,
 * times as the difference to one base time of the record, arrays without their unused tail (the
 * trailing zeros or nulls a bounded array keeps until it fills), canonical UUIDs as their 16 bytes.
 * What it writes is exact: {@link StateReader} gives back equal values, {@link Long#MIN_VALUE}
 * ("never") included.
 *
 * <p>Every agent's state is written at every checkpoint, so this is the checkpoint's cost per
 * agent: a generic serializer spends it on reflection and on fixed-width fields that are mostly
 * empty.
 */
public final class StateWriter {
    /** Eight or four bytes, most significant first, in one store each. */
    private static final VarHandle LONG_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final VarHandle INT_BYTES =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf = new byte[4096];
    private int pos;
    private long timeBase;

    /** Empties the buffer; times are written relative to {@code timeBase}. */
    public StateWriter reset(long timeBase) {
        pos = 0;
        this.timeBase = timeBase;
        return this;
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return pos;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    /** An unsigned variable-length int: 1 byte below 128. */
    public void varInt(int v) {
        ensure(5);
        putVarInt(v);
    }

    /** {@link #varInt} where room for it is ensured already. */
    private void putVarInt(int v) {
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    /** An unsigned variable-length long. */
    public void varLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    /** A signed int, small magnitudes short. */
    public void signedInt(int v) {
        varInt((v << 1) ^ (v >> 31));
    }

    public void bool(boolean v) {
        ensure(1);
        buf[pos++] = (byte) (v ? 1 : 0);
    }

    /** Eight bytes as they are: hashes and doubles, which variable length would only lengthen. */
    public void rawLong(long v) {
        ensure(8);
        LONG_BYTES.set(buf, pos, v);
        pos += 8;
    }

    public void rawInt(int v) {
        ensure(4);
        INT_BYTES.set(buf, pos, v);
        pos += 4;
    }

    public void rawDouble(double v) {
        rawLong(Double.doubleToRawLongBits(v));
    }

    public void rawFloat(float v) {
        rawInt(Float.floatToRawIntBits(v));
    }

    /** An event time: a few bytes as the difference to the record's base time. */
    public void time(long t) {
        relative(t, timeBase);
    }

    /**
     * A long that is often {@link Long#MIN_VALUE} ("never") and else near {@code base}: 0 for
     * never, 1 and eight bytes for a value too far to encode as a difference, else the zig-zag
     * difference plus 2.
     */
    public void relative(long v, long base) {
        if (v == Long.MIN_VALUE) {
            varLong(0);
            return;
        }
        long d = v - base;
        long z = (d << 1) ^ (d >> 63);
        if (z == -1L || z == -2L) {
            varLong(1);
            rawLong(v);
        } else {
            varLong(z + 2);
        }
    }

    /** Null as 0, a canonical lower-case UUID as 1 and its 16 bytes, else its UTF-8 length + 2. */
    public void string(String s) {
        if (s == null) {
            varInt(0);
            return;
        }
        if (Uuids.isCanonical(s)) {
            varInt(1);
            rawLong(Uuids.high(s));
            rawLong(Uuids.low(s));
            return;
        }
        int n = s.length();
        int start = pos;
        varInt(n + 2);
        ensure(n);
        // Copied as ASCII while it is (most strings are); at a char that is not, rewound for UTF-8.
        int at = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = start;
                utf8(s);
                return;
            }
            buf[at + i] = (byte) c;
        }
        pos = at + n;
    }

    private void utf8(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varInt(utf8.length + 2);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
    }

    /** An array's header: 0 for null, else length + 1; then how many leading slots follow. */
    private boolean header(Object array, int length, int used) {
        if (array == null) {
            varInt(0);
            return false;
        }
        varInt(length + 1);
        varInt(used);
        return true;
    }

    /** Counts (small, never negative in practice, but any int round-trips). */
    public void counts(int[] a) {
        counts(a, 0, a == null ? 0 : a.length);
    }

    /**
     * Counts in {@code a[from, from + length)}, written as {@link #counts(int[])} writes an array
     * of their own (null when {@code a} is).
     */
    public void counts(int[] a, int from, int length) {
        int used = a == null ? 0 : usedInts(a, from, length);
        if (header(a, length, used)) {
            for (int i = 0; i < used; i++) {
                signedInt(a[from + i]);
            }
        }
    }

    /**
     * Counts in another order, {@code a[order[0]], a[order[1]], ...}: written as {@link
     * #counts(int[])} writes an array that holds them in that order.
     */
    public void counts(short[] a, int[] order) {
        if (a != null && a.length != order.length) {
            throw new IllegalArgumentException(
                    "counts of " + a.length + " in an order of " + order.length);
        }
        int used = 0;
        if (a != null) {
            for (int i = order.length - 1; i >= 0; i--) {
                if (a[order[i]] != 0) {
                    used = i + 1;
                    break;
                }
            }
        }
        if (header(a, order.length, used)) {
            for (int i = 0; i < used; i++) {
                signedInt(a[order[i]]);
            }
        }
    }

    /** Hashes: four bytes each. */
    public void hashes(int[] a) {
        hashes(a, 0, a == null ? 0 : a.length);
    }

    /**
     * Hashes in {@code a[from, from + length)}, written as {@link #hashes(int[])} writes an array
     * of their own (null when {@code a} is).
     */
    public void hashes(int[] a, int from, int length) {
        int used = a == null ? 0 : usedInts(a, from, length);
        if (header(a, length, used)) {
            for (int i = 0; i < used; i++) {
                rawInt(a[from + i]);
            }
        }
    }

    /**
     * Four-byte hashes kept in longs, {@code a[from, from + length)}, written as {@link
     * #hashes(int[])} writes an array of their own (null when {@code a} is).
     */
    public void intHashes(long[] a, int from, int length) {
        int used = 0;
        if (a != null) {
            for (int i = length - 1; i >= 0; i--) {
                if ((int) a[from + i] != 0) {
                    used = i + 1;
                    break;
                }
            }
        }
        if (header(a, length, used)) {
            for (int i = 0; i < used; i++) {
                rawInt((int) a[from + i]);
            }
        }
    }

    /** An open-addressing set of non-zero hashes: its length, then each hash and its slot's gap. */
    public void hashSet(int[] a) {
        if (a == null) {
            varInt(0);
            return;
        }
        varInt(a.length + 1);
        int members = 0;
        for (int h : a) {
            if (h != 0) {
                members++;
            }
        }
        varInt(members);
        int last = -1;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != 0) {
                varInt(i - last - 1);
                rawInt(a[i]);
                last = i;
            }
        }
    }

    /** Hashes and bitmaps: eight bytes each. */
    public void hashes(long[] a) {
        int used = a == null ? 0 : usedLongs(a);
        if (header(a, a == null ? 0 : a.length, used)) {
            words(a, used);
        }
    }

    private void words(long[] a, int used) {
        ensure(8 * used);
        for (int i = 0; i < used; i++) {
            LONG_BYTES.set(buf, pos, a[i]);
            pos += 8;
        }
    }

    /**
     * A bitmap: its set bits as gaps between their positions when that is shorter (a bitmap of a
     * few customers), else its words.
     */
    public void bitmap(long[] a) {
        if (a == null) {
            varInt(0);
            return;
        }
        varInt(a.length + 1);
        int used = usedLongs(a);
        int bits = 0;
        for (int w = 0; w < used; w++) {
            bits += Long.bitCount(a[w]);
        }
        int wordBytes = varIntSize(used) + 8 * used;
        // Each gap takes a byte at least: so many bits are never shorter as gaps.
        if (varIntSize(bits) + bits < wordBytes) {
            int start = pos;
            bool(true);
            varInt(bits);
            // The gaps are shorter only if they end before this; past it, the words are written.
            int limit = pos + wordBytes - varIntSize(bits);
            ensure(wordBytes + 5);
            int last = -1;
            for (int w = 0; w < used && pos < limit; w++) {
                for (long word = a[w]; word != 0 && pos < limit; word &= word - 1) {
                    int at = w * 64 + Long.numberOfTrailingZeros(word);
                    putVarInt(at - last - 1);
                    last = at;
                }
            }
            if (pos < limit) {
                return;
            }
            pos = start;
        }
        bool(false);
        varInt(used);
        words(a, used);
    }

    private static int varIntSize(int v) {
        return v >>> 7 == 0 ? 1 : v >>> 14 == 0 ? 2 : v >>> 21 == 0 ? 3 : v >>> 28 == 0 ? 4 : 5;
    }

    /** Event times, relative to the record's base time. */
    public void times(long[] a) {
        times(a, 0, a == null ? 0 : a.length);
    }

    /**
     * Event times {@code a[from, from + length)}, written as {@link #times(long[])} writes an array
     * of their own (null when {@code a} is): part of an array that holds several parts.
     */
    public void times(long[] a, int from, int length) {
        int used = a == null ? 0 : usedLongs(a, from, length);
        if (header(a, length, used)) {
            for (int i = 0; i < used; i++) {
                time(a[from + i]);
            }
        }
    }

    public void floats(float[] a) {
        int used = 0;
        if (a != null) {
            for (int i = a.length - 1; i >= 0; i--) {
                if (Float.floatToRawIntBits(a[i]) != 0) {
                    used = i + 1;
                    break;
                }
            }
        }
        if (header(a, a == null ? 0 : a.length, used)) {
            for (int i = 0; i < used; i++) {
                rawFloat(a[i]);
            }
        }
    }

    public void bools(boolean[] a) {
        int used = 0;
        if (a != null) {
            for (int i = a.length - 1; i >= 0; i--) {
                if (a[i]) {
                    used = i + 1;
                    break;
                }
            }
        }
        if (header(a, a == null ? 0 : a.length, used)) {
            for (int i = 0; i < used; i++) {
                bool(a[i]);
            }
        }
    }

    public void strings(String[] a) {
        int used = 0;
        if (a != null) {
            for (int i = a.length - 1; i >= 0; i--) {
                if (a[i] != null) {
                    used = i + 1;
                    break;
                }
            }
        }
        if (header(a, a == null ? 0 : a.length, used)) {
            for (int i = 0; i < used; i++) {
                string(a[i]);
            }
        }
    }

    private static int usedInts(int[] a, int from, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (a[from + i] != 0) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int usedLongs(long[] a) {
        return usedLongs(a, 0, a.length);
    }

    private static int usedLongs(long[] a, int from, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (a[from + i] != 0) {
                return i + 1;
            }
        }
        return 0;
    }
}

package io.agentwatch.models.state;

import io.agentwatch.models.event.Uuids;
import java.nio.charset.StandardCharsets;

/** Reads what {@link StateWriter} wrote, from a byte array. */
public final class StateReader {
    private byte[] buf;
    private int pos;
    private int end;
    private long timeBase;

    /** Reads {@code length} bytes of {@code buf} from {@code offset}. */
    public StateReader reset(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        return this;
    }

    /** Times that follow are relative to this base, as written. */
    public void timeBase(long base) {
        this.timeBase = base;
    }

    /** Whether every byte was read: a shorter or longer record is a layout mismatch. */
    public boolean atEnd() {
        return pos == end;
    }

    private byte next() {
        if (pos >= end) {
            throw new IllegalStateException("state record ends early at byte " + pos);
        }
        return buf[pos++];
    }

    public int varInt() {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = next();
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("state record has a malformed int at byte " + pos);
    }

    public long varLong() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = next();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalStateException("state record has a malformed long at byte " + pos);
    }

    public int signedInt() {
        int z = varInt();
        return (z >>> 1) ^ -(z & 1);
    }

    public boolean bool() {
        return next() != 0;
    }

    public long rawLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (next() & 0xFF);
        }
        return v;
    }

    public int rawInt() {
        return (next() & 0xFF) << 24
                | (next() & 0xFF) << 16
                | (next() & 0xFF) << 8
                | (next() & 0xFF);
    }

    public double rawDouble() {
        return Double.longBitsToDouble(rawLong());
    }

    public float rawFloat() {
        return Float.intBitsToFloat(rawInt());
    }

    public long time() {
        return relative(timeBase);
    }

    public long relative(long base) {
        long v = varLong();
        if (v == 0) {
            return Long.MIN_VALUE;
        }
        if (v == 1) {
            return rawLong();
        }
        long z = v - 2;
        return ((z >>> 1) ^ -(z & 1)) + base;
    }

    public String string() {
        int h = varInt();
        if (h == 0) {
            return null;
        }
        if (h == 1) {
            long high = rawLong();
            return Uuids.text(high, rawLong());
        }
        int n = h - 2;
        if (n < 0 || n > end - pos) {
            throw new IllegalStateException(
                    "state record has a string past its end at byte " + pos);
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** The array's length, or -1 for null. */
    private int length() {
        return varInt() - 1;
    }

    public int[] counts() {
        int length = length();
        if (length < 0) {
            return null;
        }
        int[] a = new int[length];
        for (int i = 0, used = varInt(); i < used; i++) {
            a[i] = signedInt();
        }
        return a;
    }

    /**
     * Counts that {@link StateWriter#counts(short[], int[])} wrote in {@code order}, each back in
     * its place: the i-th count read goes to {@code order[i]}.
     *
     * @param field what they are, for the message when their number is not the order's
     */
    public short[] shortCounts(int[] order, String field) {
        int length = length();
        if (length < 0) {
            return null;
        }
        if (length != order.length) {
            throw new IllegalStateException(
                    "a state record's "
                            + field
                            + " holds "
                            + length
                            + " counts, where "
                            + order.length
                            + " are kept");
        }
        short[] a = new short[length];
        for (int i = 0, used = used(length, field); i < used; i++) {
            a[order[i]] = (short) signedInt();
        }
        return a;
    }

    public int[] intHashes() {
        int length = length();
        if (length < 0) {
            return null;
        }
        int[] a = new int[length];
        for (int i = 0, used = varInt(); i < used; i++) {
            a[i] = rawInt();
        }
        return a;
    }

    public int[] hashSet() {
        int length = length();
        if (length < 0) {
            return null;
        }
        int[] a = new int[length];
        for (int m = 0, members = varInt(), slot = -1; m < members; m++) {
            slot += varInt() + 1;
            a[slot] = rawInt();
        }
        return a;
    }

    public long[] longHashes() {
        int length = length();
        if (length < 0) {
            return null;
        }
        long[] a = new long[length];
        for (int i = 0, used = varInt(); i < used; i++) {
            a[i] = rawLong();
        }
        return a;
    }

    public long[] bitmap() {
        int length = length();
        if (length < 0) {
            return null;
        }
        long[] a = new long[length];
        if (bool()) {
            for (int b = 0, bits = varInt(), at = -1; b < bits; b++) {
                at += varInt() + 1;
                a[at >>> 6] |= 1L << (at & 63);
            }
        } else {
            for (int i = 0, used = varInt(); i < used; i++) {
                a[i] = rawLong();
            }
        }
        return a;
    }

    /**
     * Event times that {@link StateWriter#times(long[])} wrote, into {@code into[from, from +
     * capacity)}; false (and nothing read into it) when they were null.
     *
     * @param field what they are, for the message when they do not fit
     */
    public boolean times(long[] into, int from, int capacity, String field) {
        int used = sliceUsed(capacity, field);
        for (int i = 0; i < used; i++) {
            into[from + i] = time();
        }
        return used >= 0;
    }

    /**
     * Counts that {@link StateWriter#counts(int[])} wrote, into {@code into[from, from +
     * capacity)}; false (and nothing read into it) when they were null.
     *
     * @param field what they are, for the message when they do not fit
     */
    public boolean counts(int[] into, int from, int capacity, String field) {
        int used = sliceUsed(capacity, field);
        for (int i = 0; i < used; i++) {
            into[from + i] = signedInt();
        }
        return used >= 0;
    }

    /**
     * Four-byte hashes that {@link StateWriter#hashes(int[])} wrote, into {@code into[from, from +
     * capacity)}; false when they were null.
     */
    public boolean intHashes(int[] into, int from, int capacity, String field) {
        int used = sliceUsed(capacity, field);
        for (int i = 0; i < used; i++) {
            into[from + i] = rawInt();
        }
        return used >= 0;
    }

    /**
     * Four-byte hashes that {@link StateWriter#hashes(int[])} wrote, into {@code into[from, from +
     * capacity)} as longs; false when they were null.
     */
    public boolean intHashes(long[] into, int from, int capacity, String field) {
        int used = sliceUsed(capacity, field);
        for (int i = 0; i < used; i++) {
            into[from + i] = rawInt();
        }
        return used >= 0;
    }

    private int used(int length, String field) {
        int used = varInt();
        if (used > length) {
            throw new IllegalStateException(
                    "a state record's " + field + " uses " + used + " of " + length + " values");
        }
        return used;
    }

    /**
     * The header of an array read into a slice of {@code capacity}: how many leading values follow,
     * or -1 when the array was null.
     */
    private int sliceUsed(int capacity, String field) {
        int length = length();
        if (length < 0) {
            return -1;
        }
        if (length > capacity) {
            throw new IllegalStateException(
                    "a state record's "
                            + field
                            + " holds "
                            + length
                            + " values, more than the "
                            + capacity
                            + " it can have");
        }
        return used(length, field);
    }

    public long[] times() {
        int length = length();
        if (length < 0) {
            return null;
        }
        long[] a = new long[length];
        for (int i = 0, used = varInt(); i < used; i++) {
            a[i] = time();
        }
        return a;
    }

    public float[] floats() {
        int length = length();
        if (length < 0) {
            return null;
        }
        float[] a = new float[length];
        for (int i = 0, used = varInt(); i < used; i++) {
            a[i] = rawFloat();
        }
        return a;
    }

    public boolean[] bools() {
        int length = length();
        if (length < 0) {
            return null;
        }
        boolean[] a = new boolean[length];
        for (int i = 0, used = varInt(); i < used; i++) {
            a[i] = bool();
        }
        return a;
    }

    public String[] strings() {
        int length = length();
        if (length < 0) {
            return null;
        }
        String[] a = new String[length];
        for (int i = 0, used = varInt(); i < used; i++) {
            a[i] = string();
        }
        return a;
    }
}

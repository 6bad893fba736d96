package io.agentwatch.models.event;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one JSON document straight into a reusable UTF-8 buffer, byte for byte as Jackson's {@code
 * JsonGenerator} writes the same calls with its default features: the same string escapes ({@code
 * \"}, {@code \\}, {@code \b \t \n \f \r}, other control characters and every UTF-16 surrogate as
 * {@code \}{@code uXXXX}), the same number text (Jackson's {@link NumberOutput}), no whitespace.
 *
 * <p>It exists for the documents written once per event (the enriched event, the contract line):
 * Jackson's generator costs a generator, its context and its pooled buffers per document, checks
 * each value's place in the document, and copies each string into a character buffer before
 * encoding it; that was a third of the detectors' thread. Not thread-safe: one per thread, reset
 * per document.
 */
public final class Utf8JsonWriter {
    /** A member name, encoded once with its quotes and colon. */
    public static final class Name {
        final byte[] bytes;

        public Name(String name) {
            Utf8JsonWriter w = new Utf8JsonWriter(false);
            w.quoted(name);
            w.put((byte) ':');
            this.bytes = Arrays.copyOf(w.buf, w.len);
        }
    }

    /** A string value, encoded once with its quotes. */
    public static final class Literal {
        final byte[] bytes;

        public Literal(String value) {
            Utf8JsonWriter w = new Utf8JsonWriter(false);
            w.quoted(value);
            this.bytes = Arrays.copyOf(w.buf, w.len);
        }
    }

    private static final int MAX_DEPTH = 63;
    private static final int BULK_MIN = 16;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                    long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** Per 7-bit character: 0 as is, a letter for a short escape, -1 for {@code \}{@code u00XX}. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private static final int DECIMALS = 256;
    private static final long NAN_BITS = 0x7FF8_0000_0000_0000L;

    private final boolean fastFloatingPoint;
    private final long[] decimalKeys = new long[DECIMALS];
    private final byte[][] decimalText = new byte[DECIMALS][];
    private byte[] buf = new byte[1024];
    private int len;
    private int depth;
    // Bit d: the container at depth d has a member already (a comma before the next one), and is
    // an array (values take the comma themselves; in an object the name does).
    private long notFirst;
    private long inArray;

    /**
     * @param fastFloatingPoint floating-point numbers as with Jackson's {@code
     *     USE_FAST_DOUBLE_WRITER} (shortest digits), else as {@link Double#toString}
     */
    public Utf8JsonWriter(boolean fastFloatingPoint) {
        this.fastFloatingPoint = fastFloatingPoint;
    }

    /** Empties the buffer for the next document. */
    public Utf8JsonWriter reset() {
        len = 0;
        depth = 0;
        notFirst = 0;
        inArray = 0;
        return this;
    }

    public void startObject() {
        beforeValue();
        put((byte) '{');
        push(false);
    }

    public void endObject() {
        depth--;
        put((byte) '}');
    }

    public void startArray() {
        beforeValue();
        put((byte) '[');
        push(true);
    }

    public void endArray() {
        depth--;
        put((byte) ']');
    }

    public void name(Name name) {
        beforeName();
        put(name.bytes);
    }

    /** A name encoded on the spot, for documents written rarely. */
    public void name(String name) {
        beforeName();
        quoted(name);
        put((byte) ':');
    }

    public void field(String name, String value) {
        name(name);
        value(value);
    }

    public void field(String name, long value) {
        name(name);
        value(value);
    }

    public void field(String name, double value) {
        name(name);
        value(value);
    }

    public void field(String name, float value) {
        name(name);
        value(value);
    }

    public void field(String name, boolean value) {
        name(name);
        value(value);
    }

    public void objectField(String name) {
        name(name);
        startObject();
    }

    public void arrayField(String name) {
        name(name);
        startArray();
    }

    public void value(Literal value) {
        beforeValue();
        put(value.bytes);
    }

    /** A string value, or {@code null} for null. */
    public void value(String value) {
        beforeValue();
        if (value == null) {
            put(NULL);
        } else {
            quoted(value);
        }
    }

    public void value(boolean value) {
        beforeValue();
        put(value ? TRUE : FALSE);
    }

    public void value(long value) {
        beforeValue();
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += digits;
    }

    public void value(double value) {
        if (Double.isFinite(value)) {
            beforeValue();
            put(decimal(Double.doubleToRawLongBits(value), value, false));
        } else {
            // Jackson's QUOTE_NON_NUMERIC_NUMBERS, on by default.
            value(NumberOutput.toString(value, fastFloatingPoint));
        }
    }

    public void value(float value) {
        if (Float.isFinite(value)) {
            beforeValue();
            // Keyed as a double's NaN bits, which no cached (finite) double has: a float and a
            // double never share a key.
            put(decimal(NAN_BITS | (Float.floatToRawIntBits(value) & 0xFFFF_FFFFL), value, true));
        } else {
            value(NumberOutput.toString(value, fastFloatingPoint));
        }
    }

    /**
     * A number's text, from the cache of recent ones when there: the same few values recur from
     * event to event (a site's location, an agent's usual events an hour), and the shortest-digits
     * conversion is the dearest part of writing them.
     */
    private byte[] decimal(long key, double value, boolean isFloat) {
        int slot = (int) (key ^ (key >>> 21) ^ (key >>> 42)) & (DECIMALS - 1);
        byte[] text = decimalText[slot];
        if (text != null && decimalKeys[slot] == key) {
            return text;
        }
        String s =
                isFloat
                        ? NumberOutput.toString((float) value, fastFloatingPoint)
                        : NumberOutput.toString(value, fastFloatingPoint);
        text = s.getBytes(StandardCharsets.US_ASCII);
        decimalKeys[slot] = key;
        decimalText[slot] = text;
        return text;
    }

    /** A value that is JSON text already, copied as UTF-8. */
    public void rawValue(String json) {
        beforeValue();
        put(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The document as UTF-8 bytes, with a newline when asked (one NDJSON line). */
    public byte[] toBytes(boolean newline) {
        byte[] out = Arrays.copyOf(buf, len + (newline ? 1 : 0));
        if (newline) {
            out[len] = '\n';
        }
        return out;
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Writes the document to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    private void beforeName() {
        long bit = 1L << depth;
        if ((notFirst & bit) != 0) {
            put((byte) ',');
        }
        notFirst |= bit;
    }

    private void beforeValue() {
        long bit = 1L << depth;
        if ((inArray & bit) != 0) {
            if ((notFirst & bit) != 0) {
                put((byte) ',');
            }
            notFirst |= bit;
        }
    }

    private void push(boolean array) {
        if (++depth > MAX_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        long bit = 1L << depth;
        notFirst &= ~bit;
        inArray = array ? inArray | bit : inArray & ~bit;
    }

    private void quoted(String s) {
        int n = s.length();
        // Most strings are short ASCII: one check for the worst case (6 bytes a character).
        ensure(6 * n + 2);
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        int i = 0;
        if (n >= BULK_MIN) {
            // The run that needs no escape and is ASCII is copied whole, checked 8 bytes at a
            // time; the rest, character by character.
            byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
            i = plainPrefix(latin1, s);
            System.arraycopy(latin1, 0, b, p, i);
            p += i;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPES[c];
                if (e == 0) {
                    b[p++] = (byte) c;
                } else {
                    b[p++] = '\\';
                    if (e > 0) {
                        b[p++] = e;
                    } else {
                        p = unicodeEscape(b, p, c);
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = '\\';
                p = unicodeEscape(b, p, c);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = '"';
        len = p;
    }

    /**
     * How many leading characters of {@code s} are ASCII that JSON takes as they are, given {@code
     * latin1}, its ISO-8859-1 bytes (where a character beyond Latin-1 became {@code '?'}).
     */
    private static int plainPrefix(byte[] latin1, String s) {
        int n = latin1.length;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (needsCare((long) LONGS.get(latin1, i))) {
                break;
            }
        }
        for (; i < n; i++) {
            int c = latin1[i];
            if (c < 0 || ESCAPES[c] != 0 || (c == '?' && s.charAt(i) != '?')) {
                return i;
            }
        }
        return n;
    }

    /** Whether any of 8 bytes is non-ASCII, a control character, a quote, a backslash or '?'. */
    private static boolean needsCare(long w) {
        long high = w & HIGH_BITS;
        long control = (w - 0x2020202020202020L) & ~w & HIGH_BITS;
        return (high
                        | control
                        | zeroByte(w ^ 0x2222222222222222L)
                        | zeroByte(w ^ 0x5C5C5C5C5C5C5C5CL)
                        | zeroByte(w ^ 0x3F3F3F3F3F3F3F3FL))
                != 0;
    }

    private static long zeroByte(long v) {
        return (v - 0x0101010101010101L) & ~v & HIGH_BITS;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xF];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}

package io.agentwatch.models.event;

/**
 * The UUID text form (8-4-4-4-12 hex digits), which event and session ids mostly take: masking
 * skips it (it can hold no card number), and state keeps it as its 16 bytes instead of 36.
 */
public final class Uuids {
    /** Where a UUID has its dashes, as bits. */
    private static final long DASHES = 1L << 8 | 1L << 13 | 1L << 18 | 1L << 23;

    private static final boolean[] HEX = new boolean['f' + 1];
    private static final boolean[] LOWER_HEX = new boolean['f' + 1];

    /**
     * Each lower-case hex digit's value: a table, where {@link Character#digit} costs ten times.
     */
    private static final byte[] LOWER_HEX_VALUE = new byte['f' + 1];

    static {
        for (char c = '0'; c <= '9'; c++) {
            HEX[c] = true;
            LOWER_HEX[c] = true;
            LOWER_HEX_VALUE[c] = (byte) (c - '0');
        }
        for (char c = 'a'; c <= 'f'; c++) {
            HEX[c] = true;
            LOWER_HEX[c] = true;
            HEX[c - 'a' + 'A'] = true;
            LOWER_HEX_VALUE[c] = (byte) (c - 'a' + 10);
        }
    }

    private Uuids() {}

    /** Whether the text is exactly a UUID, hex digits of either case. */
    public static boolean isUuid(String s) {
        return shaped(s, HEX);
    }

    /**
     * The form {@link java.util.UUID#toString()} gives (lower-case hex), the only one {@link #text}
     * gives back exactly.
     */
    public static boolean isCanonical(String s) {
        return shaped(s, LOWER_HEX);
    }

    /** A table and a bit mask, not a chain of comparisons: branch-free, a fifth of the time. */
    private static boolean shaped(String s, boolean[] digits) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = ((DASHES >>> i) & 1) != 0 ? c == '-' : c < digits.length && digits[c];
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The first 8 bytes of a canonical UUID (only for one: {@link #isCanonical}). */
    public static long high(String s) {
        return hex(s, 0, 8) << 32 | hex(s, 9, 13) << 16 | hex(s, 14, 18);
    }

    /** The last 8 bytes of a canonical UUID (only for one: {@link #isCanonical}). */
    public static long low(String s) {
        return hex(s, 19, 23) << 48 | hex(s, 24, 36);
    }

    private static long hex(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v << 4 | LOWER_HEX_VALUE[s.charAt(i)];
        }
        return v;
    }

    /** The canonical text of a UUID's two halves. */
    public static String text(long high, long low) {
        return new java.util.UUID(high, low).toString();
    }
}

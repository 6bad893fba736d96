package io.agentwatch.models.state;

/**
 * Event ids are mostly UUIDs, and state keeps dozens of them per agent: their canonical text is 36
 * bytes, their value 16.
 */
final class Uuids {
    private Uuids() {}

    /**
     * The form {@link java.util.UUID#toString()} gives: lower-case hex, dashes at 8, 13, 18, 23.
     */
    static boolean isCanonical(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static long high(String s) {
        return hex(s, 0, 8) << 32 | hex(s, 9, 13) << 16 | hex(s, 14, 18);
    }

    static long low(String s) {
        return hex(s, 19, 23) << 48 | hex(s, 24, 36);
    }

    private static long hex(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v << 4 | Character.digit(s.charAt(i), 16);
        }
        return v;
    }

    static String text(long high, long low) {
        return new java.util.UUID(high, low).toString();
    }
}

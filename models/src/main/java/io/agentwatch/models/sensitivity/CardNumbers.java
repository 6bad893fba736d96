package io.agentwatch.models.sensitivity;

import io.agentwatch.models.event.Uuids;

/**
 * Finds payment-card numbers (PANs) in free text and masks them.
 *
 * <p>A candidate is 13–19 digits, either contiguous or in a card-style grouping separated
 * consistently by single spaces or dashes (4-4-4-4, 4-6-5, ...). It counts as a card number when it
 * passes the Luhn check and starts like a card of a major network (2221–2720, 3, 4, 5, 6). The
 * prefix rule keeps epoch-millisecond timestamps, compact dates and long phone numbers from being
 * taken for cards. Hand-written rather than a regex: this runs on every string of every event, and
 * most strings have no long digit run, which the first pass rejects without allocating.
 */
public final class CardNumbers {
    public static final int MIN_DIGITS = 13;
    public static final int MAX_DIGITS = 19;

    /** Kept in clear: the issuer prefix and the last four, as PCI DSS allows for display. */
    public static final int KEEP_FIRST = 6;

    public static final int KEEP_LAST = 4;
    public static final char MASK_CHAR = '*';

    private static final int[][] GROUPINGS = {
        {4, 4, 4, 4},
        {4, 4, 4, 4, 1},
        {4, 4, 4, 4, 2},
        {4, 4, 4, 4, 3},
        {4, 4, 4, 1},
        {4, 4, 4, 2},
        {4, 4, 4, 3},
        {4, 6, 5},
        {4, 6, 4},
    };

    private static final int MAX_GROUPS = 32;

    private CardNumbers() {}

    /** Whether the text holds at least one card number. */
    public static boolean containsCardNumber(String s) {
        return s != null && !Uuids.isUuid(s) && hasLongDigitRun(s) && scan(s, null);
    }

    /** The text with every card number masked; the same instance when there is none. */
    public static String mask(String s) {
        // A UUID can hold no card number by the rules above: its longest digit group has 12
        // digits, and no span of its groups is grouped like a card. Event and session ids are
        // UUIDs, and their digit groups often pass the first pass below, so this saves a scan.
        if (s == null || Uuids.isUuid(s) || !hasLongDigitRun(s)) {
            return s;
        }
        // Most strings that pass the first pass hold no card (ids, UUIDs): copy only for one.
        if (!scan(s, null)) {
            return s;
        }
        char[] out = s.toCharArray();
        scan(s, out);
        return new String(out);
    }

    /** Luhn check over a digit string. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Whether digits starting like this belong to a major card network. */
    public static boolean plausibleIssuer(CharSequence digits) {
        char first = digits.charAt(0);
        if (first >= '3' && first <= '6') {
            return true;
        }
        if (first == '2' && digits.length() >= 4) {
            int prefix =
                    (digits.charAt(0) - '0') * 1000
                            + (digits.charAt(1) - '0') * 100
                            + (digits.charAt(2) - '0') * 10
                            + (digits.charAt(3) - '0');
            return prefix >= 2221 && prefix <= 2720;
        }
        return false;
    }

    /** {@link #containsCardNumber} without the UUID shortcut, to check that it changes nothing. */
    static boolean scanFindsCard(String s) {
        return hasLongDigitRun(s) && scan(s, null);
    }

    /**
     * Cheap first pass: a run of at least {@link #MIN_DIGITS} digits, its groups joined by single
     * spaces or dashes, as {@link #scan} reads runs; every card number lies in one.
     */
    private static boolean hasLongDigitRun(String s) {
        int digits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                if (++digits >= MIN_DIGITS) {
                    return true;
                }
            } else if (digits == 0
                    || (c != ' ' && c != '-')
                    || i + 1 >= n
                    || !isDigit(s.charAt(i + 1))) {
                digits = 0;
            }
        }
        return false;
    }

    /**
     * Scans for card numbers; masks them into {@code out} when it is not null.
     *
     * @return whether any card number was found
     */
    private static boolean scan(String s, char[] out) {
        int n = s.length();
        boolean found = false;
        int[] groupStart = new int[MAX_GROUPS];
        int[] groupLen = new int[MAX_GROUPS];
        char[] sepBefore = new char[MAX_GROUPS];
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            // A run: digit groups joined by single ' ' or '-'.
            int groups = 0;
            char sep = 0;
            while (true) {
                int start = i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (groups < MAX_GROUPS) {
                    groupStart[groups] = start;
                    groupLen[groups] = i - start;
                    sepBefore[groups] = sep;
                    groups++;
                }
                if (i + 1 < n
                        && (s.charAt(i) == ' ' || s.charAt(i) == '-')
                        && isDigit(s.charAt(i + 1))) {
                    sep = s.charAt(i);
                    i++;
                } else {
                    break;
                }
            }
            found |= scanRun(s, out, groupStart, groupLen, sepBefore, groups);
            if (found && out == null) {
                return true;
            }
        }
        return found;
    }

    /** Tries every span of consecutive groups in a run, longest first, masking what matches. */
    private static boolean scanRun(
            String s, char[] out, int[] start, int[] len, char[] sep, int groups) {
        boolean found = false;
        int g = 0;
        while (g < groups) {
            int matchedEnd = -1;
            for (int e = groups - 1; e >= g; e--) {
                if (isCard(s, start, len, sep, g, e)) {
                    matchedEnd = e;
                    break;
                }
            }
            if (matchedEnd < 0) {
                g++;
                continue;
            }
            found = true;
            if (out != null) {
                maskSpan(out, start[g], start[matchedEnd] + len[matchedEnd]);
            }
            g = matchedEnd + 1;
        }
        return found;
    }

    private static boolean isCard(String s, int[] start, int[] len, char[] sep, int from, int to) {
        int digits = 0;
        for (int k = from; k <= to; k++) {
            digits += len[k];
        }
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            return false;
        }
        if (from != to
                && (!groupedLikeACard(len, sep, from, to)
                        || gluedToText(s, start[from], start[to] + len[to]))) {
            return false;
        }
        StringBuilder d = new StringBuilder(digits);
        for (int k = from; k <= to; k++) {
            d.append(s, start[k], start[k] + len[k]);
        }
        return plausibleIssuer(d) && luhn(d);
    }

    /**
     * Whether a grouped span touches a letter or digit at either end, as inside a UUID ({@code
     * 9816ba49-3971-1799-6824-2c6f...}). A contiguous run is masked even when glued to text ({@code
     * card4111111111111111}): leaking a card costs more than masking an odd id.
     */
    private static boolean gluedToText(String s, int from, int to) {
        return (from > 0 && Character.isLetterOrDigit(s.charAt(from - 1)))
                || (to < s.length() && Character.isLetterOrDigit(s.charAt(to)));
    }

    private static boolean groupedLikeACard(int[] len, char[] sep, int from, int to) {
        char separator = sep[from + 1];
        for (int k = from + 2; k <= to; k++) {
            if (sep[k] != separator) {
                return false;
            }
        }
        int count = to - from + 1;
        outer:
        for (int[] grouping : GROUPINGS) {
            if (grouping.length != count) {
                continue;
            }
            for (int k = 0; k < count; k++) {
                if (grouping[k] != len[from + k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void maskSpan(char[] out, int from, int to) {
        int total = 0;
        for (int i = from; i < to; i++) {
            if (isDigit(out[i])) {
                total++;
            }
        }
        int seen = 0;
        for (int i = from; i < to; i++) {
            if (isDigit(out[i])) {
                seen++;
                if (seen > KEEP_FIRST && seen <= total - KEEP_LAST) {
                    out[i] = MASK_CHAR;
                }
            }
        }
    }

    /**
     * The digits 0-9 in {@code s} (what {@code \d} matches in a pattern), counted up to {@code
     * enough}: a cheap test of whether a string can hold what needs that many.
     */
    static int asciiDigits(String s, int enough) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len && n < enough; i++) {
            if (isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

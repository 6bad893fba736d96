package io.agentwatch.models.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-times with {@code Z} or an offset, to epoch milliseconds. The common shape ({@code
 * 2026-03-02T09:15:00[.fff…](Z|±hh:mm)}) is read by hand, because {@link DateTimeFormatter} is a
 * noticeable share of parse cost at 100k events/s; anything else goes through the JDK.
 */
public final class Timestamps {
    private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ISO_INSTANT;

    private Timestamps() {}

    /**
     * Epoch milliseconds, or {@link Long#MIN_VALUE} when the text is not an ISO-8601 offset
     * date-time.
     */
    public static long parseMillis(String s) {
        long fast = parseFast(s);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** UTC ISO-8601 text with milliseconds, e.g. {@code 2026-03-02T09:15:00.000Z}. */
    public static String format(long epochMillis) {
        if (epochMillis >= 0 && epochMillis <= LAST_FOUR_DIGIT_YEAR_MILLIS) {
            return formatFast(epochMillis);
        }
        return formatSlow(epochMillis);
    }

    /** 9999-12-31T23:59:59.999Z: later years have five digits and a sign, as ISO_INSTANT writes. */
    private static final long LAST_FOUR_DIGIT_YEAR_MILLIS = 253_402_300_799_999L;

    /**
     * Every enriched event carries its time as text: the date from the day number (Hinnant's
     * civil-from-days), no formatter or intermediate objects.
     */
    private static String formatFast(long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        int msOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int doe = (int) (z - era * 146_097);
        int yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int day = doy - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        byte[] c = new byte[24];
        put(c, 0, year, 4);
        c[4] = '-';
        put(c, 5, month, 2);
        c[7] = '-';
        put(c, 8, day, 2);
        c[10] = 'T';
        put(c, 11, msOfDay / 3_600_000, 2);
        c[13] = ':';
        put(c, 14, msOfDay / 60_000 % 60, 2);
        c[16] = ':';
        put(c, 17, msOfDay / 1000 % 60, 2);
        c[19] = '.';
        put(c, 20, msOfDay % 1000, 3);
        c[23] = 'Z';
        return new String(c, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void put(byte[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    static String formatSlow(long epochMillis) {
        Instant instant = Instant.ofEpochMilli(epochMillis);
        String s = OUTPUT.format(instant);
        // ISO_INSTANT drops zero millis; a fixed width sorts and reads better.
        if (instant.getNano() == 0) {
            return s.substring(0, s.length() - 1) + ".000Z";
        }
        return s;
    }

    private static long parseFast(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0
                || month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        int millis = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return Long.MIN_VALUE;
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        if (i >= n) {
            return Long.MIN_VALUE; // no zone: not allowed by the contract
        }
        int offsetSeconds;
        char z = s.charAt(i);
        if ((z == 'Z' || z == 'z') && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return Long.MIN_VALUE;
        }
        long epochDay = epochDay(year, month, day);
        long seconds = epochDay * 86400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000L + millis;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /**
     * Days since 1970-01-01 (proleptic Gregorian), as in {@link java.time.LocalDate#toEpochDay()}.
     */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long m = month;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * m - 362) / 12;
        total += day - 1;
        if (m > 2) {
            total--;
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if (!leap) {
                total--;
            }
        }
        return total - 719528L;
    }
}

package io.agentwatch.models.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link EventParser}'s fast path: reads a record in the plain form producers write straight from
 * its UTF-8 bytes. Plain means: only the contract's fields, each once; strings without escapes or
 * control characters; numbers in JSON's own form; a location's coordinates, a count, an outcome and
 * a country the contract accepts. Anything else makes {@link #read} return null, and the parser
 * reads that record with Jackson, whose path names the field and the problem. So this reader never
 * judges a record invalid, and an event it returns is the event Jackson's path returns for the same
 * bytes ({@code PlainRecordReaderTest} compares the two over simulated and mutated records).
 *
 * <p>Why: Jackson's streaming parser was 58% of the source task's time, decoding and canonicalizing
 * every member name and copying every value through a character buffer; here a name is compared
 * where it lies and a value is one copy into its string.
 *
 * <p>One reader per record; not thread-safe.
 */
final class PlainRecordReader {
    private static final byte[] EVENT_ID = ascii("event_id");
    private static final byte[] TIMESTAMP = ascii("@timestamp");
    private static final byte[] ACTION = ascii("action");
    private static final byte[] AGENT = ascii("agent");
    private static final byte[] RESOURCE = ascii("resource");
    private static final byte[] CUSTOMER = ascii("customer");
    private static final byte[] TICKET = ascii("ticket");
    private static final byte[] SESSION = ascii("session");
    private static final byte[] QUERY = ascii("query");
    private static final byte[] FIELDS = ascii("fields");
    private static final byte[] RESULT_COUNT = ascii("result_count");
    private static final byte[] SOURCE = ascii("source");
    private static final byte[] USER_AGENT = ascii("user_agent");
    private static final byte[] OUTCOME = ascii("outcome");
    private static final byte[] ID = ascii("id");
    private static final byte[] NAME = ascii("name");
    private static final byte[] ROLE = ascii("role");
    private static final byte[] TEAM = ascii("team");
    private static final byte[] TIMEZONE = ascii("timezone");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] IP = ascii("ip");
    private static final byte[] GEO = ascii("geo");
    private static final byte[] COUNTRY = ascii("country_iso_code");
    private static final byte[] LOCATION = ascii("location");
    private static final byte[] LAT = ascii("lat");
    private static final byte[] LON = ascii("lon");

    // The nested objects' members, numbered for value(): an object's members are consecutive.
    private static final int AGENT_ID = 0;
    private static final int AGENT_NAME = 1;
    private static final int AGENT_ROLE = 2;
    private static final int AGENT_TEAM = 3;
    private static final int AGENT_TIMEZONE = 4;
    private static final int RESOURCE_TYPE = 5;
    private static final int RESOURCE_ID = 6;
    private static final int SOURCE_IP = 7;
    private static final int SOURCE_GEO = 8;
    private static final int GEO_COUNTRY = 9;
    private static final int GEO_LOCATION = 10;
    private static final int LOCATION_LAT = 11;
    private static final int LOCATION_LON = 12;

    private static final byte[][] AGENT_MEMBERS = {ID, NAME, ROLE, TEAM, TIMEZONE};
    private static final byte[][] RESOURCE_MEMBERS = {TYPE, ID};
    private static final byte[][] SOURCE_MEMBERS = {IP, GEO};
    private static final byte[][] GEO_MEMBERS = {COUNTRY, LOCATION};
    private static final byte[][] LOCATION_MEMBERS = {LAT, LON};

    /** Longest number text read here; longer ones (and integers past a long) go to Jackson. */
    private static final int MAX_NUMBER_CHARS = 32;

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = ' ' * ONES;

    /** 1e0 to 1e15, each exact. */
    private static final double[] POWERS_OF_TEN = new double[16];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int k = 1; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10;
        }
    }

    private final ZoneIds zones;
    private final byte[] b;
    private final int end;
    private int i;
    private int nameStart;
    private boolean numberIsInteger;

    /** The record's {@code @timestamp} as written, for the parser's shared checks. */
    String timestampText;

    /** The record's {@code action} as written, for the parser's shared checks. */
    String actionText;

    /** Whether the record has an {@code agent} that is not null. */
    boolean sawAgent;

    /**
     * Whether a string holds a byte outside ASCII. Only strings can (names and the rest of a plain
     * record are ASCII), so a record without is valid UTF-8 with no further check.
     */
    boolean nonAscii;

    PlainRecordReader(byte[] record, int offset, int length, ZoneIds zones) {
        this.zones = zones;
        this.b = record;
        this.i = offset;
        this.end = offset + length;
    }

    /** The record's event (its time not yet set), or null when the record is not plain. */
    AccessEvent read() {
        try {
            AccessEvent e = readRecord();
            if (skipSpace() != end) {
                return null;
            }
            return e;
        } catch (NotPlain n) {
            return null;
        }
    }

    private AccessEvent readRecord() {
        AccessEvent e = new AccessEvent();
        if (!openObject()) {
            return e;
        }
        int seen = 0;
        do {
            name();
            int bit;
            switch (b[nameStart]) {
                case 'e':
                    bit = bit(EVENT_ID, 1);
                    e.eventId = requiredString();
                    break;
                case '@':
                    bit = bit(TIMESTAMP, 1 << 1);
                    timestampText = requiredString();
                    break;
                case 'a':
                    if (nameIs(ACTION)) {
                        bit = 1 << 2;
                        actionText = requiredString();
                    } else {
                        bit = bit(AGENT, 1 << 3);
                        sawAgent = !isNull();
                        if (sawAgent) {
                            readObject(AGENT_MEMBERS, AGENT_ID, e);
                        }
                    }
                    break;
                case 'r':
                    if (nameIs(RESOURCE)) {
                        bit = 1 << 4;
                        readObject(RESOURCE_MEMBERS, RESOURCE_TYPE, e);
                    } else {
                        bit = bit(RESULT_COUNT, 1 << 10);
                        e.resultCount = resultCount();
                    }
                    break;
                case 'c':
                    bit = bit(CUSTOMER, 1 << 5);
                    e.customerId = idObject();
                    break;
                case 't':
                    bit = bit(TICKET, 1 << 6);
                    e.ticketId = idObject();
                    break;
                case 's':
                    if (nameIs(SESSION)) {
                        bit = 1 << 7;
                        e.sessionId = idObject();
                    } else {
                        bit = bit(SOURCE, 1 << 11);
                        readObject(SOURCE_MEMBERS, SOURCE_IP, e);
                    }
                    break;
                case 'q':
                    bit = bit(QUERY, 1 << 8);
                    e.query = optionalString();
                    break;
                case 'f':
                    bit = bit(FIELDS, 1 << 9);
                    e.fields = fields();
                    break;
                case 'u':
                    bit = bit(USER_AGENT, 1 << 12);
                    e.userAgent = optionalString();
                    break;
                case 'o':
                    bit = bit(OUTCOME, 1 << 13);
                    e.outcome = outcome();
                    break;
                default:
                    throw NOT_PLAIN;
            }
            seen = once(seen, bit);
        } while (nextMember());
        return e;
    }

    /** Objects of the shape {@code {"id": "..."}}: customer, ticket, session. */
    private String idObject() {
        if (isNull() || !openObject()) {
            return null;
        }
        name();
        bit(ID, 1);
        String id = optionalString();
        if (nextMember()) {
            throw NOT_PLAIN;
        }
        return id;
    }

    /**
     * Reads an object whose members' names are among {@code names}, each once: the value of the
     * member named {@code names[k]} by {@link #value}{@code (first + k)}.
     */
    private void readObject(byte[][] names, int first, AccessEvent e) {
        if (isNull() || !openObject()) {
            return;
        }
        int seen = 0;
        do {
            name();
            int k = 0;
            while (!nameIs(names[k])) {
                if (++k == names.length) {
                    throw NOT_PLAIN;
                }
            }
            seen = once(seen, 1 << k);
            value(first + k, e);
        } while (nextMember());
    }

    private void value(int member, AccessEvent e) {
        switch (member) {
            case AGENT_ID:
                e.agentId = requiredString();
                break;
            case AGENT_NAME:
                e.agentName = optionalString();
                break;
            case AGENT_ROLE:
                e.agentRole = optionalString();
                break;
            case AGENT_TEAM:
                e.agentTeam = optionalString();
                break;
            case AGENT_TIMEZONE:
                e.agentTimezone = zone();
                break;
            case RESOURCE_TYPE:
                e.resourceType = optionalString();
                break;
            case RESOURCE_ID:
                e.resourceId = optionalString();
                break;
            case SOURCE_IP:
                e.sourceIp = optionalString();
                break;
            case SOURCE_GEO:
                readObject(GEO_MEMBERS, GEO_COUNTRY, e);
                break;
            case GEO_COUNTRY:
                String c = optionalString();
                if (c != null) {
                    if (!EventParser.isCountryCode(c)) {
                        throw NOT_PLAIN;
                    }
                    e.sourceCountry = EventParser.countryCode(c);
                }
                break;
            case GEO_LOCATION:
                readObject(LOCATION_MEMBERS, LOCATION_LAT, e);
                break;
            case LOCATION_LAT:
                e.sourceLat = coordinate(90);
                break;
            case LOCATION_LON:
                e.sourceLon = coordinate(180);
                break;
            default:
                throw new IllegalArgumentException("no member " + member);
        }
    }

    private Double coordinate(double limit) {
        if (isNull()) {
            return null;
        }
        int start = i;
        number();
        double d;
        if (numberIsInteger) {
            // As Jackson: an integer token is read as a long, then widened (so -0 is 0.0).
            d = (double) integer(start, i);
        } else {
            d = decimal(start, i);
        }
        if (!EventParser.isCoordinate(d, limit)) {
            throw NOT_PLAIN;
        }
        return d;
    }

    private Integer resultCount() {
        if (isNull()) {
            return null;
        }
        int start = i;
        number();
        if (!numberIsInteger) {
            throw NOT_PLAIN;
        }
        long n = integer(start, i);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw NOT_PLAIN;
        }
        return (int) n;
    }

    private Outcome outcome() {
        String text = optionalString();
        if (text == null) {
            return null;
        }
        Outcome o = Outcome.fromWire(text);
        if (o == null) {
            throw NOT_PLAIN;
        }
        return o;
    }

    private String[] fields() {
        if (isNull()) {
            return null;
        }
        if (b[i] != '[') {
            throw NOT_PLAIN;
        }
        i++;
        if (skipSpace() < end && b[i] == ']') {
            i++;
            return new String[0];
        }
        String[] out = new String[4];
        int n = 0;
        while (true) {
            skipSpace();
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = string();
            if (skipSpace() >= end) {
                throw NOT_PLAIN;
            }
            byte c = b[i++];
            if (c == ']') {
                return n == out.length ? out : Arrays.copyOf(out, n);
            }
            if (c != ',') {
                throw NOT_PLAIN;
            }
        }
    }

    private String requiredString() {
        skipSpace();
        return string();
    }

    private String optionalString() {
        return isNull() ? null : string();
    }

    /** A string at {@link #i} without escapes or control characters, as Jackson decodes it. */
    private String string() {
        int start = stringStart();
        int close = stringEnd(start);
        i = close + 1;
        // Invalid UTF-8 decodes to replacement characters here, but such a record is not returned
        // as plain (see nonAscii).
        return new String(b, start, close - start, StandardCharsets.UTF_8);
    }

    /** The agent's time zone; one that is not an IANA id is not plain. */
    private String zone() {
        if (isNull()) {
            return null;
        }
        int start = stringStart();
        int close = stringEnd(start);
        i = close + 1;
        String id = zones.idOrNull(b, start, close - start);
        if (id == null) {
            throw NOT_PLAIN;
        }
        return id;
    }

    private int stringStart() {
        if (i >= end || b[i] != '"') {
            throw NOT_PLAIN;
        }
        return i + 1;
    }

    /**
     * The index of the quote that closes the string whose content starts at {@code from}. Eight
     * bytes at a time while none of them is a quote, a backslash or a control character.
     */
    private int stringEnd(int from) {
        int k = from;
        long high = 0;
        while (k + 8 <= end) {
            long w = (long) LONGS.get(b, k);
            long quote = w ^ QUOTES;
            long backslash = w ^ BACKSLASHES;
            long special =
                    ((quote - ONES) & ~quote)
                            | ((backslash - ONES) & ~backslash)
                            | ((w - SPACES) & ~w);
            if ((special & HIGH_BITS) != 0) {
                break;
            }
            high |= w;
            k += 8;
        }
        if ((high & HIGH_BITS) != 0) {
            nonAscii = true;
        }
        for (; k < end; k++) {
            byte c = b[k];
            if (c == '"') {
                return k;
            }
            if (c < 0) {
                nonAscii = true;
            } else if (c == '\\' || c < 0x20) {
                throw NOT_PLAIN;
            }
        }
        throw NOT_PLAIN;
    }

    /**
     * Reads a member name's opening quote. The name is then matched where it lies against the names
     * its object may have ({@link #nameIs}): a name no contract field has is not plain.
     */
    private void name() {
        if (skipSpace() + 1 >= end || b[i] != '"') {
            throw NOT_PLAIN;
        }
        nameStart = ++i;
    }

    /**
     * Whether the member's name is {@code name} (its bytes, then the closing quote); if so, moves
     * past the name and its colon.
     */
    private boolean nameIs(byte[] name) {
        int close = nameStart + name.length;
        if (close >= end || b[close] != '"') {
            return false;
        }
        // Names are a few bytes: a loop beats a call to the vectorized comparison.
        for (int k = 0; k < name.length; k++) {
            if (b[nameStart + k] != name[k]) {
                return false;
            }
        }
        i = close + 1;
        if (skipSpace() >= end || b[i] != ':') {
            throw NOT_PLAIN;
        }
        i++;
        return true;
    }

    /** {@code bit} when the member's name is {@code name}; otherwise the record is not plain. */
    private int bit(byte[] name, int bit) {
        if (!nameIs(name)) {
            throw NOT_PLAIN;
        }
        return bit;
    }

    private static int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw NOT_PLAIN;
        }
        return seen | bit;
    }

    /**
     * Reads an object's opening brace; false when the object is empty (its closing brace read too).
     */
    private boolean openObject() {
        if (skipSpace() >= end || b[i] != '{') {
            throw NOT_PLAIN;
        }
        i++;
        if (skipSpace() < end && b[i] == '}') {
            i++;
            return false;
        }
        return true;
    }

    /** After a member's value: true at a comma (another member follows), false at the brace. */
    private boolean nextMember() {
        if (skipSpace() >= end) {
            throw NOT_PLAIN;
        }
        byte c = b[i++];
        if (c == ',') {
            return true;
        }
        if (c == '}') {
            return false;
        }
        throw NOT_PLAIN;
    }

    /** Skips a {@code null} value and says so; leaves {@link #i} at the value otherwise. */
    private boolean isNull() {
        if (skipSpace() + 4 <= end
                && b[i] == 'n'
                && b[i + 1] == 'u'
                && b[i + 2] == 'l'
                && b[i + 3] == 'l') {
            i += 4;
            return true;
        }
        if (i >= end) {
            throw NOT_PLAIN;
        }
        return false;
    }

    /** Moves past a JSON number at {@link #i}, setting {@link #numberIsInteger}. */
    private void number() {
        int start = i;
        if (i < end && b[i] == '-') {
            i++;
        }
        if (i >= end) {
            throw NOT_PLAIN;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digits(i);
        } else {
            throw NOT_PLAIN;
        }
        numberIsInteger = true;
        if (i < end && b[i] == '.') {
            int from = ++i;
            i = digits(i);
            if (i == from) {
                throw NOT_PLAIN;
            }
            numberIsInteger = false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int from = i;
            i = digits(i);
            if (i == from) {
                throw NOT_PLAIN;
            }
            numberIsInteger = false;
        }
        if (i - start > MAX_NUMBER_CHARS) {
            throw NOT_PLAIN;
        }
    }

    /**
     * A number with a fraction, correctly rounded as Jackson's parser rounds it. Coordinates have a
     * few digits: up to 15 significant digits and no exponent, the digits as an integer and the
     * power of ten are both exact doubles, so one division rounds correctly (Clinger's fast path);
     * other numbers go to {@link Double#parseDouble}.
     */
    private double decimal(int from, int to) {
        boolean negative = b[from] == '-';
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (int k = negative ? from + 1 : from; k < to; k++) {
            byte c = b[k];
            if (c == '.') {
                fraction = 0;
            } else if (c >= '0' && c <= '9' && count < 15) {
                digits = digits * 10 + (c - '0');
                count++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else {
                return Double.parseDouble(
                        new String(b, from, to - from, StandardCharsets.ISO_8859_1));
            }
        }
        double d = (double) digits / POWERS_OF_TEN[fraction];
        return negative ? -d : d;
    }

    private int digits(int from) {
        int k = from;
        while (k < end && b[k] >= '0' && b[k] <= '9') {
            k++;
        }
        return k;
    }

    /** An integer token's value; over 18 digits it may not fit a long, so it is not plain. */
    private long integer(int from, int to) {
        boolean negative = b[from] == '-';
        int k = negative ? from + 1 : from;
        if (to - k > 18) {
            throw NOT_PLAIN;
        }
        long n = 0;
        for (; k < to; k++) {
            n = n * 10 + (b[k] - '0');
        }
        return negative ? -n : n;
    }

    /** The index of the next byte that is not JSON whitespace ({@link #end} if none). */
    private int skipSpace() {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Control flow for a record this reader leaves to Jackson; no stack trace, it is not a bug. */
    private static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotPlain() {
            super("not a plain record", null, false, false);
        }
    }
}

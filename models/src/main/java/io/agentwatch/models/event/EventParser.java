package io.agentwatch.models.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Parses and validates one contract-v1 record (UTF-8 JSON bytes). Never throws: every problem
 * becomes an {@link InvalidEvent} naming the field and the reason.
 *
 * <p>A record in the plain form producers write is read straight from its bytes ({@link
 * PlainRecordReader}); any other goes through Jackson's streaming parser, whose path makes every
 * error. It is the hot path of every job. Thread-safe.
 */
public final class EventParser {
    /** Records larger than this are rejected before parsing (contract v1: 64 KiB). */
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    public static final int MAX_EVENT_ID_LENGTH = 128;

    /**
     * Event times before this are refused: no access log of a support desk is older, and such a
     * time is a broken clock or a unit mistake (seconds read as milliseconds).
     */
    public static final long EARLIEST_TIMESTAMP =
            Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    /**
     * How far ahead of the wall clock an event time may be (skewed clocks) before it is refused:
     * one event from the far future would move event time past every agent's windows.
     */
    public static final long MAX_FUTURE_MILLIS = 24 * 3_600_000L;

    private final ObjectMapper mapper;
    private final JsonFactory factory;
    private final ZoneIds zones = new ZoneIds();
    private final LongSupplier clock;
    private final boolean plainPath;

    public EventParser() {
        this(System::currentTimeMillis);
    }

    /**
     * @param clock the wall clock that bounds event times from above
     */
    public EventParser(LongSupplier clock) {
        this(clock, true);
    }

    /**
     * @param plainPath whether records in the plain form go through {@link PlainRecordReader}
     *     (false: all through Jackson, the reference the fast path is tested against)
     */
    EventParser(LongSupplier clock, boolean plainPath) {
        this.clock = clock;
        this.plainPath = plainPath;
        // Duplicate fields are refused, but not by Jackson's strict detection, which keeps a set of
        // names per object on every record: the contract's fields are checked against a bit per
        // name as they are read, fields outside it as they are kept, and their nested values by
        // the tree reader.
        JsonFactory f =
                JsonFactory.builder()
                        // Locations are parsed on every event; the fast parser gives the same
                        // doubles.
                        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                        .build();
        this.mapper =
                new ObjectMapper(f).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        this.factory = mapper.getFactory();
    }

    public ParseResult parse(byte[] record) {
        return parse(record, 0, record.length);
    }

    public ParseResult parse(byte[] record, int offset, int length) {
        return parse(record, offset, length, length);
    }

    /**
     * Parses a record of which a reader may have kept only a prefix: {@code trueLength} is the
     * record's real size, so an over-long record is rejected without its whole bytes.
     */
    public ParseResult parse(byte[] record, int offset, int length, long trueLength) {
        if (trueLength > MAX_RECORD_BYTES) {
            return ParseResult.invalid(
                    new InvalidEvent(
                            InvalidEvent.WHOLE_RECORD,
                            ErrorReason.TOO_LARGE,
                            "record is "
                                    + trueLength
                                    + " bytes, over the limit of "
                                    + MAX_RECORD_BYTES));
        }
        if (plainPath) {
            PlainRecordReader plain = new PlainRecordReader(record, offset, length, zones);
            AccessEvent e = plain.read();
            if (e != null
                    && (e.sourceIp == null || IpAddresses.isValid(e.sourceIp))
                    && (!plain.nonAscii || Utf8.firstInvalid(record, offset, length) < 0)) {
                try {
                    // The same record through Jackson would pass every check made while reading
                    // and arrive here with the same values.
                    return ParseResult.valid(
                            checked(e, plain.timestampText, plain.actionText, plain.sawAgent));
                } catch (Rejected r) {
                    return ParseResult.invalid(r.error);
                }
            }
        }
        int bad = Utf8.firstInvalid(record, offset, length);
        if (bad >= 0) {
            return ParseResult.invalid(
                    new InvalidEvent(
                            InvalidEvent.WHOLE_RECORD,
                            ErrorReason.INVALID_UTF8,
                            "invalid UTF-8 at byte " + bad));
        }
        try (JsonParser p = factory.createParser(record, offset, length)) {
            return ParseResult.valid(readRecord(p));
        } catch (Rejected r) {
            return ParseResult.invalid(r.error);
        } catch (DatabindException e) {
            // The tree reader's duplicate keys inside a field outside the contract.
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                return ParseResult.invalid(
                        new InvalidEvent(
                                duplicatePath(e.getProcessor(), msg),
                                ErrorReason.DUPLICATE_FIELD,
                                "field appears more than once"));
            }
            return ParseResult.invalid(
                    new InvalidEvent(
                            InvalidEvent.WHOLE_RECORD, ErrorReason.NOT_JSON, firstLine(msg)));
        } catch (StreamReadException e) {
            return ParseResult.invalid(
                    new InvalidEvent(
                            InvalidEvent.WHOLE_RECORD,
                            ErrorReason.NOT_JSON,
                            firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            return ParseResult.invalid(
                    new InvalidEvent(
                            InvalidEvent.WHOLE_RECORD,
                            ErrorReason.NOT_JSON,
                            firstLine(e.getMessage())));
        }
    }

    private AccessEvent readRecord(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw reject(InvalidEvent.WHOLE_RECORD, ErrorReason.NOT_JSON, "record is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw reject(
                    InvalidEvent.WHOLE_RECORD,
                    ErrorReason.NOT_AN_OBJECT,
                    "record must be a JSON object, found " + describe(first));
        }
        AccessEvent e = new AccessEvent();
        Extras extras = new Extras();
        String timestampText = null;
        String actionText = null;
        boolean sawAgent = false;
        int seen = 0;

        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "event_id":
                    seen = once(seen, 1, "event_id");
                    e.eventId = requiredString(p, t, "event_id");
                    break;
                case "@timestamp":
                    seen = once(seen, 1 << 1, "@timestamp");
                    timestampText = requiredString(p, t, "@timestamp");
                    break;
                case "action":
                    seen = once(seen, 1 << 2, "action");
                    actionText = requiredString(p, t, "action");
                    break;
                case "agent":
                    seen = once(seen, 1 << 3, "agent");
                    sawAgent = t != JsonToken.VALUE_NULL;
                    readAgent(p, t, e, extras);
                    break;
                case "resource":
                    seen = once(seen, 1 << 4, "resource");
                    readResource(p, t, e, extras);
                    break;
                case "customer":
                    seen = once(seen, 1 << 5, "customer");
                    e.customerId = readIdObject(p, t, "customer", extras);
                    break;
                case "ticket":
                    seen = once(seen, 1 << 6, "ticket");
                    e.ticketId = readIdObject(p, t, "ticket", extras);
                    break;
                case "session":
                    seen = once(seen, 1 << 7, "session");
                    e.sessionId = readIdObject(p, t, "session", extras);
                    break;
                case "query":
                    seen = once(seen, 1 << 8, "query");
                    e.query = optionalString(p, t, "query");
                    break;
                case "fields":
                    seen = once(seen, 1 << 9, "fields");
                    e.fields = readFields(p, t);
                    break;
                case "result_count":
                    seen = once(seen, 1 << 10, "result_count");
                    e.resultCount = readResultCount(p, t);
                    break;
                case "source":
                    seen = once(seen, 1 << 11, "source");
                    readSource(p, t, e, extras);
                    break;
                case "user_agent":
                    seen = once(seen, 1 << 12, "user_agent");
                    e.userAgent = optionalString(p, t, "user_agent");
                    break;
                case "outcome":
                    seen = once(seen, 1 << 13, "outcome");
                    e.outcome = readOutcome(p, t);
                    break;
                default:
                    extras.put(null, name, p.readValueAsTree());
            }
        }
        if (p.nextToken() != null) {
            throw reject(
                    InvalidEvent.WHOLE_RECORD,
                    ErrorReason.NOT_JSON,
                    "unexpected content after the JSON object");
        }
        checked(e, timestampText, actionText, sawAgent);
        e.extraJson = extras.toJson(mapper);
        return e;
    }

    /**
     * The event once the checks that need the whole record pass, in the order they are made: its
     * time set from {@code timestampText}, its action from {@code actionText}.
     */
    private AccessEvent checked(
            AccessEvent e, String timestampText, String actionText, boolean sawAgent) {
        if (e.eventId == null) {
            throw missing("event_id");
        }
        if (e.eventId.isEmpty()) {
            throw reject("event_id", ErrorReason.BLANK, "must be 1 to 128 characters, is empty");
        }
        if (e.eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw reject(
                    "event_id",
                    ErrorReason.TOO_LONG,
                    "must be 1 to 128 characters, is " + e.eventId.length());
        }
        if (timestampText == null) {
            throw missing("@timestamp");
        }
        long ts = Timestamps.parseMillis(timestampText);
        if (ts == Long.MIN_VALUE) {
            throw reject(
                    "@timestamp",
                    ErrorReason.UNPARSEABLE_TIME,
                    "not an ISO-8601 date-time with Z or an offset: '" + clip(timestampText) + "'");
        }
        if (ts < EARLIEST_TIMESTAMP || ts > clock.getAsLong() + MAX_FUTURE_MILLIS) {
            throw reject(
                    "@timestamp",
                    ErrorReason.TIME_OUT_OF_RANGE,
                    "'"
                            + clip(timestampText)
                            + "' is "
                            + (ts < EARLIEST_TIMESTAMP
                                    ? "before 2000-01-01"
                                    : "more than a day ahead of the clock"));
        }
        e.timestamp = ts;
        if (!sawAgent || e.agentId == null) {
            throw missing("agent.id");
        }
        if (e.agentId.isBlank()) {
            throw reject("agent.id", ErrorReason.BLANK, "must not be blank");
        }
        if (actionText == null) {
            throw missing("action");
        }
        e.action = Action.fromWire(actionText);
        if (e.action == null) {
            throw reject(
                    "action",
                    ErrorReason.UNKNOWN_ACTION,
                    "'"
                            + clip(actionText)
                            + "' is not one of login, login_failed, logout, search,"
                            + " view, reveal, export, update, delete");
        }
        if ((e.sourceLat == null) != (e.sourceLon == null)) {
            throw reject(
                    e.sourceLat == null ? "source.geo.location.lat" : "source.geo.location.lon",
                    ErrorReason.MISSING,
                    "a location needs both lat and lon");
        }
        return e;
    }

    private void readAgent(JsonParser p, JsonToken t, AccessEvent e, Extras extras)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expectObject(t, "agent");
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "id":
                    seen = once(seen, 1, "agent.id");
                    e.agentId = requiredString(p, v, "agent.id");
                    break;
                case "name":
                    seen = once(seen, 1 << 1, "agent.name");
                    e.agentName = optionalString(p, v, "agent.name");
                    break;
                case "role":
                    seen = once(seen, 1 << 2, "agent.role");
                    e.agentRole = optionalString(p, v, "agent.role");
                    break;
                case "team":
                    seen = once(seen, 1 << 3, "agent.team");
                    e.agentTeam = optionalString(p, v, "agent.team");
                    break;
                case "timezone":
                    seen = once(seen, 1 << 4, "agent.timezone");
                    e.agentTimezone = optionalString(p, v, "agent.timezone");
                    if (e.agentTimezone != null && !zones.isZoneId(e.agentTimezone)) {
                        throw reject(
                                "agent.timezone",
                                ErrorReason.INVALID_VALUE,
                                "'" + clip(e.agentTimezone) + "' is not an IANA time zone id");
                    }
                    break;
                default:
                    extras.put("agent", name, p.readValueAsTree());
            }
        }
    }

    private void readResource(JsonParser p, JsonToken t, AccessEvent e, Extras extras)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expectObject(t, "resource");
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("type")) {
                seen = once(seen, 1, "resource.type");
                e.resourceType = optionalString(p, v, "resource.type");
            } else if (name.equals("id")) {
                seen = once(seen, 1 << 1, "resource.id");
                e.resourceId = optionalString(p, v, "resource.id");
            } else {
                extras.put("resource", name, p.readValueAsTree());
            }
        }
    }

    /** Objects of the shape {@code {"id": "..."}}: customer, ticket, session. */
    private String readIdObject(JsonParser p, JsonToken t, String object, Extras extras)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expectObject(t, object);
        String id = null;
        boolean seen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("id")) {
                if (seen) {
                    throw duplicate(object + ".id");
                }
                seen = true;
                id = optionalString(p, v, object + ".id");
            } else {
                extras.put(object, name, p.readValueAsTree());
            }
        }
        return id;
    }

    private void readSource(JsonParser p, JsonToken t, AccessEvent e, Extras extras)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expectObject(t, "source");
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("ip")) {
                seen = once(seen, 1, "source.ip");
                e.sourceIp = optionalString(p, v, "source.ip");
                if (e.sourceIp != null && !IpAddresses.isValid(e.sourceIp)) {
                    throw reject(
                            "source.ip",
                            ErrorReason.INVALID_VALUE,
                            "'" + clip(e.sourceIp) + "' is not an IPv4 or IPv6 address");
                }
            } else if (name.equals("geo")) {
                seen = once(seen, 1 << 1, "source.geo");
                readGeo(p, v, e, extras);
            } else {
                extras.put("source", name, p.readValueAsTree());
            }
        }
    }

    private void readGeo(JsonParser p, JsonToken t, AccessEvent e, Extras extras)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expectObject(t, "source.geo");
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("country_iso_code")) {
                seen = once(seen, 1, "source.geo.country_iso_code");
                String c = optionalString(p, v, "source.geo.country_iso_code");
                if (c != null) {
                    if (!isCountryCode(c)) {
                        throw reject(
                                "source.geo.country_iso_code",
                                ErrorReason.INVALID_VALUE,
                                "'" + clip(c) + "' is not a two-letter ISO 3166 country code");
                    }
                    e.sourceCountry = countryCode(c);
                }
            } else if (name.equals("location")) {
                seen = once(seen, 1 << 1, "source.geo.location");
                readLocation(p, v, e, extras);
            } else {
                extras.put("source.geo", name, p.readValueAsTree());
            }
        }
    }

    private void readLocation(JsonParser p, JsonToken t, AccessEvent e, Extras extras)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expectObject(t, "source.geo.location");
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("lat")) {
                seen = once(seen, 1, "source.geo.location.lat");
                e.sourceLat = coordinate(p, v, "source.geo.location.lat", 90);
            } else if (name.equals("lon")) {
                seen = once(seen, 1 << 1, "source.geo.location.lon");
                e.sourceLon = coordinate(p, v, "source.geo.location.lon", 180);
            } else {
                extras.put("source.geo.location", name, p.readValueAsTree());
            }
        }
    }

    /** Two ASCII letters, in either case. */
    static boolean isCountryCode(String c) {
        return c.length() == 2
                && Character.isLetter(c.charAt(0))
                && Character.isLetter(c.charAt(1))
                && c.charAt(0) <= 'z'
                && c.charAt(1) <= 'z';
    }

    /** A valid {@code country_iso_code} as the event keeps it. */
    static String countryCode(String c) {
        return c.toUpperCase(Locale.ROOT);
    }

    /** Within {@code -limit} to {@code limit} (NaN is not). */
    static boolean isCoordinate(double d, double limit) {
        return d >= -limit && d <= limit;
    }

    private static Double coordinate(JsonParser p, JsonToken t, String field, double limit)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(field, "a number", t);
        }
        double d = p.getDoubleValue();
        if (!isCoordinate(d, limit)) {
            throw reject(
                    field,
                    ErrorReason.INVALID_VALUE,
                    d + " is outside -" + (int) limit + " to " + (int) limit);
        }
        return d;
    }

    private static String[] readFields(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw wrongType("fields", "an array of strings", t);
        }
        List<String> out = new ArrayList<>(4);
        JsonToken v;
        while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
            if (v != JsonToken.VALUE_STRING) {
                throw wrongType("fields[" + out.size() + "]", "a string", v);
            }
            out.add(p.getText());
        }
        return out.toArray(new String[0]);
    }

    private static Integer readResultCount(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType("result_count", "an integer", t);
        }
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw reject("result_count", ErrorReason.INVALID_VALUE, "is too large for an integer");
        }
        int n = p.getIntValue();
        if (n < 0) {
            throw reject("result_count", ErrorReason.INVALID_VALUE, "must be 0 or more, is " + n);
        }
        return n;
    }

    private static Outcome readOutcome(JsonParser p, JsonToken t) throws IOException {
        String text = optionalString(p, t, "outcome");
        if (text == null) {
            return null;
        }
        Outcome o = Outcome.fromWire(text);
        if (o == null) {
            throw reject(
                    "outcome",
                    ErrorReason.INVALID_VALUE,
                    "'" + clip(text) + "' is not one of success, failure");
        }
        return o;
    }

    private static String requiredString(JsonParser p, JsonToken t, String field)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            throw reject(field, ErrorReason.MISSING, "is required but null");
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(field, "a string", t);
        }
        return p.getText();
    }

    private static String optionalString(JsonParser p, JsonToken t, String field)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(field, "a string", t);
        }
        return p.getText();
    }

    private static void expectObject(JsonToken t, String field) {
        if (t != JsonToken.START_OBJECT) {
            throw wrongType(field, "an object", t);
        }
    }

    private static Rejected wrongType(String field, String expected, JsonToken found) {
        return reject(
                field,
                ErrorReason.WRONG_TYPE,
                "must be " + expected + ", found " + describe(found));
    }

    /** {@code seen} with {@code bit} added; a field whose bit is already there is a duplicate. */
    private static int once(int seen, int bit, String field) {
        if ((seen & bit) != 0) {
            throw duplicate(field);
        }
        return seen | bit;
    }

    private static Rejected duplicate(String field) {
        return reject(field, ErrorReason.DUPLICATE_FIELD, "field appears more than once");
    }

    private static Rejected missing(String field) {
        return reject(field, ErrorReason.MISSING, "is required");
    }

    private static Rejected reject(String field, ErrorReason reason, String message) {
        return new Rejected(new InvalidEvent(field, reason, message));
    }

    private static String describe(JsonToken t) {
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.name();
        }
    }

    /** Error messages can echo input, so keep it short (the sanitizer masks card numbers in it). */
    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    private static String firstLine(String msg) {
        if (msg == null) {
            return "not valid JSON";
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    /** The dotted path of a duplicated field, e.g. {@code agent.id}. */
    private static String duplicatePath(Object processor, String msg) {
        int a = msg.indexOf('\'');
        int b = a < 0 ? -1 : msg.indexOf('\'', a + 1);
        String name = a >= 0 && b > a ? msg.substring(a + 1, b) : InvalidEvent.WHOLE_RECORD;
        if (processor instanceof JsonParser) {
            JsonStreamContext ctx = ((JsonParser) processor).getParsingContext();
            StringBuilder path = new StringBuilder(name);
            for (JsonStreamContext c = ctx == null ? null : ctx.getParent();
                    c != null;
                    c = c.getParent()) {
                if (c.getCurrentName() != null) {
                    path.insert(0, c.getCurrentName() + ".");
                }
            }
            return path.toString();
        }
        return name;
    }

    /** Fields outside the contract, kept with their nesting, built only when there are any. */
    private static final class Extras {
        private ObjectNode root;

        void put(String parentPath, String name, JsonNode value) {
            if (root == null) {
                root = JsonNodeFactory.instance.objectNode();
            }
            ObjectNode target = root;
            if (parentPath != null) {
                for (String part : parentPath.split("\\.")) {
                    JsonNode child = target.get(part);
                    if (!(child instanceof ObjectNode)) {
                        child = target.putObject(part);
                    }
                    target = (ObjectNode) child;
                }
            }
            if (target.has(name)) {
                throw duplicate(parentPath == null ? name : parentPath + "." + name);
            }
            target.set(name, value);
        }

        String toJson(ObjectMapper mapper) throws IOException {
            return root == null ? null : mapper.writeValueAsString(root);
        }
    }

    /** Control flow for a rejected record; no stack trace, since it is not a bug. */
    private static final class Rejected extends RuntimeException {
        final InvalidEvent error;

        Rejected(InvalidEvent error) {
            super(error.toString(), null, false, false);
            this.error = error;
        }
    }
}

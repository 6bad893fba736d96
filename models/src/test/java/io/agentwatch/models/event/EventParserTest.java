package io.agentwatch.models.event;

import static io.agentwatch.models.testing.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule of contract v1 (docs/events.md). */
class EventParserTest {
    private final EventParser parser = new EventParser();

    private static final String FULL =
            "{\"event_id\":\"9f1c2a\",\"@timestamp\":\"2026-03-02T09:15:00.250+01:00\",\"agent\":{\"id\":\"agent-0042\",\"name\":\"Ava"
                + " Smith\",\"role\":\"billing\",\"team\":\"dublin-billing\",\"timezone\":\"Europe/Dublin\"},"
                + "\"action\":\"reveal\",\"outcome\":\"success\","
                + "\"resource\":{\"type\":\"payment_card\",\"id\":\"C0001234-card-1\"},"
                + "\"customer\":{\"id\":\"C0001234\"},\"ticket\":{\"id\":\"T-1000001\"},"
                + "\"query\":\"ava@example.com\",\"fields\":[\"payment_card.number\",\"email\"],\"result_count\":1,"
                + "\"source\":{\"ip\":\"10.20.8.31\",\"geo\":{\"country_iso_code\":\"IE\",\"location\":{\"lat\":53.35,\"lon\":-6.26}}},"
                + "\"session\":{\"id\":\"s-1\"},\"user_agent\":\"Mozilla/5.0\"}";

    private ParseResult parse(String s) {
        return parser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private InvalidEvent error(String s) {
        ParseResult r = parse(s);
        assertThat(r.isValid()).as("expected invalid: %s", s).isFalse();
        return r.error();
    }

    @Test
    void parsesEveryFieldOfAFullEvent() {
        ParseResult r = parse(FULL);
        assertThat(r.isValid()).as(String.valueOf(r)).isTrue();
        AccessEvent e = r.event();
        assertThat(e.eventId).isEqualTo("9f1c2a");
        assertThat(e.timestamp).isEqualTo(Instant.parse("2026-03-02T08:15:00.250Z").toEpochMilli());
        assertThat(e.agentId).isEqualTo("agent-0042");
        assertThat(e.agentName).isEqualTo("Ava Smith");
        assertThat(e.agentRole).isEqualTo("billing");
        assertThat(e.agentTeam).isEqualTo("dublin-billing");
        assertThat(e.agentTimezone).isEqualTo("Europe/Dublin");
        assertThat(e.action).isEqualTo(Action.REVEAL);
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.resourceType).isEqualTo("payment_card");
        assertThat(e.resourceId).isEqualTo("C0001234-card-1");
        assertThat(e.customerId).isEqualTo("C0001234");
        assertThat(e.ticketId).isEqualTo("T-1000001");
        assertThat(e.query).isEqualTo("ava@example.com");
        assertThat(e.fields).containsExactly("payment_card.number", "email");
        assertThat(e.resultCount).isEqualTo(1);
        assertThat(e.sourceIp).isEqualTo("10.20.8.31");
        assertThat(e.sourceCountry).isEqualTo("IE");
        assertThat(e.sourceLat).isEqualTo(53.35);
        assertThat(e.sourceLon).isEqualTo(-6.26);
        assertThat(e.sessionId).isEqualTo("s-1");
        assertThat(e.userAgent).isEqualTo("Mozilla/5.0");
        assertThat(e.extraJson).isNull();
    }

    @Test
    void membersInAnyOrderAtEveryLevelParseTheSame() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json =
                new com.fasterxml.jackson.databind.ObjectMapper();
        String reversed =
                json.writeValueAsString(
                        reversed(
                                (com.fasterxml.jackson.databind.node.ObjectNode)
                                        json.readTree(FULL)));
        assertThat(reversed).startsWith("{\"user_agent\"").contains("{\"lon\":-6.26,");
        ParseResult r = parse(reversed);
        assertThat(r.isValid()).as(String.valueOf(r)).isTrue();
        assertThat(r.event())
                .usingRecursiveComparison(io.agentwatch.models.testing.BitExact.FIELDS)
                .isEqualTo(parse(FULL).event());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode reversed(
            com.fasterxml.jackson.databind.node.ObjectNode o) {
        var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        java.util.List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        for (String n : names) {
            var v = o.get(n);
            out.set(
                    n,
                    v.isObject()
                            ? reversed((com.fasterxml.jackson.databind.node.ObjectNode) v)
                            : v);
        }
        return out;
    }

    @Test
    void minimalEventNeedsOnlyTheRequiredFields() {
        ParseResult r = parse(json(""));
        assertThat(r.isValid()).isTrue();
        assertThat(r.event().action).isEqualTo(Action.SEARCH);
        assertThat(r.event().query).isNull();
    }

    @Test
    void theContractsExampleInDocsParses() throws Exception {
        ParseResult r = parse(new ObjectMapper().readTree(FULL).toString());
        assertThat(r.isValid()).isTrue();
    }

    @Test
    void unknownFieldsAreKeptWithTheirNesting() throws Exception {
        ParseResult r =
                parse(
                        json("\"browser_tab\":3,\"agent_extra\":{\"a\":[1,2]}")
                                .replace(
                                        "\"agent\":{\"id\":\"agent-1\"}",
                                        "\"agent\":{\"id\":\"agent-1\",\"shift\":\"night\"}"));
        assertThat(r.isValid()).isTrue();
        var extra = new ObjectMapper().readTree(r.event().extraJson);
        assertThat(extra.path("browser_tab").asInt()).isEqualTo(3);
        assertThat(extra.path("agent_extra").path("a").size()).isEqualTo(2);
        assertThat(extra.path("agent").path("shift").asText()).isEqualTo("night");
    }

    @Test
    void nullOptionalFieldsAreAbsent() {
        ParseResult r =
                parse(
                        json(
                                "\"query\":null,\"customer\":null,\"fields\":null,\"result_count\":null,\"source\":{\"ip\":null}"));
        assertThat(r.isValid()).isTrue();
        assertThat(r.event().query).isNull();
        assertThat(r.event().customerId).isNull();
    }

    // ---- event_id

    @Test
    void eventIdIsRequired() {
        InvalidEvent e =
                error(
                        "{\"@timestamp\":\"2026-03-02T09:00:00Z\",\"agent\":{\"id\":\"a\"},\"action\":\"view\"}");
        assertThat(e.field()).isEqualTo("event_id");
        assertThat(e.reason()).isEqualTo(ErrorReason.MISSING);
    }

    @Test
    void eventIdMustNotBeEmpty() {
        InvalidEvent e = error(json("").replace("\"e-1\"", "\"\""));
        assertThat(e.field()).isEqualTo("event_id");
        assertThat(e.reason()).isEqualTo(ErrorReason.BLANK);
    }

    @Test
    void eventIdMayBe128CharactersButNotMore() {
        String ok = "x".repeat(128);
        assertThat(parse(json("").replace("\"e-1\"", "\"" + ok + "\"")).isValid()).isTrue();
        InvalidEvent e = error(json("").replace("\"e-1\"", "\"" + ok + "x\""));
        assertThat(e.field()).isEqualTo("event_id");
        assertThat(e.reason()).isEqualTo(ErrorReason.TOO_LONG);
        assertThat(e.message()).contains("129");
    }

    @Test
    void eventIdMustBeAString() {
        InvalidEvent e = error(json("").replace("\"e-1\"", "17"));
        assertThat(e.field()).isEqualTo("event_id");
        assertThat(e.reason()).isEqualTo(ErrorReason.WRONG_TYPE);
        assertThat(e.message()).contains("a string").contains("a number");
    }

    // ---- @timestamp

    @Test
    void timestampIsRequired() {
        InvalidEvent e = error("{\"event_id\":\"x\",\"agent\":{\"id\":\"a\"},\"action\":\"view\"}");
        assertThat(e.field()).isEqualTo("@timestamp");
        assertThat(e.reason()).isEqualTo(ErrorReason.MISSING);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "yesterday",
                "2026-03-02T09:00:00",
                "2026-03-02 09:00:00Z",
                "2026-02-30T09:00:00Z",
                "2026-03-02T25:00:00Z",
                "1772442000000"
            })
    void timestampMustBeIsoWithZoneOrOffset(String bad) {
        InvalidEvent e = error(json("").replace("2026-03-02T09:00:00Z", bad));
        assertThat(e.field()).isEqualTo("@timestamp");
        assertThat(e.reason()).isEqualTo(ErrorReason.UNPARSEABLE_TIME);
        assertThat(e.message()).contains(bad);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:01Z", "1999-12-31T23:59:59Z", "3026-03-02T09:00:00Z"})
    void timestampsFarInThePastOrFutureAreRefused(String far) {
        // The clock is the example's own time: an hour later is fine, a day and more is not.
        long clock = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
        EventParser parser = new EventParser(() -> clock);
        ParseResult r =
                parser.parse(
                        json("").replace("2026-03-02T09:00:00Z", far)
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.error().field()).isEqualTo("@timestamp");
        assertThat(r.error().reason()).isEqualTo(ErrorReason.TIME_OUT_OF_RANGE);
        assertThat(r.error().message()).contains(far);
        assertThat(
                        parser.parse(
                                        json("").replace(
                                                        "2026-03-02T09:00:00Z",
                                                        "2026-03-03T08:00:00Z")
                                                .getBytes(StandardCharsets.UTF_8))
                                .event())
                .as("23 hours ahead: a skewed clock, accepted")
                .isNotNull();
    }

    @Test
    void timestampOffsetsAreHonoured() {
        long z = parse(json("")).event().timestamp;
        long plus2 =
                parse(json("").replace("2026-03-02T09:00:00Z", "2026-03-02T11:00:00+02:00"))
                        .event()
                        .timestamp;
        assertThat(plus2).isEqualTo(z);
    }

    // ---- agent

    @Test
    void agentIdIsRequired() {
        InvalidEvent e =
                error(
                        json("").replace(
                                        "\"agent\":{\"id\":\"agent-1\"}",
                                        "\"agent\":{\"name\":\"x\"}"));
        assertThat(e.field()).isEqualTo("agent.id");
        assertThat(e.reason()).isEqualTo(ErrorReason.MISSING);
        InvalidEvent noAgent = error(json("").replace("\"agent\":{\"id\":\"agent-1\"},", ""));
        assertThat(noAgent.field()).isEqualTo("agent.id");
    }

    @Test
    void agentIdMustNotBeBlank() {
        InvalidEvent e = error(json("").replace("\"agent-1\"", "\"   \""));
        assertThat(e.field()).isEqualTo("agent.id");
        assertThat(e.reason()).isEqualTo(ErrorReason.BLANK);
    }

    @Test
    void agentMustBeAnObject() {
        InvalidEvent e = error(json("").replace("{\"id\":\"agent-1\"}", "\"agent-1\""));
        assertThat(e.field()).isEqualTo("agent");
        assertThat(e.reason()).isEqualTo(ErrorReason.WRONG_TYPE);
    }

    @Test
    void agentTimezoneMustBeAnIanaId() {
        assertThat(
                        parse(
                                        json("").replace(
                                                        "{\"id\":\"agent-1\"}",
                                                        "{\"id\":\"a\",\"timezone\":\"Asia/Manila\"}"))
                                .isValid())
                .isTrue();
        InvalidEvent e =
                error(
                        json("").replace(
                                        "{\"id\":\"agent-1\"}",
                                        "{\"id\":\"a\",\"timezone\":\"Mars/Olympus\"}"));
        assertThat(e.field()).isEqualTo("agent.timezone");
        assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_VALUE);
    }

    // ---- action

    @Test
    void actionIsRequired() {
        InvalidEvent e = error(json("").replace(",\"action\":\"search\"", ""));
        assertThat(e.field()).isEqualTo("action");
        assertThat(e.reason()).isEqualTo(ErrorReason.MISSING);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "login",
                "login_failed",
                "logout",
                "search",
                "view",
                "reveal",
                "export",
                "update",
                "delete"
            })
    void everyContractActionIsAccepted(String action) {
        ParseResult r = parse(json("").replace("\"search\"", "\"" + action + "\""));
        assertThat(r.isValid()).isTrue();
        assertThat(r.event().action.wireName()).isEqualTo(action);
    }

    @Test
    void unknownActionIsRejected() {
        InvalidEvent e = error(json("").replace("\"search\"", "\"browse\""));
        assertThat(e.field()).isEqualTo("action");
        assertThat(e.reason()).isEqualTo(ErrorReason.UNKNOWN_ACTION);
        assertThat(e.message()).contains("browse");
    }

    // ---- optional fields: types and values

    @Test
    void resultCountMustBeANonNegativeInteger() {
        assertThat(error(json("\"result_count\":\"12\"")).reason())
                .isEqualTo(ErrorReason.WRONG_TYPE);
        assertThat(error(json("\"result_count\":1.5")).reason()).isEqualTo(ErrorReason.WRONG_TYPE);
        InvalidEvent negative = error(json("\"result_count\":-1"));
        assertThat(negative.field()).isEqualTo("result_count");
        assertThat(negative.reason()).isEqualTo(ErrorReason.INVALID_VALUE);
        assertThat(error(json("\"result_count\":99999999999")).reason())
                .isEqualTo(ErrorReason.INVALID_VALUE);
    }

    @Test
    void fieldsMustBeAnArrayOfStrings() {
        InvalidEvent notArray = error(json("\"fields\":\"email\""));
        assertThat(notArray.field()).isEqualTo("fields");
        assertThat(notArray.reason()).isEqualTo(ErrorReason.WRONG_TYPE);
        InvalidEvent element = error(json("\"fields\":[\"email\",7]"));
        assertThat(element.field()).isEqualTo("fields[1]");
        assertThat(element.reason()).isEqualTo(ErrorReason.WRONG_TYPE);
    }

    @Test
    void stringFieldsMustBeStrings() {
        for (String member :
                new String[] {
                    "\"query\":5",
                    "\"user_agent\":true",
                    "\"customer\":{\"id\":5}",
                    "\"ticket\":{\"id\":[]}",
                    "\"session\":{\"id\":{}}",
                    "\"resource\":{\"type\":1}"
                }) {
            assertThat(error(json(member)).reason()).as(member).isEqualTo(ErrorReason.WRONG_TYPE);
        }
        assertThat(error(json("\"customer\":{\"id\":5}")).field()).isEqualTo("customer.id");
    }

    @Test
    void outcomeMustBeSuccessOrFailure() {
        assertThat(parse(json("\"outcome\":\"failure\"")).event().outcome)
                .isEqualTo(Outcome.FAILURE);
        InvalidEvent e = error(json("\"outcome\":\"maybe\""));
        assertThat(e.field()).isEqualTo("outcome");
        assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_VALUE);
    }

    @Test
    void sourceIpMustBeAnAddress() {
        assertThat(parse(json("\"source\":{\"ip\":\"2001:db8::1\"}")).isValid()).isTrue();
        InvalidEvent e = error(json("\"source\":{\"ip\":\"host.example.com\"}"));
        assertThat(e.field()).isEqualTo("source.ip");
        assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_VALUE);
    }

    @Test
    void countryMustBeTwoLetters() {
        assertThat(
                        parse(json("\"source\":{\"geo\":{\"country_iso_code\":\"ie\"}}"))
                                .event()
                                .sourceCountry)
                .isEqualTo("IE");
        InvalidEvent e = error(json("\"source\":{\"geo\":{\"country_iso_code\":\"IRL\"}}"));
        assertThat(e.field()).isEqualTo("source.geo.country_iso_code");
        assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_VALUE);
    }

    @Test
    void locationNeedsBothCoordinatesInRange() {
        InvalidEvent range =
                error(json("\"source\":{\"geo\":{\"location\":{\"lat\":91,\"lon\":0}}}"));
        assertThat(range.field()).isEqualTo("source.geo.location.lat");
        assertThat(range.reason()).isEqualTo(ErrorReason.INVALID_VALUE);
        InvalidEvent half = error(json("\"source\":{\"geo\":{\"location\":{\"lat\":10}}}"));
        assertThat(half.field()).isEqualTo("source.geo.location.lon");
        assertThat(half.reason()).isEqualTo(ErrorReason.MISSING);
        assertThat(
                        error(
                                        json(
                                                "\"source\":{\"geo\":{\"location\":{\"lat\":\"10\",\"lon\":1}}}"))
                                .reason())
                .isEqualTo(ErrorReason.WRONG_TYPE);
    }

    // ---- the record as a whole

    @Test
    void notJsonIsRejected() {
        InvalidEvent e = error("this is not json");
        assertThat(e.field()).isEqualTo(InvalidEvent.WHOLE_RECORD);
        assertThat(e.reason()).isEqualTo(ErrorReason.NOT_JSON);
        assertThat(error("{\"event_id\":\"x\"").reason()).isEqualTo(ErrorReason.NOT_JSON);
        assertThat(error("").reason()).isEqualTo(ErrorReason.NOT_JSON);
    }

    @Test
    void trailingContentIsRejected() {
        assertThat(error(json("") + " {}").reason()).isEqualTo(ErrorReason.NOT_JSON);
    }

    @Test
    void aRecordMustBeAnObject() {
        InvalidEvent e = error("[1,2]");
        assertThat(e.reason()).isEqualTo(ErrorReason.NOT_AN_OBJECT);
        assertThat(e.message()).contains("an array");
    }

    @Test
    void duplicateFieldsAreRejectedWithTheirPath() {
        InvalidEvent top = error(json("\"action\":\"view\""));
        assertThat(top.reason()).isEqualTo(ErrorReason.DUPLICATE_FIELD);
        assertThat(top.field()).isEqualTo("action");
        InvalidEvent nested =
                error(json("").replace("{\"id\":\"agent-1\"}", "{\"id\":\"a\",\"id\":\"b\"}"));
        assertThat(nested.field()).isEqualTo("agent.id");
    }

    @Test
    void aDuplicateIsFoundWhereverItIsAndNamedByItsPath() {
        String[][] cases = {
            {"\"agent\":{\"id\":\"b\"}", "agent"},
            {"\"customer\":{\"id\":\"c1\",\"id\":\"c2\"}", "customer.id"},
            {"\"resource\":{\"type\":\"t\",\"type\":\"u\"}", "resource.type"},
            {"\"source\":{\"ip\":\"10.0.0.1\",\"ip\":\"10.0.0.2\"}", "source.ip"},
            {
                "\"source\":{\"geo\":{\"location\":{\"lat\":1,\"lon\":2,\"lat\":3}}}",
                "source.geo.location.lat"
            },
            {"\"x\":1,\"x\":2", "x"},
            {"\"x\":{\"a\":1,\"b\":{},\"a\":2}", "x.a"},
            {"\"x\":[{\"a\":{\"b\":1,\"b\":1}}]", "x.a.b"},
            {"\"source\":{\"zone\":\"dmz\",\"zone\":\"lan\"}", "source.zone"},
        };
        for (String[] c : cases) {
            InvalidEvent e = error(json(c[0]));
            assertThat(e.reason()).as(c[0]).isEqualTo(ErrorReason.DUPLICATE_FIELD);
            assertThat(e.field()).as(c[0]).isEqualTo(c[1]);
        }
        InvalidEvent agentField =
                error(
                        json("").replace(
                                        "{\"id\":\"agent-1\"}",
                                        "{\"id\":\"a\",\"team\":\"t\",\"team\":\"u\"}"));
        assertThat(agentField.field()).isEqualTo("agent.team");
        InvalidEvent agentExtra =
                error(
                        json("").replace(
                                        "{\"id\":\"agent-1\"}",
                                        "{\"id\":\"a\",\"shift\":1,\"shift\":2}"));
        assertThat(agentExtra.field()).isEqualTo("agent.shift");
        assertThat(parse(json("\"x\":{\"a\":1},\"y\":{\"a\":1}")).isValid())
                .as("the same name in different objects is no duplicate")
                .isTrue();
    }

    @Test
    void invalidUtf8IsRejectedWithItsOffset() {
        byte[] good = json("\"query\":\"abc\"").getBytes(StandardCharsets.UTF_8);
        byte[] bad = Arrays.copyOf(good, good.length);
        int at = new String(good, StandardCharsets.UTF_8).indexOf("abc");
        bad[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        ParseResult r = parser.parse(bad);
        assertThat(r.isValid()).isFalse();
        assertThat(r.error().reason()).isEqualTo(ErrorReason.INVALID_UTF8);
        assertThat(r.error().message()).contains("byte " + at);
    }

    @Test
    void recordsOver64KiBAreRejected() {
        String padding = "x".repeat(EventParser.MAX_RECORD_BYTES);
        InvalidEvent e = error(json("\"query\":\"" + padding + "\""));
        assertThat(e.reason()).isEqualTo(ErrorReason.TOO_LARGE);
        assertThat(e.field()).isEqualTo(InvalidEvent.WHOLE_RECORD);
        String fits = "x".repeat(EventParser.MAX_RECORD_BYTES - json("\"query\":\"\"").length());
        assertThat(parse(json("\"query\":\"" + fits + "\"")).isValid()).isTrue();
    }

    @Test
    void parsesASliceOfABuffer() {
        byte[] record = ("xx" + json("") + "yy").getBytes(StandardCharsets.UTF_8);
        ParseResult r = parser.parse(record, 2, record.length - 4);
        assertThat(r.isValid()).isTrue();
    }
}

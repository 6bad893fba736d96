package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser's fast path against its reference: every record parses to the same result (the same
 * event, or the same error) with {@link PlainRecordReader} in front of Jackson as with Jackson
 * alone, and the plain records producers write take the fast path.
 */
class PlainRecordReaderTest {
    private static final LongSupplier CLOCK =
            () -> Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();

    private static final EventParser PARSER = new EventParser(CLOCK, true);
    private static final EventParser JACKSON = new EventParser(CLOCK, false);

    private static final String PLAIN =
            "{\"event_id\":\"9f1c2a\",\"@timestamp\":\"2026-03-02T09:15:00.250+01:00\",\"agent\":{\"id\":\"agent-0042\",\"name\":\"Ava"
                + " Smith\",\"role\":\"billing\","
                + "\"team\":\"dublin-billing\",\"timezone\":\"Europe/Dublin\"},"
                + "\"action\":\"reveal\",\"outcome\":\"success\","
                + "\"resource\":{\"type\":\"payment_card\",\"id\":\"C0001234-card-1\"},"
                + "\"customer\":{\"id\":\"C0001234\"},\"ticket\":{\"id\":\"T-1000001\"},\"query\":\"4111"
                + " 1111 1111 1111\",\"fields\":[\"payment_card.number\","
                + "\"email\"],\"result_count\":1,\"source\":{\"ip\":\"10.20.8.31\",\"geo\":"
                + "{\"country_iso_code\":\"ie\",\"location\":{\"lat\":53.35,\"lon\":-6.26}}},"
                + "\"session\":{\"id\":\"s-1\"},\"user_agent\":\"Mozilla/5.0\"}";

    private static List<String> simulated;

    @BeforeAll
    static void simulate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ContactCentreSimulator(
                        new SimulationConfig(11, 30, 2, SimulationConfig.DEFAULT_START, 5_000))
                .run(out, null);
        simulated = List.of(new String(out.toByteArray(), StandardCharsets.UTF_8).split("\n"));
    }

    private static boolean readsPlain(String record) {
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        return new PlainRecordReader(b, 0, b.length, new ZoneIds()).read() != null;
    }

    /** The same result with the fast path as without it. */
    private static void assertSameAsJackson(byte[] record) {
        ParseResult fast = PARSER.parse(record);
        ParseResult reference = JACKSON.parse(record);
        String text = new String(record, StandardCharsets.UTF_8);
        assertThat(fast.isValid()).as("valid or not: %s", text).isEqualTo(reference.isValid());
        if (reference.isValid()) {
            assertThat(fast.event()).as(text).isEqualTo(reference.event());
        } else {
            assertThat(fast.error().toString()).as(text).isEqualTo(reference.error().toString());
            assertThat(fast.error().field()).as(text).isEqualTo(reference.error().field());
        }
    }

    private static void assertSameAsJackson(String record) {
        assertSameAsJackson(record.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everySimulatedRecordTakesTheFastPathToJacksonsEvent() {
        assertThat(simulated).hasSizeGreaterThan(1_000);
        for (String line : simulated) {
            assertThat(readsPlain(line)).as(line).isTrue();
            assertSameAsJackson(line);
        }
    }

    @Test
    void aFullRecordTakesTheFastPath() {
        assertThat(readsPlain(PLAIN)).isTrue();
        assertSameAsJackson(PLAIN);
        assertThat(PARSER.parse(PLAIN.getBytes(StandardCharsets.UTF_8)).event().sourceCountry)
                .isEqualTo("IE");
    }

    @Test
    void decimalsOfEveryLengthReadAsJacksonReadsThem() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 20_000; n++) {
            int whole = random.nextInt(90);
            StringBuilder fraction = new StringBuilder();
            for (int k = random.nextInt(1, 20); k > 0; k--) {
                fraction.append((char) ('0' + random.nextInt(10)));
            }
            String lat = (random.nextBoolean() ? "-" : "") + whole + "." + fraction;
            String record =
                    "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\","
                            + "\"agent\":{\"id\":\"x\"},\"action\":\"view\",\"source\":{\"geo\":"
                            + "{\"location\":{\"lat\":"
                            + lat
                            + ",\"lon\":0}}}}";
            assertThat(readsPlain(record)).isTrue();
            assertSameAsJackson(record);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // Plain forms the fast path takes.
                " {\"event_id\" : \"a\" ,\t\"@timestamp\":\"2026-03-02T09:15:00Z\",\r\n"
                        + "\"agent\":{ \"id\":\"x\" },\"action\":\"view\" }\n",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\","
                    + "\"name\":null,\"role\":null,\"team\":null,\"timezone\":null},\"action\":"
                    + "\"view\",\"outcome\":null,\"resource\":null,\"customer\":null,\"ticket\":"
                    + "{},\"session\":{\"id\":null},\"query\":null,\"fields\":null,"
                    + "\"result_count\":null,\"source\":{\"ip\":null,\"geo\":{\"location\":null}},"
                    + "\"user_agent\":null}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",\"fields\":[],\"resource\":{},\"source\":{\"geo\":{}}}",
                "{\"event_id\":\"é€😀\u007f\",\"@timestamp\":\"2026-03-02T09:15:00Z\","
                        + "\"agent\":{\"id\":\"ağent\"},\"action\":\"view\",\"query\":\"Zoë\"}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",\"fields\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"],"
                    + "\"result_count\":-0}",
            })
    void plainFormsTakeTheFastPath(String record) {
        assertThat(readsPlain(record)).isTrue();
        assertSameAsJackson(record);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-0",
                "-0.0",
                "0",
                "53",
                "-6.26",
                "1e1",
                "1E+1",
                "5.3e-1",
                "1e-400",
                "89.99999999999999999",
                "90",
                "90.0000000000000001",
                "-90",
                "123456789012345678",
                "1234567890123456789012",
                "18446744073709551617",
                "01",
                "1.",
                ".5",
                "-",
                "+1",
                "1e",
                "NaN",
                "\"1\"",
                "true",
                "[1]",
                "{}"
            })
    void coordinatesAndCountsReadAsJacksonReadsThem(String number) {
        String base =
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",";
        assertSameAsJackson(
                base + "\"source\":{\"geo\":{\"location\":{\"lat\":" + number + ",\"lon\":1}}}}");
        assertSameAsJackson(
                base + "\"source\":{\"geo\":{\"location\":{\"lat\":1,\"lon\":" + number + "}}}}");
        assertSameAsJackson(base + "\"result_count\":" + number + "}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"event_id\":\"a\\u0062\",\"@timestamp\":\"2026-03-02T09:15:00Z\","
                        + "\"agent\":{\"id\":\"x\"},\"action\":\"view\"}",
                "{\"event_\\u0069d\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\","
                        + "\"agent\":{\"id\":\"x\"},\"action\":\"view\"}",
                "\uFEFF{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\","
                        + "\"agent\":{\"id\":\"x\"},\"action\":\"view\"}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",\"extra\":{\"deep\":[1,2]}}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},\"action\":\"view\"}"
                    + " {}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",\"event_id\":\"b\"}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\","
                    + "\"timezone\":\"Mars/Olympus\"},\"action\":\"view\"}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",\"source\":{\"ip\":\"999.1.1.1\",\"geo\":"
                    + "{\"country_iso_code\":\"Ireland\"}}}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",\"outcome\":\"maybe\"}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":\"x\","
                        + "\"action\":\"view\"}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",\"fields\":[\"a\",null]}",
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},\"action\":\"view\",\"query\":\"tab"
                    + "\there\"}",
            })
    void otherFormsGoToJacksonWithTheSameResult(String record) {
        assertThat(readsPlain(record)).isFalse();
        assertSameAsJackson(record);
    }

    @Test
    void addressesTheReaderLeavesToTheParserAreJudgedAsByJackson() {
        String record =
                "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"action\":\"view\","
                        + "\"agent\":{\"id\":\"x\"},\"source\":{\"ip\":\"999.1.1.1\"}}";
        assertThat(readsPlain(record)).isTrue();
        assertSameAsJackson(record);
        assertThat(PARSER.parse(record.getBytes(StandardCharsets.UTF_8)).error().field())
                .isEqualTo("source.ip");
    }

    @Test
    void aPlainRecordWithInvalidUtf8InAStringIsRefusedForIt() {
        byte[] record =
                ("{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"action\":\"view\","
                                + "\"agent\":{\"id\":\"x\"},\"query\":\"abcdefghijklmnop~\"}")
                        .getBytes(StandardCharsets.UTF_8);
        int at = new String(record, StandardCharsets.UTF_8).indexOf('~');
        record[at] = (byte) 0xC3; // a lead byte with no continuation
        assertThat(new PlainRecordReader(record, 0, record.length, new ZoneIds()).read())
                .isNotNull();
        assertSameAsJackson(record);
        assertThat(PARSER.parse(record).error().reason()).isEqualTo(ErrorReason.INVALID_UTF8);
    }

    @Test
    void recordsThatFailTheWholeRecordChecksFailAlikeOnTheFastPath() {
        String[] failing = {
            "{}",
            "{\"event_id\":\"\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\"}",
            "{\"event_id\":\"a\",\"@timestamp\":\"yesterday\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\"}",
            "{\"event_id\":\"a\",\"@timestamp\":\"1999-03-02T09:15:00Z\",\"agent\":null,"
                    + "\"action\":\"view\"}",
            "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\" \"},"
                    + "\"action\":\"peek\"}",
            "{\"event_id\":\"a\",\"@timestamp\":\"2026-03-02T09:15:00Z\",\"agent\":{\"id\":\"x\"},"
                    + "\"action\":\"view\",\"source\":{\"geo\":{\"location\":{\"lat\":1}}}}",
        };
        for (String record : failing) {
            assertThat(readsPlain(record)).as(record).isTrue();
            assertThat(PARSER.parse(record.getBytes(StandardCharsets.UTF_8)).isValid()).isFalse();
            assertSameAsJackson(record);
        }
    }

    /** Bytes that change a record's JSON: structure, escapes, numbers, literals, UTF-8. */
    private static final byte[] MUTATIONS =
            "{}[]\":,\\ \t\n0123456789.eE-+nultrfasx@é\u0001".getBytes(StandardCharsets.UTF_8);

    @Test
    void mutatedRecordsParseAlikeWithAndWithoutTheFastPath() {
        SplittableRandom random = new SplittableRandom(5);
        List<String> bases = new ArrayList<>(List.of(PLAIN));
        for (int k = 0; k < simulated.size(); k += 97) {
            bases.add(simulated.get(k));
        }
        int fastValid = 0;
        for (int n = 0; n < 60_000; n++) {
            byte[] record =
                    bases.get(random.nextInt(bases.size())).getBytes(StandardCharsets.UTF_8);
            int edits = 1 + random.nextInt(2);
            for (int k = 0; k < edits; k++) {
                record = mutate(record, random);
            }
            assertSameAsJackson(record);
            if (new PlainRecordReader(record, 0, record.length, new ZoneIds()).read() != null
                    && PARSER.parse(record).isValid()) {
                fastValid++;
            }
        }
        // Many mutations leave a record valid (a changed letter in a name's value): the fast path
        // judged those, not only Jackson.
        assertThat(fastValid).isGreaterThan(5_000);
    }

    private static byte[] mutate(byte[] record, SplittableRandom random) {
        int at = random.nextInt(record.length);
        switch (random.nextInt(4)) {
            case 0: // replace a byte
                {
                    byte[] out = record.clone();
                    out[at] = MUTATIONS[random.nextInt(MUTATIONS.length)];
                    return out;
                }
            case 1: // delete a byte
                {
                    byte[] out = new byte[record.length - 1];
                    System.arraycopy(record, 0, out, 0, at);
                    System.arraycopy(record, at + 1, out, at, record.length - at - 1);
                    return out;
                }
            case 2: // insert a byte
                {
                    byte[] out = new byte[record.length + 1];
                    System.arraycopy(record, 0, out, 0, at);
                    out[at] = MUTATIONS[random.nextInt(MUTATIONS.length)];
                    System.arraycopy(record, at, out, at + 1, record.length - at);
                    return out;
                }
            default: // repeat a stretch (duplicate members, doubled values)
                {
                    int length = Math.min(record.length - at, 1 + random.nextInt(40));
                    byte[] out = new byte[record.length + length];
                    System.arraycopy(record, 0, out, 0, at + length);
                    System.arraycopy(record, at, out, at + length, record.length - at);
                    return out;
                }
        }
    }
}

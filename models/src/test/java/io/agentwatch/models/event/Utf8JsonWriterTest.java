package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The writer against Jackson's generator, which it must match byte for byte. */
class Utf8JsonWriterTest {
    private static final JsonFactory PLAIN = new JsonFactory();
    private static final JsonFactory FAST =
            JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private interface Calls {
        void jackson(JsonGenerator g) throws IOException;

        void ours(Utf8JsonWriter w);
    }

    private static void assertSame(boolean fast, Calls calls) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = (fast ? FAST : PLAIN).createGenerator(out)) {
            calls.jackson(g);
        }
        Utf8JsonWriter w = new Utf8JsonWriter(fast);
        calls.ours(w);
        assertThat(w.toBytes(false))
                .as("%s", out.toString(StandardCharsets.UTF_8))
                .isEqualTo(out.toByteArray());
        assertThat(w.toString()).isEqualTo(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void escapesAndEncodesEveryKindOfCharacterAsJackson() throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        // Every 7-bit character, then random strings over the ranges that encode differently.
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            ascii.append(c);
        }
        strings(ascii.toString());
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = r.nextInt(0, 40);
            for (int j = 0; j < n; j++) {
                s.append(randomChar(r));
            }
            strings(s.toString());
        }
    }

    @Test
    void longAsciiStringsWithARareCharacterThatNeedsCareMatchJackson() throws IOException {
        // The bulk path copies ASCII 8 bytes at a time; these are what it must stop at, among them
        // characters beyond Latin-1 whose low byte is a quote, a backslash, '?' or a letter.
        char[] care = {
            '?', '"', '\\', '\n', '\u007f', '\u00e9', '\u0141', '\u0122', '\u015c', '\u013f',
            '\ud83d', '\ude00', '\u2028'
        };
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = r.nextInt(8, 90);
            for (int j = 0; j < n; j++) {
                s.append(
                        r.nextInt(40) == 0
                                ? care[r.nextInt(care.length)]
                                : (char) r.nextInt(0x20, 0x7F));
            }
            strings(s.toString());
        }
    }

    private static char randomChar(SplittableRandom r) {
        switch (r.nextInt(7)) {
            case 0:
                return (char) r.nextInt(0, 0x20);
            case 1:
                return (char) r.nextInt(0x80, 0x800);
            case 2:
                return (char) r.nextInt(0x800, 0xD800);
            case 3:
                return (char) r.nextInt(0xD800, 0xE000); // surrogates, paired or not
            case 4:
                return (char) r.nextInt(0xE000, 0x10000);
            default:
                return (char) r.nextInt(0x20, 0x80);
        }
    }

    private static void strings(String s) throws IOException {
        assertSame(
                false,
                new Calls() {
                    @Override
                    public void jackson(JsonGenerator g) throws IOException {
                        g.writeStartArray();
                        g.writeString(s);
                        g.writeEndArray();
                    }

                    @Override
                    public void ours(Utf8JsonWriter w) {
                        w.startArray();
                        w.value(s);
                        w.endArray();
                    }
                });
    }

    @Test
    void writesNumbersAsJacksonInBothFloatingPointModes() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        double[] edges = {
            0.0,
            -0.0,
            1e-3,
            1e-4,
            9.999999e6,
            1e7,
            1e21,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            2.0e-3,
            51.5074,
            -0.1278
        };
        long[] longs = {
            0, 1, -1, 9, 10, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE
        };
        for (boolean fast : new boolean[] {false, true}) {
            for (double d : edges) {
                numbers(fast, d, (float) d, 0);
            }
            for (long l : longs) {
                numbers(fast, 1.5, 1.5f, l);
            }
            for (int i = 0; i < 20_000; i++) {
                double d = Double.longBitsToDouble(r.nextLong());
                double scaled = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-8, 9));
                numbers(
                        fast,
                        i % 2 == 0 ? d : scaled,
                        (float) scaled,
                        r.nextLong() >> r.nextInt(64));
            }
        }
    }

    @Test
    void recurringNumbersWrittenFromTheCacheMatchJackson() throws IOException {
        // One writer over many documents, values drawn from a few: most come from its cache, and
        // colliding slots, floats and doubles of the same value must never be mixed up.
        SplittableRandom r = new SplittableRandom(23);
        double[] few = new double[600];
        for (int i = 0; i < few.length; i++) {
            few[i] = i % 3 == 0 ? (float) (r.nextDouble() * 200 - 100) : r.nextDouble() * 360 - 180;
        }
        for (boolean fast : new boolean[] {false, true}) {
            Utf8JsonWriter w = new Utf8JsonWriter(fast);
            for (int doc = 0; doc < 2_000; doc++) {
                double[] values = new double[4];
                for (int k = 0; k < values.length; k++) {
                    values[k] = few[r.nextInt(few.length)];
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (JsonGenerator g = (fast ? FAST : PLAIN).createGenerator(out)) {
                    g.writeStartArray();
                    for (double v : values) {
                        g.writeNumber(v);
                        g.writeNumber((float) v);
                    }
                    g.writeEndArray();
                }
                w.reset().startArray();
                for (double v : values) {
                    w.value(v);
                    w.value((float) v);
                }
                w.endArray();
                assertThat(w.toString()).isEqualTo(out.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private static void numbers(boolean fast, double d, float f, long l) throws IOException {
        assertSame(
                fast,
                new Calls() {
                    @Override
                    public void jackson(JsonGenerator g) throws IOException {
                        g.writeStartArray();
                        g.writeNumber(d);
                        g.writeNumber(f);
                        g.writeNumber(l);
                        g.writeNumber((int) l);
                        g.writeEndArray();
                    }

                    @Override
                    public void ours(Utf8JsonWriter w) {
                        w.startArray();
                        w.value(d);
                        w.value(f);
                        w.value(l);
                        w.value((int) l);
                        w.endArray();
                    }
                });
    }

    @Test
    void separatesMembersAndValuesAsJacksonAtEveryDepth() throws IOException {
        Utf8JsonWriter.Name a = new Utf8JsonWriter.Name("a");
        Utf8JsonWriter.Name quoted = new Utf8JsonWriter.Name("q\"é");
        Utf8JsonWriter.Literal open = new Utf8JsonWriter.Literal("open");
        assertSame(
                true,
                new Calls() {
                    @Override
                    public void jackson(JsonGenerator g) throws IOException {
                        g.writeStartObject();
                        g.writeFieldName("a");
                        g.writeStartArray();
                        g.writeStartObject();
                        g.writeEndObject();
                        g.writeStartArray();
                        g.writeEndArray();
                        g.writeBoolean(true);
                        g.writeString("open");
                        g.writeRawValue("{\"x\":[1,2]}");
                        g.writeEndArray();
                        g.writeFieldName("q\"é");
                        g.writeStartObject();
                        g.writeFieldName("a");
                        g.writeBoolean(false);
                        g.writeFieldName("q\"é");
                        g.writeRawValue("\"ü\"");
                        g.writeEndObject();
                        g.writeFieldName("a");
                        g.writeString("open");
                        g.writeEndObject();
                    }

                    @Override
                    public void ours(Utf8JsonWriter w) {
                        w.startObject();
                        w.name(a);
                        w.startArray();
                        w.startObject();
                        w.endObject();
                        w.startArray();
                        w.endArray();
                        w.value(true);
                        w.value(open);
                        w.rawValue("{\"x\":[1,2]}");
                        w.endArray();
                        w.name(quoted);
                        w.startObject();
                        w.name(a);
                        w.value(false);
                        w.name(quoted);
                        w.rawValue("\"ü\"");
                        w.endObject();
                        w.name(a);
                        w.value("open");
                        w.endObject();
                    }
                });
    }

    @Test
    void resetStartsANewDocumentAndTheBufferGrows() {
        Utf8JsonWriter w = new Utf8JsonWriter(false);
        w.startArray();
        w.value("x".repeat(5_000));
        w.endArray();
        assertThat(w.toBytes(true)).hasSize(5_005).endsWith((byte) ']', (byte) '\n');
        w.reset().startArray();
        w.value(1);
        w.endArray();
        assertThat(w.toString()).isEqualTo("[1]");
    }
}

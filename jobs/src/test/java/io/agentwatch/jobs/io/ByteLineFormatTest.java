package io.agentwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.EventParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLineFormatTest {
    private static List<RawLine> read(byte[] input) throws Exception {
        ByteLineFormat.Reader r =
                new ByteLineFormat.Reader(new ByteArrayInputStream(input), "test");
        List<RawLine> out = new ArrayList<>();
        RawLine l;
        while ((l = r.read()) != null) {
            out.add(l);
        }
        r.close();
        return out;
    }

    @Test
    void readsLinesAsBytesWithLineNumbers() throws Exception {
        List<RawLine> lines = read("a\r\nbb\n\n   \nccc".getBytes(StandardCharsets.UTF_8));
        assertThat(lines)
                .extracting(l -> new String(l.bytes, StandardCharsets.UTF_8))
                .containsExactly("a", "bb", "ccc");
        assertThat(lines).extracting(l -> l.offset).containsExactly(1L, 2L, 5L);
        assertThat(lines).extracting(l -> l.source).containsOnly("test");
    }

    @Test
    void keepsInvalidUtf8BytesAsTheyAre() throws Exception {
        byte[] input = {'{', (byte) 0xC3, '(', '}', '\n'};
        RawLine line = read(input).get(0);
        assertThat(line.bytes).containsExactly('{', (byte) 0xC3, '(', '}');
    }

    @Test
    void anOverLongLineKeepsAPrefixAndItsTrueLength() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("x".repeat(300_000).getBytes(StandardCharsets.UTF_8));
        b.write("\nnext\n".getBytes(StandardCharsets.UTF_8));
        List<RawLine> lines = read(b.toByteArray());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).length).isEqualTo(300_000);
        assertThat(lines.get(0).bytes.length).isEqualTo(EventParser.MAX_RECORD_BYTES + 1);
        assertThat(lines.get(0).truncated()).isTrue();
        assertThat(new String(lines.get(1).bytes, StandardCharsets.UTF_8)).isEqualTo("next");
    }
}

package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static int check(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8.firstInvalid(b, 0, b.length);
    }

    @Test
    void acceptsValidText() {
        byte[] b = "plain, é, 日本, 😀".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.firstInvalid(b, 0, b.length)).isEqualTo(-1);
    }

    @Test
    void rejectsBrokenSequencesAtTheirOffset() {
        assertThat(check('a', 0xC3)).as("truncated").isEqualTo(1);
        assertThat(check('a', 'b', 0xC3, 'c')).as("bad continuation").isEqualTo(2);
        assertThat(check(0xC0, 0xAF)).as("overlong").isEqualTo(0);
        assertThat(check(0xE0, 0x80, 0xAF)).as("overlong 3-byte").isEqualTo(0);
        assertThat(check(0xED, 0xA0, 0x80)).as("surrogate").isEqualTo(0);
        assertThat(check(0xF4, 0x90, 0x80, 0x80)).as("above U+10FFFF").isEqualTo(0);
        assertThat(check(0x80)).as("lone continuation").isEqualTo(0);
        assertThat(check(0xFF)).isEqualTo(0);
    }

    @Test
    void findsABadByteAtAnyPositionOfALongAsciiRunAndAnOffset() {
        byte[] ascii = "x".repeat(40).getBytes(StandardCharsets.US_ASCII);
        for (int bad = 0; bad < ascii.length; bad++) {
            byte[] b = ascii.clone();
            b[bad] = (byte) 0xFF;
            assertThat(Utf8.firstInvalid(b, 0, b.length)).as("at %d", bad).isEqualTo(bad);
            assertThat(Utf8.firstInvalid(b, 3, b.length - 3))
                    .as("at %d from offset 3", bad)
                    .isEqualTo(bad < 3 ? -1 : bad - 3);
        }
        byte[] mixed =
                ("a".repeat(13) + "é" + "b".repeat(9) + "日本").getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.firstInvalid(mixed, 0, mixed.length)).isEqualTo(-1);
        assertThat(Utf8.firstInvalid(mixed, 0, 14)).as("é cut in half").isEqualTo(13);
    }
}

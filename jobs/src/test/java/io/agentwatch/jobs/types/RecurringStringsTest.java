package io.agentwatch.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecurringStringsTest {
    private static String of(RecurringStrings strings, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        // Bytes past the length are the scratch buffer's leftovers: never part of the string.
        byte[] scratch = Arrays.copyOf(utf8, utf8.length + 16);
        Arrays.fill(scratch, utf8.length, scratch.length, (byte) 'z');
        return strings.of(scratch, utf8.length);
    }

    @Test
    void theSameBytesGiveTheSameStringOnce() {
        RecurringStrings strings = new RecurringStrings(64);
        String first = of(strings, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36");
        String again = of(strings, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36");
        assertThat(again).isSameAs(first);
        assertThat(of(strings, "Europe/Dublin")).isEqualTo("Europe/Dublin");
    }

    @Test
    void everyStringIsItsBytesWhateverTheSlotsHeld() {
        // Two slots for hundreds of strings: every lookup collides with another string's entry.
        RecurringStrings strings = new RecurringStrings(2);
        Random random = new Random(3);
        String[] alphabet = {"a", "b", "é", "日", "/", " ", "\u0000", "😀"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(i % 50 == 0 ? 400 : 20);
            for (int c = 0; c < length; c++) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertThat(of(strings, s.toString())).isEqualTo(s.toString());
        }
        assertThat(of(strings, "")).isEmpty();
    }

    @Test
    void stringsOfSameLengthAndSlotAreTold() {
        RecurringStrings strings = new RecurringStrings(1);
        assertThat(of(strings, "team-a")).isEqualTo("team-a");
        assertThat(of(strings, "team-b")).isEqualTo("team-b");
        assertThat(of(strings, "team-a")).isEqualTo("team-a");
    }

    @Test
    void slotsMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new RecurringStrings(1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slots must be a power of two: 1000");
    }
}

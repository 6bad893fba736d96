package io.agentwatch.models.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StateWriterTest {
    private final StateWriter w = new StateWriter();
    private final StateReader r = new StateReader();

    @Test
    void aBitmapIsWrittenInWhicheverFormIsShorterTheWordsOnATieAndReadsBack() {
        SplittableRandom random = new SplittableRandom(3);
        int asGaps = 0;
        int asWords = 0;
        int nearTheEdge = 0;
        int wordsAfterAll = 0;
        for (int i = 0; i < 20_000; i++) {
            long[] bitmap = new long[16];
            // Up to 128 bits, packed or spread, a few far apart: over 16 words the forms' lengths
            // meet near 120 bits.
            int bits = random.nextInt(129);
            int spread = 1 << random.nextInt(5);
            for (int b = 0, at = -1; b < bits; b++) {
                at +=
                        1
                                + (random.nextInt(16) == 0
                                        ? 128 + random.nextInt(64)
                                        : random.nextInt(spread));
                if (at >= 1024) {
                    break;
                }
                bitmap[at >>> 6] |= 1L << (at & 63);
            }
            int gapForm = gapFormLength(bitmap);
            int wordForm = wordFormLength(bitmap);
            boolean gaps = gapForm < wordForm;
            if (Math.abs(gapForm - wordForm) <= 2) {
                nearTheEdge++;
            }
            int setBits = Arrays.stream(bitmap).mapToInt(Long::bitCount).sum();
            if (!gaps && varIntLength(setBits) + setBits < wordForm) {
                // A byte a gap would have been shorter: some gaps took two.
                wordsAfterAll++;
            }

            w.reset(0);
            w.bitmap(bitmap);
            // The header (17 as one byte), the form's flag, then the form.
            assertThat(w.length()).isEqualTo(2 + Math.min(gapForm, wordForm));
            assertThat(w.buffer()[1]).isEqualTo((byte) (gaps ? 1 : 0));
            r.reset(w.buffer(), 0, w.length());
            assertThat(r.bitmap()).isEqualTo(bitmap);
            assertThat(r.atEnd()).isTrue();
            if (gaps) {
                asGaps++;
            } else {
                asWords++;
            }
        }
        assertThat(asGaps).isGreaterThan(1_000);
        assertThat(asWords).isGreaterThan(1_000);
        assertThat(nearTheEdge).isGreaterThan(100);
        assertThat(wordsAfterAll).isGreaterThan(10);
    }

    /** The count of set bits and each gap before a set bit, as variable-length ints. */
    private static int gapFormLength(long[] bitmap) {
        int bits = 0;
        int length = 0;
        for (int at = 0, last = -1; at < bitmap.length * 64; at++) {
            if ((bitmap[at >>> 6] >>> (at & 63) & 1) != 0) {
                bits++;
                length += varIntLength(at - last - 1);
                last = at;
            }
        }
        return varIntLength(bits) + length;
    }

    /** The count of words up to the last that is not zero, then each in eight bytes. */
    private static int wordFormLength(long[] bitmap) {
        int used = 0;
        for (int i = 0; i < bitmap.length; i++) {
            if (bitmap[i] != 0) {
                used = i + 1;
            }
        }
        return varIntLength(used) + 8 * used;
    }

    private static int varIntLength(int v) {
        int n = 1;
        while (v >= 128) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}

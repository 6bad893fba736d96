package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-02T09:15:00Z", "2026-03-02T09:15:00.5Z", "2026-03-02T09:15:00.123456789Z",
                        "2026-03-02t09:15:00z",
                "2024-02-29T23:59:59-11:30", "1969-12-31T23:59:59.999+14:00",
                        "2000-01-01T00:00:00+00:00", "2026-03-02T09:15:00.123+05:30"
            })
    void agreesWithTheJdk(String text) {
        String normalized = text.replace('t', 'T').replace('z', 'Z');
        assertThat(Timestamps.parseMillis(text))
                .isEqualTo(OffsetDateTime.parse(normalized).toInstant().toEpochMilli());
    }

    @Test
    void agreesWithTheJdkOnRandomInstants() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long millis = r.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
            String text = Timestamps.format(millis);
            assertThat(Timestamps.parseMillis(text)).as(text).isEqualTo(millis);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-02T09:15:00",
                "2026-13-02T09:15:00Z",
                "2026-02-29T09:15:00Z",
                "2026-03-02T09:60:00Z",
                "2026-03-02T09:15:00+0100",
                "not a time",
                ""
            })
    void rejectsWhatIsNotAnOffsetDateTime(String text) {
        assertThat(Timestamps.parseMillis(text)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void formatsWithFixedMillis() {
        assertThat(Timestamps.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamps.format(1_500)).isEqualTo("1970-01-01T00:00:01.500Z");
    }

    @Test
    void formatsAsTheJdkFormatterDoesAtEveryInstantAndAtTheEdges() {
        SplittableRandom r = new SplittableRandom(3);
        long[] edges = {
            0,
            1,
            999,
            1_000,
            86_399_999,
            86_400_000,
            951_782_400_000L, // 2000-02-29
            4_107_542_399_999L, // 2100-02-28T23:59:59.999
            253_402_300_799_999L,
            253_402_300_800_000L,
            -1,
            -86_400_001L,
            Long.MIN_VALUE / 4
        };
        for (long t : edges) {
            assertThat(Timestamps.format(t)).as("%d", t).isEqualTo(Timestamps.formatSlow(t));
        }
        for (int i = 0; i < 200_000; i++) {
            long t =
                    i % 2 == 0
                            ? r.nextLong(0, 253_402_300_800_000L)
                            : r.nextLong(946_684_800_000L, 4_102_444_800_000L);
            assertThat(Timestamps.format(t)).as("%d", t).isEqualTo(Timestamps.formatSlow(t));
        }
    }
}

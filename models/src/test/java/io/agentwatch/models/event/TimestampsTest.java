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
}

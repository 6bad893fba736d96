package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentClockTest {
    private static final String[] ZONES = {
        "Europe/Dublin",
        "America/New_York",
        "Australia/Sydney",
        "Asia/Kolkata",
        "America/Santiago",
        "Pacific/Chatham",
        "Asia/Kathmandu",
        "UTC",
        "Etc/GMT+5"
    };

    /** The hour of the week as ZonedDateTime gives it: Monday 00:00 = 0. */
    private static int expected(long millis, String zone) {
        ZonedDateTime t =
                Instant.ofEpochMilli(millis)
                        .atZone(zone == null ? ZoneOffset.UTC : ZoneId.of(zone));
        return (t.getDayOfWeek().getValue() - 1) * 24 + t.getHour();
    }

    private static int actual(long millis, String zone) {
        AccessEvent e = new AccessEvent();
        e.timestamp = millis;
        e.agentTimezone = zone;
        return AgentClock.hourOfWeek(e);
    }

    @Test
    void everyInstantInEveryZoneIsTheHourZonedDateTimeGives() {
        // Instants in random order, years apart and back again, so each zone's remembered
        // stretch is left and re-entered all the time; before 1970 too.
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            String zone = i % 10 == 0 ? null : ZONES[random.nextInt(ZONES.length)];
            long millis = -2_000_000_000_000L + (long) (random.nextDouble() * 6_000_000_000_000L);
            assertThat(actual(millis, zone))
                    .as("%d in %s", millis, zone)
                    .isEqualTo(expected(millis, zone));
        }
    }

    @Test
    void theMillisecondsAroundEachTransitionFallOnTheirSide() {
        for (String zone : ZONES) {
            List<Long> edges = new ArrayList<>();
            Instant at = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < 8; i++) {
                ZoneOffsetTransition next = ZoneId.of(zone).getRules().nextTransition(at);
                if (next == null) {
                    break;
                }
                edges.add(next.toEpochSecond() * 1000);
                at = next.getInstant();
            }
            for (long edge : edges) {
                for (long millis :
                        new long[] {edge - 3_600_001, edge - 1, edge, edge + 1, edge - 1}) {
                    assertThat(actual(millis, zone))
                            .as("%d in %s", millis, zone)
                            .isEqualTo(expected(millis, zone));
                }
            }
        }
        assertThat(actual(Instant.parse("2026-03-02T09:30:00Z").toEpochMilli(), null))
                .as("a Monday, 09:30 UTC")
                .isEqualTo(9);
    }
}

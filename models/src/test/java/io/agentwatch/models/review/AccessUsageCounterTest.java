package io.agentwatch.models.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Outcome;
import io.agentwatch.models.testing.TestEvents;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AccessUsageCounterTest {
    private final AccessUsageCounter weekly = new AccessUsageCounter(Duration.ofDays(7));

    @Test
    void weeklyPeriodsAreCalendarWeeksFromMondayUtc() {
        long start = weekly.periodStart(TestEvents.T0 + 3 * TestEvents.HOUR);
        assertThat(Instant.ofEpochMilli(start).atOffset(ZoneOffset.UTC).getDayOfWeek())
                .isEqualTo(DayOfWeek.MONDAY);
        assertThat(Instant.ofEpochMilli(start).atOffset(ZoneOffset.UTC).getHour()).isZero();
        assertThat(weekly.periodStart(start + Duration.ofDays(7).toMillis() - 1)).isEqualTo(start);
    }

    @Test
    void countsUsesPerFieldAndClosesThePeriodWhenALaterOneStarts() {
        OpenAccessUsage s = new OpenAccessUsage();
        AccessEvent withTicket = TestEvents.view("a", TestEvents.T0);
        withTicket.ticketId = "T-1";
        AccessEvent without = TestEvents.view("a", TestEvents.T0 + 1);
        AccessEvent failed = TestEvents.view("a", TestEvents.T0 + 2);
        failed.outcome = Outcome.FAILURE;
        assertThat(weekly.add(s, withTicket)).isNull();
        assertThat(weekly.add(s, without)).isNull();
        assertThat(weekly.add(s, failed)).isNull();

        AgentAccessUsage closed =
                weekly.add(s, TestEvents.view("a", TestEvents.T0 + Duration.ofDays(7).toMillis()));
        assertThat(closed.periodStart).isEqualTo(weekly.periodStart(TestEvents.T0));
        assertThat(closed.fields)
                .extracting(f -> f.field, f -> f.accesses, f -> f.withTicket)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("name", 2L, 1L),
                        org.assertj.core.api.Assertions.tuple("email", 2L, 1L));
        assertThat(s.periodStart).isGreaterThan(closed.periodStart);
        assertThat(s.fieldCount).isEqualTo(2);
    }

    @Test
    void stateIsBoundedByTheFieldCap() {
        OpenAccessUsage s = new OpenAccessUsage();
        for (int i = 0; i < AgentAccessUsage.MAX_FIELDS + 10; i++) {
            AccessEvent e = TestEvents.view("a", TestEvents.T0 + i);
            e.fields = new String[] {"field_" + i};
            weekly.add(s, e);
        }
        AgentAccessUsage closed = weekly.close(s);
        assertThat(closed.fieldCount).isEqualTo(AgentAccessUsage.MAX_FIELDS + 1);
        assertThat(closed.fields[AgentAccessUsage.MAX_FIELDS].field)
                .isEqualTo(AgentAccessUsage.OTHER);
        assertThat(closed.fields[AgentAccessUsage.MAX_FIELDS].accesses).isEqualTo(10);
        assertThat(weekly.close(s)).as("nothing open any more").isNull();
    }
}

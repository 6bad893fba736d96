package io.agentwatch.models.detect.behaviour;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.SECOND;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.AgentClock;
import io.agentwatch.models.sensitivity.SensitivityClass;
import org.junit.jupiter.api.Test;

class ActivityBaselinesTest {
    private final ActivityBaseline b = new ActivityBaseline();

    private void observe(AccessEvent e) {
        ActivityBaselines.observe(b, e, HOUR, true, AgentClock.hourOfWeek(e));
    }

    @Test
    void hourOfWeekIsInTheAgentsLocalTime() {
        AccessEvent e = view("a", T0); // Monday 2026-03-02 09:00 UTC
        e.agentTimezone = "Asia/Kolkata"; // 14:30 local
        observe(e);
        assertThat(AgentClock.hourOfWeek(e)).isEqualTo(14);
        assertThat(b.hourOfWeek[ActivityBaseline.index(14)]).isEqualTo((short) 1);
        AccessEvent sunday = view("a", T0 + 6 * 24 * HOUR + 10 * HOUR); // Sunday 19:00 UTC
        assertThat(AgentClock.hourOfWeek(sunday)).isEqualTo(6 * 24 + 19);
    }

    /** Ten events at 09:00 UTC on each of the given days from T0 (a Monday). */
    private void workMornings(int fromDay, int toDay) {
        for (int d = fromDay; d < toDay; d++) {
            for (int i = 0; i < 10; i++) {
                observe(view("a", T0 + d * 24 * HOUR + i * MINUTE));
            }
        }
    }

    private float usual(long t) {
        AccessEvent e = view("a", t);
        return ActivityBaselines.usualEventsThisHour(b, t, AgentClock.hourOfWeek(e));
    }

    @Test
    void usualEventsThisHourIsUnknownBeforeADayOfHistory() {
        assertThat(usual(T0)).isNaN();
        workMornings(0, 1);
        assertThat(usual(T0 + 5 * HOUR)).isNaN();
    }

    @Test
    void usualEventsThisHourAveragesTheHourOfTheDayInTheFirstWeek() {
        workMornings(0, 4);
        assertThat(usual(T0 + 4 * 24 * HOUR)).isEqualTo(10f); // 40 morning events over 4 days
        assertThat(usual(T0 + 4 * 24 * HOUR + 5 * HOUR)).isZero(); // never works at 14:00
    }

    @Test
    void usualEventsThisHourAveragesTheHourOfTheWeekOverTheWeeksKnown() {
        workMornings(0, 5); // Monday to Friday, two weeks running
        workMornings(7, 12);
        long monday = T0 + 14 * 24 * HOUR;
        assertThat(usual(monday)).isEqualTo(10f);
        assertThat(usual(monday - 24 * HOUR)).as("Sundays off").isZero();
    }

    @Test
    void theHoursOwnEventsDoNotRaiseItsUsual() {
        workMornings(0, 5);
        workMornings(7, 12);
        long monday = T0 + 14 * 24 * HOUR;
        float before = usual(monday);
        for (int i = 0; i < 500; i++) {
            observe(view("a", monday + i * SECOND));
        }
        assertThat(usual(monday + 30 * MINUTE)).isEqualTo(before);
        usual(monday - 5 * HOUR); // a late event of an earlier hour
        assertThat(usual(monday + 40 * MINUTE))
                .as("still the value from the hour's start")
                .isEqualTo(before);
        assertThat(usual(monday + 7 * 24 * HOUR))
                .as("the burst counts from the next week on")
                .isGreaterThan(before);
    }

    @Test
    void halvingAFullSlotKeepsEveryUsualRate() {
        workMornings(0, 5);
        workMornings(7, 12);
        long t = T0 + 15 * 24 * HOUR + 10 * SECOND; // Tuesday of the third week
        int wednesday = 2 * 24 + 9;
        b.usualSlot = -1;
        float before = ActivityBaselines.usualEventsThisHour(b, t, wednesday);
        b.hourOfWeek[ActivityBaseline.index(24 + 9)] =
                Short.MAX_VALUE; // Tuesday 09:00 is full: this count halves all
        observe(view("a", t));
        assertThat(b.hourOfWeek[ActivityBaseline.index(wednesday)]).isEqualTo((short) 10);
        assertThat(b.hourOfWeekSince).isEqualTo(T0 + (t - T0) / 2);
        b.usualSlot = -1;
        assertThat(ActivityBaselines.usualEventsThisHour(b, t, wednesday))
                .isCloseTo(before, within(1e-4f));
    }

    @Test
    void ratesPerActionAndSensitivityClassCountActiveWindowsOnly() {
        for (int w = 0; w < 10; w++) {
            long start = T0 + w * 24 * HOUR; // one active hour a day: the rest does not count
            for (int i = 0; i < 4; i++) {
                observe(view("a", start + i * MINUTE));
            }
            observe(cardSearch("a", start + 10 * MINUTE));
        }
        observe(view("a", T0 + 11 * 24 * HOUR)); // closes the tenth window
        assertThat(ActivityBaselines.rate(b, Action.VIEW).mean).isEqualTo(4.0);
        assertThat(ActivityBaselines.rate(b, Action.SEARCH).mean).isEqualTo(1.0);
        assertThat(ActivityBaselines.rate(b, Action.VIEW).samples).isEqualTo(10);
        assertThat(ActivityBaselines.rate(b, SensitivityClass.PII).mean).isEqualTo(4.0);
        assertThat(ActivityBaselines.rate(b, SensitivityClass.PCI).mean).isEqualTo(1.0);
    }

    @Test
    void addressesAndUserAgentsKeepFirstAndLastSeenAndForgetTheLeastRecent() {
        for (int i = 0; i < ActivityBaseline.MAX_IPS; i++) {
            AccessEvent e = view("a", T0 + i * HOUR);
            e.sourceIp = "192.0.2." + i;
            e.userAgent = "browser " + (i % 2);
            observe(e);
        }
        AccessEvent again = view("a", T0 + 20 * HOUR);
        again.sourceIp = "192.0.2.0";
        observe(again);
        assertThat(ActivityBaselines.ipFirstSeen(b, "192.0.2.0")).isEqualTo(T0);
        assertThat(b.sources[ActivityBaseline.IP_LAST_SEEN]).isEqualTo(T0 + 20 * HOUR);

        AccessEvent newcomer = view("a", T0 + 21 * HOUR);
        newcomer.sourceIp = "198.51.100.7";
        observe(newcomer);
        assertThat(ActivityBaselines.ipFirstSeen(b, "198.51.100.7")).isEqualTo(T0 + 21 * HOUR);
        assertThat(ActivityBaselines.ipFirstSeen(b, "192.0.2.1"))
                .as("the least recently seen address made room")
                .isEqualTo(Long.MIN_VALUE);
        assertThat(ActivityBaselines.ipFirstSeen(b, "192.0.2.0")).isEqualTo(T0);
        assertThat(b.ipCount).isEqualTo(ActivityBaseline.MAX_IPS);
        assertThat(b.ips)
                .as("the addresses themselves, kept for checkpoints in their hashes' slots")
                .contains("198.51.100.7", "192.0.2.0")
                .doesNotContain("192.0.2.1");
        assertThat(ActivityBaselines.knowsUserAgent(b, "browser 1")).isTrue();
        assertThat(ActivityBaselines.knowsUserAgent(b, "curl/8.0")).isFalse();

        for (int i = 2; i < 2 + ActivityBaseline.MAX_USER_AGENTS - 1; i++) {
            AccessEvent e = view("a", T0 + (21 + i) * HOUR);
            e.userAgent = "browser " + i;
            observe(e);
        }
        assertThat(ActivityBaselines.knowsUserAgent(b, "browser 0"))
                .as("the least recently seen user agent made room")
                .isFalse();
        assertThat(ActivityBaselines.knowsUserAgent(b, "browser 1")).isTrue();
        assertThat(ActivityBaselines.knowsUserAgent(b, "browser 4")).isTrue();

        AccessEvent failed = view("a", T0 + 30 * HOUR);
        failed.sourceIp = "203.0.113.9";
        ActivityBaselines.observe(b, failed, HOUR, false, AgentClock.hourOfWeek(failed));
        assertThat(ActivityBaselines.ipFirstSeen(b, "203.0.113.9"))
                .as("a failed attempt does not make an address the agent's")
                .isEqualTo(Long.MIN_VALUE);
    }
}

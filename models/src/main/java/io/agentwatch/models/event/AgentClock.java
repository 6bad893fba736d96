package io.agentwatch.models.event;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An event's time on the agent's own clock (its {@code agent.timezone}; UTC when absent). */
public final class AgentClock {
    private static final Map<String, ZoneClock> ZONES = new ConcurrentHashMap<>();
    private static final ZoneClock UTC = new ZoneClock(ZoneOffset.UTC);

    /** 1970-01-01, day 0 of epoch time, was a Thursday: 3 days after a Monday. */
    private static final long EPOCH_HOUR_OF_WEEK = 3 * 24;

    private AgentClock() {}

    /** The agent's time zone; the parser already refused unknown ones. */
    public static ZoneId zone(String timezone) {
        return clock(timezone).zone;
    }

    /** The local hour of the week, Monday 00:00 = 0 to Sunday 23:00 = 167. */
    public static int hourOfWeek(AccessEvent e) {
        long local = Math.floorDiv(e.timestamp, 1000L) + clock(e.agentTimezone).offset(e.timestamp);
        return (int) Math.floorMod(Math.floorDiv(local, 3600L) + EPOCH_HOUR_OF_WEEK, 168L);
    }

    private static ZoneClock clock(String timezone) {
        return timezone == null ? UTC : ZONES.computeIfAbsent(timezone, ZoneClock::of);
    }

    /**
     * A zone and the stretch of time around the last instant asked for in which its offset from UTC
     * stays the same (between two transitions, months long): every event in that stretch is placed
     * with one comparison instead of a search of the zone's rules and a date-time object.
     */
    private static final class ZoneClock {
        final ZoneId zone;
        private final ZoneRules rules;

        /** Replaced whole (its fields are final), so any thread sees one consistent stretch. */
        private volatile Stretch stretch = new Stretch(Long.MAX_VALUE, Long.MIN_VALUE, 0);

        private record Stretch(long from, long until, int offsetSeconds) {}

        ZoneClock(ZoneId zone) {
            this.zone = zone;
            this.rules = zone.getRules();
        }

        static ZoneClock of(String timezone) {
            return new ZoneClock(ZoneId.of(timezone));
        }

        /** The zone's offset from UTC, in seconds, at an instant (epoch milliseconds). */
        int offset(long millis) {
            Stretch s = stretch;
            if (millis >= s.from && millis < s.until) {
                return s.offsetSeconds;
            }
            Instant at = Instant.ofEpochMilli(millis);
            ZoneOffsetTransition previous = rules.previousTransition(at.plusNanos(1));
            ZoneOffsetTransition next = rules.nextTransition(at);
            s =
                    new Stretch(
                            previous == null ? Long.MIN_VALUE : previous.toEpochSecond() * 1000L,
                            next == null ? Long.MAX_VALUE : next.toEpochSecond() * 1000L,
                            rules.getOffset(at).getTotalSeconds());
            stretch = s;
            return s.offsetSeconds;
        }
    }
}

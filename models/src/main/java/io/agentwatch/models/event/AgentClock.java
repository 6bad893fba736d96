package io.agentwatch.models.event;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An event's time on the agent's own clock (its {@code agent.timezone}; UTC when absent). */
public final class AgentClock {
    private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    private AgentClock() {}

    /** The agent's time zone; the parser already refused unknown ones. */
    public static ZoneId zone(String timezone) {
        return timezone == null ? ZoneOffset.UTC : ZONES.computeIfAbsent(timezone, ZoneId::of);
    }

    /** The local hour of the week, Monday 00:00 = 0 to Sunday 23:00 = 167. */
    public static int hourOfWeek(AccessEvent e) {
        ZonedDateTime t = Instant.ofEpochMilli(e.timestamp).atZone(zone(e.agentTimezone));
        return (t.getDayOfWeek().getValue() - 1) * 24 + t.getHour();
    }
}

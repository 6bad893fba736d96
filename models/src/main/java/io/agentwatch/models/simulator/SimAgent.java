package io.agentwatch.models.simulator;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/** A simulated support agent and their working pattern. */
final class SimAgent {
    final int index;
    final String id;
    final String name;
    final String role;
    final String team;
    final Site site;
    final ZoneId zone;
    final int shiftStartHour;
    final Set<DayOfWeek> daysOff;
    final String ip;
    final String userAgent;
    Scenario scenario;

    SimAgent(
            int index,
            String name,
            String role,
            Site site,
            int shiftStartHour,
            Set<DayOfWeek> daysOff,
            String ip,
            String userAgent) {
        this.index = index;
        this.id = String.format("agent-%04d", index + 1);
        this.name = name;
        this.role = role;
        this.team = site.name + "-" + role;
        this.site = site;
        this.zone = ZoneId.of(site.timezone);
        this.shiftStartHour = shiftStartHour;
        this.daysOff = EnumSet.copyOf(daysOff);
        this.ip = ip;
        this.userAgent = userAgent;
    }
}

package io.agentwatch.models.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a change of rules or model does to the alerts over the same history: which alerts would
 * start firing, which would stop, which change severity, and alerts per day before and after. Two
 * alerts are the same incident when they are about the same agent and their time spans overlap
 * (alert ids depend on the episode's first finding, which a change of rules moves).
 */
public final class AlertDiff {
    /** Alerts of the proposed run that match none of the current run's. */
    public final List<Alert> startFiring = new ArrayList<>();

    /** Alerts of the current run that match none of the proposed run's. */
    public final List<Alert> stopFiring = new ArrayList<>();

    /** Matched pairs whose severity differs: current, then proposed. */
    public final List<Alert[]> severityChanged = new ArrayList<>();

    /** Alerts opened per day (UTC), current and proposed; days with none in either are left out. */
    public final TreeMap<LocalDate, int[]> perDay = new TreeMap<>();

    public final int current;
    public final int proposed;

    private AlertDiff(int current, int proposed) {
        this.current = current;
        this.proposed = proposed;
    }

    /**
     * @param current the latest revision of each alert under the rules and model in force
     * @param proposed the same under the proposed ones
     */
    public static AlertDiff of(Collection<Alert> current, Collection<Alert> proposed) {
        AlertDiff d = new AlertDiff(current.size(), proposed.size());
        Map<String, List<Alert>> unmatched = new HashMap<>();
        for (Alert a : sorted(current)) {
            unmatched.computeIfAbsent(a.agentId, k -> new ArrayList<>()).add(a);
            d.day(a, 0);
        }
        for (Alert p : sorted(proposed)) {
            d.day(p, 1);
            List<Alert> same = unmatched.getOrDefault(p.agentId, List.of());
            Alert match = null;
            for (Alert c : same) {
                if (c.start <= p.end && p.start <= c.end) {
                    match = c;
                    break;
                }
            }
            if (match == null) {
                d.startFiring.add(p);
                continue;
            }
            same.remove(match);
            if (match.severity != p.severity) {
                d.severityChanged.add(new Alert[] {match, p});
            }
        }
        unmatched.values().forEach(d.stopFiring::addAll);
        d.stopFiring.sort(BY_TIME);
        return d;
    }

    private static final Comparator<Alert> BY_TIME =
            Comparator.comparingLong((Alert a) -> a.opened).thenComparing(a -> a.agentId);

    private static List<Alert> sorted(Collection<Alert> alerts) {
        List<Alert> s = new ArrayList<>(alerts);
        s.sort(BY_TIME);
        return s;
    }

    private void day(Alert a, int column) {
        LocalDate day = Instant.ofEpochMilli(a.opened).atOffset(ZoneOffset.UTC).toLocalDate();
        perDay.computeIfAbsent(day, k -> new int[2])[column]++;
    }

    /** Whether the change changes nothing about the alerts. */
    public boolean unchanged() {
        return startFiring.isEmpty() && stopFiring.isEmpty() && severityChanged.isEmpty();
    }
}

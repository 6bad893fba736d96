package io.agentwatch.models.simulator;

import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.risk.AlertFinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores alerts against the simulator's ground truth: which scenarios were caught, by which rules,
 * how soon, and how many alerts matched no scenario. Each finding in an alert is matched on its
 * own: it matches a scenario when it cites one of the scenario's events, or names the scenario's
 * agent within its time span. An alert is false when none of its findings matches.
 */
public final class ScenarioScorer {
    /** Slack around a scenario's time span for agent-and-time matching. */
    public static final long SLACK_MILLIS = 60 * 60_000L;

    private ScenarioScorer() {}

    /** The fields of one finding in an alert that scoring needs. */
    public static final class ScoredFinding {
        public final String alertId;
        public final String ruleId;
        public final String agentId;
        public final long start;
        public final long end;

        /** When the rule first fired: time to detect is measured to here. */
        public final long detectedAt;

        public final Collection<String> eventIds;

        public ScoredFinding(
                String alertId,
                String ruleId,
                String agentId,
                long start,
                long end,
                long detectedAt,
                Collection<String> eventIds) {
            this.alertId = alertId;
            this.ruleId = ruleId;
            this.agentId = agentId;
            this.start = start;
            this.end = end;
            this.detectedAt = detectedAt;
            this.eventIds = eventIds;
        }
    }

    /** The findings of an alert's latest revision (it holds all of the episode's). */
    public static List<ScoredFinding> findings(Alert a) {
        List<ScoredFinding> out = new ArrayList<>(a.findings.length);
        for (AlertFinding f : a.findings) {
            out.add(
                    new ScoredFinding(
                            a.alertId,
                            f.ruleId,
                            a.agentId,
                            f.start,
                            f.end,
                            f.detectedAt,
                            List.of(f.eventIds)));
        }
        return out;
    }

    /** The outcome per scenario, and the alerts that matched none. */
    public static final class Score {
        /**
         * For each labelled scenario (in label order), the rules whose findings caught it; empty if
         * missed.
         */
        public final Map<Scenario, Set<String>> caughtBy = new LinkedHashMap<>();

        /** Ids of alerts none of whose findings matched a scenario. */
        public final Set<String> unmatchedAlerts = new java.util.TreeSet<>();

        public final List<ScoredFinding> unmatchedFindings = new ArrayList<>();

        /** For each caught scenario, how long after it began the first matching finding came. */
        public final Map<Scenario, Long> timeToDetectMillis = new LinkedHashMap<>();

        public boolean caught(Scenario s) {
            Set<String> rules = caughtBy.get(s);
            return rules != null && !rules.isEmpty();
        }
    }

    public static Score score(List<Label> labels, List<ScoredFinding> findings) {
        Score score = new Score();
        List<Set<String>> labelIds = new ArrayList<>();
        for (Label l : labels) {
            score.caughtBy.put(l.scenario, new java.util.TreeSet<>());
            labelIds.add(new HashSet<>(l.eventIds));
        }
        Set<String> matchedAlerts = new HashSet<>();
        for (ScoredFinding a : findings) {
            boolean matched = false;
            for (int i = 0; i < labels.size(); i++) {
                Label l = labels.get(i);
                if (matches(a, l, labelIds.get(i))) {
                    score.caughtBy.get(l.scenario).add(a.ruleId);
                    score.timeToDetectMillis.merge(
                            l.scenario, Math.max(0, a.detectedAt - l.start), Math::min);
                    matched = true;
                }
            }
            if (matched) {
                matchedAlerts.add(a.alertId);
            } else {
                score.unmatchedFindings.add(a);
            }
        }
        for (ScoredFinding a : score.unmatchedFindings) {
            if (!matchedAlerts.contains(a.alertId)) {
                score.unmatchedAlerts.add(a.alertId);
            }
        }
        return score;
    }

    private static boolean matches(ScoredFinding a, Label l, Set<String> ids) {
        for (String id : a.eventIds) {
            if (ids.contains(id)) {
                return true;
            }
        }
        return a.agentId.equals(l.agentId)
                && a.start <= l.end + SLACK_MILLIS
                && a.end >= l.start - SLACK_MILLIS;
    }
}

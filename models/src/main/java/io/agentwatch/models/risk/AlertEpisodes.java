package io.agentwatch.models.risk;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.Severity;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Raises alerts from an agent's risk: one alert per agent and episode. An episode begins with the
 * first finding after the agent's risk was below the alert threshold; its alert opens when the risk
 * reaches the threshold and is revised (same id) by every later finding until the risk decays below
 * the threshold again. Findings before the alert opened are part of it (they drove the risk up)
 * unless the risk has since fallen below half the threshold.
 */
public final class AlertEpisodes implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rules an episode keeps apart; more distinct rules than this are counted in the last one. */
    static final int MAX_RULES = 32;

    /** Share of the threshold under which findings that opened no alert are forgotten. */
    static final double PENDING_SHARE = 0.5;

    private final double threshold;
    private final int maxEventIds;

    public AlertEpisodes(Settings settings) {
        this.threshold = settings.get(AgentwatchOptions.ALERT_THRESHOLD);
        this.maxEventIds = settings.get(AgentwatchOptions.ALERT_MAX_EVENT_IDS);
    }

    /**
     * Folds a finding (already added to the risk as {@code change}) into the agent's episode.
     *
     * @return the alert's new revision, or null while the risk is still below the threshold
     */
    public Alert update(RiskState s, Finding f, AgentRisk change) {
        // An open alert's episode ends below the threshold; findings still waiting to open one are
        // kept until most of the risk they left has decayed.
        double end = s.revision > 0 ? threshold : threshold * PENDING_SHARE;
        if (s.findings != null && change.previousRisk < end) {
            s.endEpisode();
        }
        double contribution = change.risk - change.previousRisk;
        s.findings = merge(s.findings, f, contribution);
        if (change.risk < threshold && s.revision == 0) {
            return null;
        }
        Severity before = s.severity;
        s.maxRisk = Math.max(s.maxRisk, change.risk);
        Severity now = severity(s.maxRisk);
        s.severity = before == null || now.compareTo(before) > 0 ? now : before;
        if (s.revision == 0) {
            s.opened = change.timestamp;
        }
        s.revision++;
        return alert(s, f, change, before != null && s.severity.compareTo(before) > 0);
    }

    static Severity severity(double risk) {
        if (risk >= RiskScorer.CRITICAL) {
            return Severity.CRITICAL;
        }
        if (risk >= RiskScorer.HIGH) {
            return Severity.HIGH;
        }
        return risk >= RiskScorer.MEDIUM ? Severity.MEDIUM : Severity.LOW;
    }

    private static AlertFinding[] merge(AlertFinding[] findings, Finding f, double contribution) {
        if (findings == null) {
            return new AlertFinding[] {AlertFinding.first(f, contribution)};
        }
        for (AlertFinding a : findings) {
            if (a.ruleId.equals(f.ruleId)) {
                a.merge(f, contribution);
                return findings;
            }
        }
        if (findings.length >= MAX_RULES) {
            findings[findings.length - 1].merge(f, contribution);
            return findings;
        }
        AlertFinding[] out = Arrays.copyOf(findings, findings.length + 1);
        out[findings.length] = AlertFinding.first(f, contribution);
        return out;
    }

    private Alert alert(RiskState s, Finding f, AgentRisk change, boolean escalated) {
        Alert a = new Alert();
        a.agentId = f.agentId;
        a.agentName = f.agentName;
        a.agentRole = f.agentRole;
        a.agentTeam = f.agentTeam;
        a.start = Long.MAX_VALUE;
        for (AlertFinding x : s.findings) {
            a.start = Math.min(a.start, x.start);
            a.end = Math.max(a.end, x.end);
        }
        a.alertId = "alert:" + f.agentId + ":" + s.findings[0].start;
        a.revision = s.revision;
        a.severity = s.severity;
        a.escalated = escalated;
        a.risk = change.risk;
        a.maxRisk = s.maxRisk;
        a.opened = s.opened;
        a.findings = copy(s.findings);
        a.eventIds = eventIds(s.findings);
        a.reason = reason(a);
        return a;
    }

    /** Copies, so the emitted alert does not change when the state does. */
    private static AlertFinding[] copy(AlertFinding[] findings) {
        AlertFinding[] out = new AlertFinding[findings.length];
        for (int i = 0; i < findings.length; i++) {
            out[i] = findings[i].copy();
        }
        return out;
    }

    private String[] eventIds(AlertFinding[] findings) {
        Set<String> ids = new LinkedHashSet<>();
        for (AlertFinding f : findings) {
            for (String id : f.eventIds) {
                if (ids.size() == maxEventIds) {
                    return ids.toArray(new String[0]);
                }
                ids.add(id);
            }
        }
        return ids.toArray(new String[0]);
    }

    /** One sentence an analyst can triage from: who, how risky, which rules, the top finding. */
    static String reason(Alert a) {
        StringBuilder b = new StringBuilder("Agent ").append(a.agentId);
        if (a.agentRole != null) {
            b.append(" (").append(a.agentRole);
            if (a.agentTeam != null) {
                b.append(", team ").append(a.agentTeam);
            }
            b.append(')');
        }
        b.append(" is at ")
                .append(a.severity.label())
                .append(" risk (")
                .append(String.format(Locale.ROOT, "%.0f", a.maxRisk))
                .append(" of 100) from ");
        AlertFinding top = a.findings[0];
        for (int i = 0; i < a.findings.length; i++) {
            AlertFinding f = a.findings[i];
            if (i > 0) {
                b.append(i == a.findings.length - 1 ? " and " : ", ");
            }
            b.append(f.ruleId);
            if (f.count > 1) {
                b.append(" x").append(f.count);
            }
            b.append(String.format(Locale.ROOT, " (+%.0f)", f.contribution));
            if (f.contribution > top.contribution) {
                top = f;
            }
        }
        b.append(". Largest: ").append(top.latest.reason);
        return b.toString();
    }
}

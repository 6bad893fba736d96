package io.agentwatch.models.risk;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import java.io.Serializable;

/**
 * Combines an agent's findings into one risk that decays: each finding with risk score {@code c}
 * takes the agent to {@code 100 − (100 − r) × (1 − c/100)} (two independent high findings make a
 * very high risk, and no sum ever passes 100), and the risk halves every half-life after.
 */
public final class RiskScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final double LOW = 25;
    public static final double MEDIUM = 50;
    public static final double HIGH = 75;
    public static final double CRITICAL = 90;

    private final long halfLifeMillis;

    public RiskScorer(Settings settings) {
        this.halfLifeMillis = settings.get(AgentwatchOptions.RISK_HALF_LIFE).toMillis();
    }

    /** The risk at a time, decayed from the last change. */
    public double riskAt(RiskState s, long time) {
        if (s.at == Long.MIN_VALUE || time <= s.at) {
            return s.risk;
        }
        return s.risk * Math.pow(0.5, (time - s.at) / (double) halfLifeMillis);
    }

    /** Adds a finding; returns the agent's risk document after it. */
    public AgentRisk add(RiskState s, Finding finding) {
        long at = Math.max(finding.end, s.at == Long.MIN_VALUE ? finding.end : s.at);
        double before = riskAt(s, at);
        double c = Math.max(0, Math.min(100, finding.riskScore));
        double after = 100 - (100 - before) * (1 - c / 100);
        s.risk = after;
        s.at = at;
        AgentRisk r = new AgentRisk();
        r.agentId = finding.agentId;
        r.agentName = finding.agentName;
        r.agentRole = finding.agentRole;
        r.agentTeam = finding.agentTeam;
        r.timestamp = at;
        r.risk = round(after);
        r.previousRisk = round(before);
        r.level = level(after);
        r.ruleId = finding.ruleId;
        r.findingId = finding.findingId;
        r.contribution = round(after - before);
        return r;
    }

    public static String level(double risk) {
        return risk >= CRITICAL
                ? "critical"
                : risk >= HIGH ? "high" : risk >= MEDIUM ? "medium" : risk >= LOW ? "low" : "none";
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

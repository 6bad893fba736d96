package io.agentwatch.models.risk;

import io.agentwatch.models.detect.Severity;

/**
 * An agent's risk and when it was last changed (it decays from there), and the findings of the
 * current episode: since the risk was last below the alert threshold. A Flink POJO; the findings
 * are one entry per rule, so the state stays small.
 */
public class RiskState {
    public double risk;
    public long at = Long.MIN_VALUE;

    /** The episode's findings, one per rule; null when there is no episode. */
    public AlertFinding[] findings;

    /** Revisions of the episode's alert so far: 0 until the risk reaches the threshold. */
    public int revision;

    public Severity severity;
    public double maxRisk;
    public long opened;

    /** Event time of the last agent-risk document written, and the change held back since. */
    public long lastEmitted = Long.MIN_VALUE;

    public AgentRisk heldBack;

    public RiskState() {}

    void endEpisode() {
        findings = null;
        revision = 0;
        severity = null;
        maxRisk = 0;
        opened = 0;
    }
}

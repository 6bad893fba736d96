package io.agentwatch.models.risk;

import io.agentwatch.models.detect.Severity;

/**
 * One alert: an episode of raised risk for one agent. It opens when the agent's risk reaches the
 * alert threshold and stays the same alert (same {@link #alertId}, rising {@link #revision}) while
 * findings keep coming, until the risk has decayed below the threshold. Each revision carries the
 * whole explanation: a sentence, every finding with its contribution, and contributing event ids. A
 * Flink POJO.
 */
public class Alert {
    /** Derived from the agent and the episode's first finding: replays give the same id. */
    public String alertId;

    /** 1 when the alert opens; each finding in the episode adds one. */
    public int revision;

    /** The highest severity the episode reached (it never falls while the alert is open). */
    public Severity severity;

    /** True when this revision raised the severity: integrations are told again. */
    public boolean escalated;

    /** The agent's risk after this revision's finding, and the highest it reached. */
    public double risk;

    public double maxRisk;

    public String agentId;
    public String agentName;
    public String agentRole;
    public String agentTeam;

    /** Event time the alert opened. */
    public long opened;

    /** Event time of the episode's first contributing event and of its latest finding. */
    public long start;

    public long end;

    public String reason;

    /** One entry per rule, in the order the rules first fired. */
    public AlertFinding[] findings;

    public String[] eventIds;

    public Alert() {}

    /** Whether integrations (Kafka topic, webhooks) hear of this revision: opened or escalated. */
    public boolean notifies() {
        return revision == 1 || escalated;
    }

    @Override
    public String toString() {
        return "Alert{" + alertId + " r" + revision + " " + severity + " risk=" + risk + "}";
    }
}

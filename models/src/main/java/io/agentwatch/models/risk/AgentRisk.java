package io.agentwatch.models.risk;

/**
 * One agent's risk after a change, for leaderboards and drill-down: the score (0–100), its level,
 * what it was before, and the finding that changed it. A Flink POJO.
 */
public class AgentRisk {
    public String agentId;
    public String agentName;
    public String agentRole;
    public String agentTeam;

    /** Event time of the change. */
    public long timestamp;

    public double risk;
    public String level;
    public double previousRisk;
    public String ruleId;
    public String findingId;

    /** The alert of the agent's current episode, once the risk has reached the threshold. */
    public String alertId;

    public double contribution;

    public AgentRisk() {}
}

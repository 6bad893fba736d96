package io.agentwatch.models.review;

/**
 * What one agent used of customer data in one period: the per-agent summary the access review is
 * built from (in the job, each agent's summary travels to the review once its period ends). Field
 * names and counts only. A Flink POJO.
 */
public class AgentAccessUsage {
    public static final int MAX_FIELDS = 64;

    public String agentId;
    public String agentRole;
    public String agentTeam;

    /** The period, event time: start inclusive, end exclusive; {@link Long#MIN_VALUE} if none. */
    public long periodStart = Long.MIN_VALUE;

    public long periodEnd;

    /** Fields used, at most {@link #MAX_FIELDS} (more are counted under {@link #OTHER}). */
    public AgentFieldUse[] fields;

    public int fieldCount;

    /** Where uses of fields beyond {@link #MAX_FIELDS} are counted. */
    public static final String OTHER = "(other fields)";

    public AgentAccessUsage() {}
}

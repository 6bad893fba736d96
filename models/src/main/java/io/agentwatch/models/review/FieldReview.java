package io.agentwatch.models.review;

import java.util.List;

/**
 * One row of an access review: how one group (a role or a team) used one customer data field over
 * the period, and what to do about it. Counts, field names and agent ids only: never customer data.
 */
public final class FieldReview {
    public enum Recommendation {
        /** Rarely or never needed by the group: mask the field for it. */
        MASK,
        /** Routinely needed, with ticket context: keep it visible. */
        KEEP,
        /** Needed by a few agents, or mostly without ticket context: a person should look. */
        REVIEW;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One agent's use of the field, listed as evidence. */
    public record AgentUse(String agentId, long accesses, long withoutTicket) {}

    public final String groupKind;
    public final String group;
    public final String field;
    public final String sensitivity;
    public final int agentsInGroup;
    public final int agentsAccessed;
    public final long accesses;
    public final long withTicket;

    /** Customers reached through the field, added up over the agents (see {@link AccessReview}). */
    public final long customers;

    public final Recommendation recommendation;
    public final String reason;

    /** Agents to look at: those who used the field outside ticket context, most such uses first. */
    public final List<AgentUse> evidence;

    FieldReview(
            String groupKind,
            String group,
            String field,
            String sensitivity,
            int agentsInGroup,
            int agentsAccessed,
            long accesses,
            long withTicket,
            long customers,
            Recommendation recommendation,
            String reason,
            List<AgentUse> evidence) {
        this.groupKind = groupKind;
        this.group = group;
        this.field = field;
        this.sensitivity = sensitivity;
        this.agentsInGroup = agentsInGroup;
        this.agentsAccessed = agentsAccessed;
        this.accesses = accesses;
        this.withTicket = withTicket;
        this.customers = customers;
        this.recommendation = recommendation;
        this.reason = reason;
        this.evidence = List.copyOf(evidence);
    }

    /** Share of the group's active agents who used the field (0-1). */
    public double agentShare() {
        return agentsInGroup == 0 ? 0 : (double) agentsAccessed / agentsInGroup;
    }

    /** Share of the uses that had a ticket in context (0-1; 0 when never used). */
    public double ticketShare() {
        return accesses == 0 ? 0 : (double) withTicket / accesses;
    }

    @Override
    public String toString() {
        return groupKind + " " + group + " " + field + " " + recommendation.label();
    }
}

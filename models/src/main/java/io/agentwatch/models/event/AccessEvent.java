package io.agentwatch.models.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * One agent access event (contract v1), after parsing. A Flink POJO: public fields and a no-arg
 * constructor, so it is serialized without Kryo.
 *
 * <p>Optional fields are null when absent. After {@link
 * io.agentwatch.models.sensitivity.EventSanitizer} every string is masked and the derived fields
 * ({@link #cardDataIntent}, {@link #sensitivity}) are set.
 */
public class AccessEvent {
    public String eventId;

    /** Event time in epoch milliseconds (from {@code @timestamp}). */
    public long timestamp;

    public String agentId;
    public String agentName;
    public String agentRole;
    public String agentTeam;
    public String agentTimezone;

    public Action action;
    public Outcome outcome;

    public String resourceType;
    public String resourceId;
    public String customerId;
    public String ticketId;
    public String query;
    public String[] fields;
    public Integer resultCount;

    public String sourceIp;
    public String sourceCountry;
    public Double sourceLat;
    public Double sourceLon;
    public String sessionId;
    public String userAgent;

    /**
     * Fields outside the contract, as a JSON object text, passed through (masked). Null if none.
     */
    public String extraJson;

    // Derived by classification.
    public CardDataIntent cardDataIntent = CardDataIntent.NONE;

    /**
     * Bit set of {@link io.agentwatch.models.sensitivity.SensitivityClass} ordinals of {@link
     * #fields}.
     */
    public int sensitivity;

    /**
     * Enrichment by the behaviour detectors: the agent's usual number of events in this local hour,
     * learned from its history; NaN while it has none.
     */
    public float usualHourEvents = Float.NaN;

    public AccessEvent() {}

    /** Not a failure: neither a failed login nor an action with outcome failure. */
    public boolean succeeded() {
        return outcome != Outcome.FAILURE && action != Action.LOGIN_FAILED;
    }

    public boolean targetsCardData() {
        return cardDataIntent != null && cardDataIntent.targetsCardData();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AccessEvent)) {
            return false;
        }
        AccessEvent that = (AccessEvent) o;
        return timestamp == that.timestamp
                && sensitivity == that.sensitivity
                && Objects.equals(eventId, that.eventId)
                && Objects.equals(agentId, that.agentId)
                && Objects.equals(agentName, that.agentName)
                && Objects.equals(agentRole, that.agentRole)
                && Objects.equals(agentTeam, that.agentTeam)
                && Objects.equals(agentTimezone, that.agentTimezone)
                && action == that.action
                && outcome == that.outcome
                && Objects.equals(resourceType, that.resourceType)
                && Objects.equals(resourceId, that.resourceId)
                && Objects.equals(customerId, that.customerId)
                && Objects.equals(ticketId, that.ticketId)
                && Objects.equals(query, that.query)
                && Arrays.equals(fields, that.fields)
                && Objects.equals(resultCount, that.resultCount)
                && Objects.equals(sourceIp, that.sourceIp)
                && Objects.equals(sourceCountry, that.sourceCountry)
                && Objects.equals(sourceLat, that.sourceLat)
                && Objects.equals(sourceLon, that.sourceLon)
                && Objects.equals(sessionId, that.sessionId)
                && Objects.equals(userAgent, that.userAgent)
                && Objects.equals(extraJson, that.extraJson)
                && cardDataIntent == that.cardDataIntent
                && Float.compare(usualHourEvents, that.usualHourEvents) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, timestamp, agentId, action);
    }

    @Override
    public String toString() {
        return "AccessEvent{" + eventId + " " + agentId + " " + action + " @" + timestamp + "}";
    }
}

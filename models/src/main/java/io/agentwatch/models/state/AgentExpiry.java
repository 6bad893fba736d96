package io.agentwatch.models.state;

/**
 * When an agent's detector state is dropped: {@code state.agent_ttl} of event time after the end of
 * the day of the agent's last event. Rounding to the day means the expiry timer moves once a day
 * per agent, not on every event, and an agent with one pending expiry timer needs no field to
 * remember it: the instant follows from the last event.
 */
public final class AgentExpiry {
    private static final long DAY = 86_400_000L;

    private AgentExpiry() {}

    /**
     * The expiry instant for an agent last seen at {@code lastSeen}, or MIN_VALUE for never seen.
     */
    public static long at(long lastSeen, long ttlMillis) {
        if (lastSeen == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return afterDay(Math.floorDiv(lastSeen, DAY), ttlMillis);
    }

    /**
     * The expiry instant for an agent whose last event fell on {@code day} (UTC days since 1970).
     */
    public static long afterDay(long day, long ttlMillis) {
        return day * DAY + DAY + ttlMillis;
    }
}

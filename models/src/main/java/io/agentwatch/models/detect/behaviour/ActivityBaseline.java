package io.agentwatch.models.detect.behaviour;

import io.agentwatch.models.detect.RobustRate;

/**
 * An agent's own activity baseline, bounded: an hour-of-week profile in the agent's local time,
 * robust rates per action and per sensitivity class (events per active window), and the source
 * addresses and user agents they work from with first and last seen. Kept by {@link
 * ActivityBaselines}; part of {@link AgentBehaviourState}. A Flink POJO.
 */
public class ActivityBaseline {
    public static final int MAX_IPS = 8;
    public static final int MAX_USER_AGENTS = 4;

    /** Events per local hour of the week (Monday 00:00 = 0), halved when a slot fills up. */
    public short[] hourOfWeek;

    public int hourOfWeekTotal;

    /**
     * When the profile began, in effect: halving the profile moves it halfway to now, so counts
     * over the time since stay a rate.
     */
    public long hourOfWeekSince = Long.MIN_VALUE;

    /**
     * The agent's usual events in the current local hour, worked out when that hour's first event
     * came (slot and time), so the hour's own events do not raise it.
     */
    public float usualHourEvents = Float.NaN;

    public int usualSlot = -1;
    public long usualAt = Long.MIN_VALUE;

    /** The open window: its start and its counts per action, then per sensitivity class. */
    public long windowStart = Long.MIN_VALUE;

    public int[] windowCounts;

    /** Robust per-window rates, same order as {@link #windowCounts}. */
    public RobustRate[] rates;

    /** Source addresses, with when each was first and last seen; at most {@link #MAX_IPS}. */
    public String[] ips;

    public long[] ipFirstSeen;
    public long[] ipLastSeen;
    public int ipCount;

    /** User agents (as hashes: the strings are long), first and last seen. */
    public int[] userAgents;

    public long[] userAgentFirstSeen;
    public long[] userAgentLastSeen;
    public int userAgentCount;

    public ActivityBaseline() {}
}

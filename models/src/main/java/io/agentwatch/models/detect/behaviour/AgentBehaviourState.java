package io.agentwatch.models.detect.behaviour;

import io.agentwatch.models.detect.RobustRate;

/**
 * Everything the behaviour detectors remember about one agent, bounded: a few numbers, its activity
 * baseline (the fields of {@link ActivityBaseline}: a 168-slot hour-of-week profile, rates, 8
 * addresses, 4 user agents), at most {@link #MAX_COUNTRIES} countries, {@link #MAX_TICKETS} recent
 * ticket-customer links, {@link #MAX_FAILURES} recent failed logins and the customer-id hashes of
 * one window (at most {@link #MAX_WINDOW_CUSTOMERS}). A Flink POJO.
 */
public class AgentBehaviourState extends ActivityBaseline {
    public static final int MAX_COUNTRIES = 8;
    public static final int MAX_TICKETS = 32;
    public static final int MAX_FAILURES = 64;
    public static final int MAX_WINDOW_CUSTOMERS = 4096;

    public long firstSeen = Long.MIN_VALUE;
    public long lastSeen = Long.MIN_VALUE;
    public long events;
    public int activeDays;
    public long lastActiveDay = Long.MIN_VALUE;

    /** Countries the agent worked from, with when each was first and last seen. */
    public String[] countries;

    public long[] countryFirstSeen;
    public long[] countryLastSeen;

    public int countryCount;

    /** The last known location. */
    public double lastLat;

    public double lastLon;
    public long lastLocationTime = Long.MIN_VALUE;
    public String lastLocationCountry;
    public long travelLastAlert = Long.MIN_VALUE;

    /** Event times of recent failed logins, oldest first. */
    public long[] failures;

    public int failureCount;

    /**
     * Recent (ticket, customer) links seen in the agent's work, as 64-bit hashes (a quarter of the
     * state the two ids took), a ring.
     */
    public long[] links;

    public int linkCount;
    public int linkNext;

    public long pciEpisodeStart = Long.MIN_VALUE;
    public long pciEpisodeLast = Long.MIN_VALUE;
    public int pciEpisodeCount;

    /** Distinct customers in the current bulk-access window: an open-addressing set of hashes. */
    public long bulkWindowStart = Long.MIN_VALUE;

    public int[] bulkHashes;
    public int bulkDistinct;

    /** Customer records accessed in the window, distinct or not (for the explanation). */
    public int bulkAccesses;

    public long bulkLastAlert = Long.MIN_VALUE;
    public RobustRate bulkRate = new RobustRate();

    public long offHoursLastAlert = Long.MIN_VALUE;

    /** Card-data searches outside any ticket per day, for the last 28 days (slot = day % 28). */
    public int[] unticketedCardDays;

    public int[] unticketedCardCounts;
    public long lowAndSlowLastAlert = Long.MIN_VALUE;

    /** The latest search, view after it, and PCI reveal after that: a data-theft chain so far. */
    public long sequenceSearchAt = Long.MIN_VALUE;

    public String sequenceSearchId;
    public long sequenceViewAt = Long.MIN_VALUE;
    public String sequenceViewId;
    public long sequenceRevealAt = Long.MIN_VALUE;
    public String sequenceRevealId;
    public long sequenceLastAlert = Long.MIN_VALUE;

    public AgentBehaviourState() {}
}

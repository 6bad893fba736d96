package io.agentwatch.models.features;

/**
 * What the feature extractor remembers per agent, bounded (under 1 KB, StateSizeTest): the open
 * hour's counts, a distinct-customer bitmap and up to {@link #MAX_EVENT_IDS} notable event ids; the
 * agent's hour-of-day profile, countries ({@link #MAX_COUNTRIES}) and addresses ({@link #MAX_IPS})
 * as hashes; and the agent's usual value of every feature. A Flink POJO.
 */
public class AgentFeatureState {
    public static final int MAX_EVENT_IDS = 10;
    public static final int MAX_COUNTRIES = 8;
    public static final int MAX_IPS = 16;

    /** The open window's start, or {@link Long#MIN_VALUE} when none is open. */
    public long windowStart = Long.MIN_VALUE;

    /**
     * What an event adds to, side by side so that it reads a few adjacent cache lines rather than
     * an array apiece: the open hour's counts for features {@link AgentHourFeatures#EVENTS} to
     * {@code CARD_SEARCHES} (each at its feature's index), then from {@link #HOUR_OF_DAY}
     * successful events per local hour of the day (halved when one fills up), from {@link
     * #COUNTRIES} the countries' hashes and from {@link #IPS} the addresses' (in each, {@link
     * #countryCount} or {@link #ipCount} counts every one added, the newest replacing the oldest).
     * Null until the agent's first event.
     */
    public int[] tallies;

    /** Features counted in {@link #tallies}, from its start. */
    public static final int COUNTED = AgentHourFeatures.CARD_SEARCHES + 1;

    public static final int HOUR_OF_DAY = COUNTED;
    public static final int COUNTRIES = HOUR_OF_DAY + 24;
    public static final int IPS = COUNTRIES + MAX_COUNTRIES;
    public static final int TALLIES = IPS + MAX_IPS;

    public long[] customerBits;
    public int customerAccesses;
    public int unticketed;
    public int offProfile;
    public boolean newCountry;
    public boolean newIp;

    /** Ids of the window's notable events (card data, sensitive data, exports first). */
    public String[] eventIds;

    public boolean[] notable;
    public int eventIdCount;

    /** The agent, as the window's last event named it. */
    public String agentRole;

    public String agentTeam;

    /** Successful events counted in the hour-of-day profile ({@link #HOUR_OF_DAY}). */
    public int hourTotal;

    public int activeDays;
    public long lastActiveDay = Long.MIN_VALUE;

    /** Countries added to {@link #COUNTRIES}; none while 0. */
    public int countryCount;

    /** Addresses added to {@link #IPS}; none while 0. */
    public int ipCount;

    /** The agent's usual value of each feature over its active hours (moving average). */
    public float[] usual;

    /** Active hours seen (closed windows). */
    public int windows;

    public AgentFeatureState() {}
}

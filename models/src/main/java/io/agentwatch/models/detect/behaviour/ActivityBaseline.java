package io.agentwatch.models.detect.behaviour;

import io.agentwatch.models.detect.RobustRate;

/**
 * An agent's own activity baseline, bounded: an hour-of-week profile in the agent's local time,
 * robust rates per action and per sensitivity class (events per active window), and the source
 * addresses and user agents they work from with first and last seen. Kept by {@link
 * ActivityBaselines}. A Flink POJO.
 *
 * <p>{@link AgentBehaviourState} extends it rather than holding one: every event reads and writes
 * the baseline, and in the agent's state object itself its fields are one cache miss fewer (the
 * state, then the baseline, then its arrays, one after the other) when many agents' state is out of
 * the CPU's caches.
 */
public class ActivityBaseline {
    public static final int MAX_IPS = 8;
    public static final int MAX_USER_AGENTS = 4;

    /**
     * Events per local hour of the week (Monday 00:00 is hour 0), halved when one fills up: 168
     * counts, kept hour of the day by hour of the day ({@link #index}), so that one hour of the day
     * over the week's seven days, which off_hours reads for three hours on every event, is 42
     * adjacent bytes instead of seven cache lines apart.
     */
    public short[] hourOfWeek;

    /** Where {@link #hourOfWeek} keeps the count of an hour of the week. */
    public static int index(int hourOfWeek) {
        return hourOfWeek % 24 * 7 + hourOfWeek / 24;
    }

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

    /**
     * Robust per-window rates, same order as {@link #windowCounts}, {@link RobustRate#STRIDE}
     * doubles each ({@link RobustRate#update(double[], int, double, double, double, double)}): one
     * array, not an object per rate, so a new agent is fewer objects for the collector to copy.
     */
    public double[] rates;

    /**
     * Where {@link #sources} keeps each part: the addresses' 64-bit hashes ({@code Fnv64}) and when
     * each was last seen, the user agents' hashes ({@code String.hashCode}) and when each was last
     * seen, then when each address and each user agent was first seen.
     */
    public static final int IP_HASHES = 0;

    public static final int IP_LAST_SEEN = IP_HASHES + MAX_IPS;
    public static final int USER_AGENTS = IP_LAST_SEEN + MAX_IPS;
    public static final int USER_AGENT_LAST_SEEN = USER_AGENTS + MAX_USER_AGENTS;
    public static final int IP_FIRST_SEEN = USER_AGENT_LAST_SEEN + MAX_USER_AGENTS;
    public static final int USER_AGENT_FIRST_SEEN = IP_FIRST_SEEN + MAX_IPS;
    public static final int SOURCES = USER_AGENT_FIRST_SEEN + MAX_USER_AGENTS;

    /**
     * The addresses and user agents the agent works from, in one array laid out as {@link
     * #IP_HASHES} and the offsets after it say: each event looks its address and user agent up and
     * marks them seen, and in one array that is two or three adjacent cache lines instead of six
     * arrays and a string per address (what costs most with many agents, whose state is out of the
     * CPU's caches). Null until the first address or user agent.
     */
    public long[] sources;

    /**
     * The addresses themselves, in the slots of their hashes: checkpoints keep them (the hashes are
     * worked out again on restore), events never read them. At most {@link #MAX_IPS}.
     */
    public String[] ips;

    public int ipCount;
    public int userAgentCount;

    public ActivityBaseline() {}
}

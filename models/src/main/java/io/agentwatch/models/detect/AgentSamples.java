package io.agentwatch.models.detect;

/**
 * What the peer sampler remembers per agent: the open card-search and customer windows, and the
 * agent's active days (only established agents teach their peers what is normal). A Flink POJO.
 */
public class AgentSamples {
    public BucketCount cardSearches = new BucketCount();

    /** The open customer window: its start, and a linear-counting bitmap of its customers. */
    public long customerWindowStart = Long.MIN_VALUE;

    public long[] customerBits;

    public int activeDays;
    public long lastActiveDay = Long.MIN_VALUE;

    /**
     * Event time of the agent's registered expiry timer, or {@link Long#MIN_VALUE} for none (a new
     * agent, or one restored from a savepoint that expired agents with Flink's state TTL).
     */
    public long expiryTimer = Long.MIN_VALUE;

    public AgentSamples() {}
}

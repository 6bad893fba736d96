package io.agentwatch.models.detect;

/**
 * What the peer sampler remembers per agent: the open card-search and customer-access windows, and
 * the agent's active days (only established agents teach their peers what is normal). A Flink POJO.
 */
public class AgentSamples {
    public BucketCount cardSearches = new BucketCount();
    public BucketCount customerAccesses = new BucketCount();
    public int activeDays;
    public long lastActiveDay = Long.MIN_VALUE;

    public AgentSamples() {}
}

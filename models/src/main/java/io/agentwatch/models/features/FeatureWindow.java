package io.agentwatch.models.features;

import java.util.Arrays;

/** One agent's feature vector for one hour ({@link AgentHourFeatures}). A Flink POJO. */
public class FeatureWindow {
    public String agentId;
    public String agentRole;
    public String agentTeam;
    public long windowStart;
    public long windowEnd;

    /** Raw feature values, {@link AgentHourFeatures#NAMES} order. */
    public double[] values;

    /**
     * The agent's usual value of each feature before this hour, or null while it has fewer than
     * {@link FeatureExtractor#MIN_USUAL_WINDOWS} active hours.
     */
    public double[] agentUsual;

    /** Notable events of the hour: the evidence a finding points to. */
    public String[] eventIds;

    /** Ground truth when exported with labels: a scenario id, or null for normal work. */
    public String label;

    public FeatureWindow() {}

    @Override
    public String toString() {
        return "FeatureWindow{"
                + agentId
                + " @"
                + windowStart
                + " "
                + Arrays.toString(values)
                + (label == null ? "" : " " + label)
                + "}";
    }
}

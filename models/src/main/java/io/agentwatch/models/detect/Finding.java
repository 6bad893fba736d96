package io.agentwatch.models.detect;

import java.util.Arrays;

/**
 * What one detector found: who, what rule, when, why in a sentence, and the evidence (observed
 * against the agent's and the peers' baselines, the contributing event ids). Findings feed the
 * agent's risk, and alerts are raised from that risk. A Flink POJO.
 *
 * <p>{@link #findingId} is derived from the rule, the agent and the episode start, so replays
 * produce the same id.
 */
public class Finding implements Cloneable {
    public String findingId;
    public String ruleId;
    public String ruleName;
    public int ruleVersion;
    public Severity severity;
    public double riskScore;

    public String agentId;
    public String agentName;
    public String agentRole;
    public String agentTeam;

    /** Event time of the first and the last contributing event. */
    public long start;

    public long end;
    public String reason;

    public long observed;
    public double threshold;
    public int windowMinutes;

    /** Which baselines set the threshold: agent, peer, agent+peer or cold_start. */
    public String basis;

    public Double agentBaselineMean;
    public Double agentBaselineDeviation;
    public long agentBaselineWindows;
    public String peerGroup;
    public Double peerBaselineMean;
    public Double peerBaselineDeviation;
    public long peerBaselineSamples;

    public String[] eventIds;

    /** For model findings: the bundle's version id, else null. */
    public String modelId;

    /** For model findings: the window's score as a percentile of the training hours. */
    public Double modelPercentile;

    /** For model findings: the features that deviated most, largest first. */
    public ModelFeature[] modelFeatures;

    /** A shadow model's finding: written for review, never added to the agent's risk. */
    public boolean shadow;

    public Finding() {}

    /** The same finding without its event ids (kept elsewhere, bounded, by whoever stores it). */
    public Finding withoutEventIds() {
        try {
            Finding f = (Finding) super.clone();
            f.eventIds = null;
            return f;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "Finding{"
                + findingId
                + " "
                + severity
                + " observed="
                + observed
                + " threshold="
                + threshold
                + " basis="
                + basis
                + " events="
                + (eventIds == null ? 0 : eventIds.length)
                + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Finding)) {
            return false;
        }
        Finding a = (Finding) o;
        return java.util.Objects.equals(findingId, a.findingId)
                && observed == a.observed
                && start == a.start
                && end == a.end
                && Arrays.equals(eventIds, a.eventIds);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(findingId, observed, start, end);
    }
}

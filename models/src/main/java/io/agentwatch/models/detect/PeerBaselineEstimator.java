package io.agentwatch.models.detect;

import java.io.Serializable;

/**
 * Folds agents' closed bucket counts into their peer group's {@link RobustRate}, so an agent with
 * little history is judged against what their role normally does.
 */
public final class PeerBaselineEstimator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final CardSearchBurstConfig config;
    private final int emitEvery;

    public PeerBaselineEstimator(CardSearchBurstConfig config, int emitEvery) {
        this.config = config;
        this.emitEvery = emitEvery;
    }

    /**
     * Adds a sample to the group's rate; returns the baseline to publish when it is due (every
     * {@code emitEvery} samples, and on the first), else null.
     */
    public PeerBaseline add(RobustRate groupRate, PeerSample sample) {
        groupRate.update(sample.count, config.alpha, config.clip, config.minDeviation);
        if (groupRate.samples == 1 || groupRate.samples % emitEvery == 0) {
            return new PeerBaseline(
                    sample.group,
                    groupRate.mean,
                    groupRate.deviation,
                    groupRate.samples,
                    sample.bucketStart);
        }
        return null;
    }
}

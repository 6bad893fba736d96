package io.agentwatch.models.detect;

import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PeerBaselineEstimatorTest {
    @Test
    void publishesOnTheFirstSampleAndThenEveryNth() {
        PeerBaselineEstimator estimator =
                new PeerBaselineEstimator(CardSearchBurstConfig.defaults(), 10);
        RobustRate rate = new RobustRate();
        int published = 0;
        PeerBaseline last = null;
        for (int i = 0; i < 100; i++) {
            PeerBaseline b =
                    estimator.add(
                            rate, new PeerSample("billing", "agent-" + (i % 7), T0 + i, i % 2));
            if (b != null) {
                published++;
                last = b;
            }
        }
        assertThat(published).isEqualTo(11);
        assertThat(last.group).isEqualTo("billing");
        assertThat(last.samples).isEqualTo(100);
        assertThat(last.mean).isCloseTo(0.5, within(0.1));
        assertThat(last.asOf).isEqualTo(T0 + 99);
    }
}

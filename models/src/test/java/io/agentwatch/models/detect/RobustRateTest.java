package io.agentwatch.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RobustRateTest {
    @Test
    void aRateInAnArrayOfRatesMovesAsARateObjectAndLeavesItsNeighboursAlone() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        RobustRate object = new RobustRate();
        double[] rates = new double[3 * RobustRate.STRIDE];
        for (int i = 0; i < 2_000; i++) {
            // Mostly small counts, with bursts and empty windows, as an agent's windows go.
            double x = random.nextInt(10) == 0 ? random.nextInt(500) : random.nextInt(6);
            object.update(x, 0.05, 3, 1);
            RobustRate.update(rates, RobustRate.STRIDE, x, 0.05, 3, 1);
            RobustRate read = RobustRate.of(rates, RobustRate.STRIDE);
            assertThat(Double.doubleToRawLongBits(read.mean))
                    .isEqualTo(Double.doubleToRawLongBits(object.mean));
            assertThat(Double.doubleToRawLongBits(read.deviation))
                    .isEqualTo(Double.doubleToRawLongBits(object.deviation));
            assertThat(read.samples).isEqualTo(object.samples);
        }
        assertThat(rates[0]).as("the rates beside it untouched").isZero();
        assertThat(rates[2 * RobustRate.STRIDE + 2]).isZero();
    }

    @Test
    void convergesToTheMeanOfSteadyCounts() {
        RobustRate r = new RobustRate();
        for (int i = 0; i < 500; i++) {
            r.update(i % 2 == 0 ? 1 : 3, 0.02, 3, 0.5);
        }
        assertThat(r.mean).isCloseTo(2.0, within(0.1));
        assertThat(r.deviation).isCloseTo(1.0, within(0.15));
        assertThat(r.samples).isEqualTo(500);
    }

    @Test
    void firstSamplesAreAveragedPlainly() {
        RobustRate r = new RobustRate();
        r.update(4, 0.02, 3, 0.5);
        assertThat(r.mean).isEqualTo(4.0);
        r.update(2, 0.02, 3, 0.5);
        assertThat(r.mean).isEqualTo(3.0);
    }

    @Test
    void aBurstMovesTheBaselineOnlyByAClippedStep() {
        RobustRate r = new RobustRate();
        for (int i = 0; i < 200; i++) {
            r.update(0, 0.02, 3, 0.5);
        }
        double thresholdBefore = r.threshold(4, 0.5);
        r.update(60, 0.02, 3, 0.5);
        // Unclipped, one bucket of 60 would move the mean by 1.2; clipped at 0 + 3 × 0.5 it moves
        // by 0.03.
        assertThat(r.mean).isCloseTo(0.03, within(1e-9));
        assertThat(r.threshold(4, 0.5)).isLessThan(thresholdBefore + 0.2);
    }

    @Test
    void thresholdUsesTheDeviationFloor() {
        RobustRate r = new RobustRate(1.0, 0.1, 100);
        assertThat(r.threshold(4, 0.5)).isEqualTo(3.0);
        assertThat(r.threshold(4, 0.05)).isCloseTo(1.4, within(1e-9));
    }
}

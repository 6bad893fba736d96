package io.agentwatch.models.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void averagePrecisionAndRocAucOfKnownRankings() {
        boolean[] truth = {true, false, true, false};
        double[] scores = {0.9, 0.8, 0.7, 0.1};
        assertThat(Metrics.prAuc(truth, scores)).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
        assertThat(Metrics.rocAuc(truth, scores)).isCloseTo(0.75, within(1e-12));
        double[] ties = {0.5, 0.5, 0.5, 0.5};
        assertThat(Metrics.prAuc(truth, ties)).as("ties earn no lucky order").isEqualTo(0.5);
        assertThat(Metrics.rocAuc(truth, ties)).isEqualTo(0.5);
    }

    @Test
    void calibrationTurnsScoresIntoPercentilesOfTraining() {
        double[] training = new double[1000];
        for (int i = 0; i < training.length; i++) {
            training[i] = i;
        }
        double[] q = Calibration.quantiles(training);
        assertThat(Calibration.percentile(q, -5)).isZero();
        assertThat(Calibration.percentile(q, 5000)).isEqualTo(100);
        assertThat(Calibration.percentile(q, 499.5)).isCloseTo(50, within(0.01));
        assertThat(Calibration.percentile(q, 989)).isCloseTo(99, within(0.2));
    }
}

package io.agentwatch.models.detect;

/**
 * A streaming, outlier-resistant estimate of a count per time bucket: an exponentially weighted
 * mean and mean absolute deviation, where each new sample is first clipped to {@code mean + clip ×
 * deviation}. The clip is what makes it robust: one burst (the very thing we alert on) moves the
 * baseline by a bounded step instead of teaching the detector that bursts are normal.
 *
 * <p>The first samples are averaged plainly ({@code weight = max(alpha, 1/n)}) so a new estimate
 * converges fast. A Flink POJO: a few numbers of state per agent.
 */
public class RobustRate {
    public double mean;
    public double deviation;
    public long samples;

    public RobustRate() {}

    public RobustRate(double mean, double deviation, long samples) {
        this.mean = mean;
        this.deviation = deviation;
        this.samples = samples;
    }

    public void update(double x, double alpha, double clip, double minDeviation) {
        double value = x;
        if (samples > 0) {
            value = Math.min(x, mean + clip * Math.max(deviation, minDeviation));
        }
        samples++;
        double weight = Math.max(alpha, 1.0 / samples);
        double error = Math.abs(value - mean);
        mean += weight * (value - mean);
        deviation += weight * (error - deviation);
    }

    /**
     * The count above which a bucket is unusual: {@code mean + k × max(deviation, minDeviation)}.
     */
    public double threshold(double k, double minDeviation) {
        return mean + k * Math.max(deviation, minDeviation);
    }

    @Override
    public String toString() {
        return String.format("%.3f±%.3f (n=%d)", mean, deviation, samples);
    }
}

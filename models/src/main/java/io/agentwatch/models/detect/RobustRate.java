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

    /** Doubles per rate in an array of rates: mean, deviation and samples. */
    public static final int STRIDE = 3;

    /**
     * As {@link #update(double, double, double, double)}, for the rate at {@code a[at]} (mean),
     * {@code a[at + 1]} (deviation) and {@code a[at + 2]} (samples, a whole number) of an array of
     * rates, which one agent keeps as one object instead of one per rate.
     */
    public static void update(
            double[] a, int at, double x, double alpha, double clip, double minDeviation) {
        double mean = a[at];
        double deviation = a[at + 1];
        double samples = a[at + 2];
        double value = x;
        if (samples > 0) {
            value = Math.min(x, mean + clip * Math.max(deviation, minDeviation));
        }
        samples++;
        double weight = Math.max(alpha, 1.0 / samples);
        double error = Math.abs(value - mean);
        a[at] = mean + weight * (value - mean);
        a[at + 1] = deviation + weight * (error - deviation);
        a[at + 2] = samples;
    }

    /**
     * The rate at {@code a[at]} of an array of rates ({@link #update(double[], int, double, double,
     * double, double)}), as an object.
     */
    public static RobustRate of(double[] a, int at) {
        return new RobustRate(a[at], a[at + 1], (long) a[at + 2]);
    }

    public void update(double x, double alpha, double clip, double minDeviation) {
        // Once a bucket, not once an event: the array is cheap, and one copy of the arithmetic
        // keeps both kinds of rate bit for bit the same.
        double[] a = {mean, deviation, samples};
        update(a, 0, x, alpha, clip, minDeviation);
        mean = a[0];
        deviation = a[1];
        samples = (long) a[2];
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

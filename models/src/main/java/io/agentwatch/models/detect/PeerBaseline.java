package io.agentwatch.models.detect;

/** The robust per-agent bucket rate of card-data searches in one peer group (a role). */
public class PeerBaseline {
    public String group;
    public double mean;
    public double deviation;
    public long samples;

    /** Event time of the newest sample folded in. */
    public long asOf;

    public PeerBaseline() {}

    public PeerBaseline(String group, double mean, double deviation, long samples, long asOf) {
        this.group = group;
        this.mean = mean;
        this.deviation = deviation;
        this.samples = samples;
        this.asOf = asOf;
    }

    public double threshold(double k, double minDeviation) {
        return mean + k * Math.max(deviation, minDeviation);
    }

    @Override
    public String toString() {
        return String.format("PeerBaseline{%s %.3f±%.3f n=%d}", group, mean, deviation, samples);
    }
}

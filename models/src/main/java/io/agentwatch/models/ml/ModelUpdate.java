package io.agentwatch.models.ml;

/**
 * A model bundle sent to a running job for one slot: {@link #LIVE} (its findings feed the agents'
 * risk) or {@link #SHADOW} (its findings are written for review and raise nothing). A Flink POJO.
 */
public class ModelUpdate {
    public static final String LIVE = "live";
    public static final String SHADOW = "shadow";

    public String slot;
    public BundleFiles bundle;

    public ModelUpdate() {}

    public ModelUpdate(String slot, BundleFiles bundle) {
        this.slot = slot;
        this.bundle = bundle;
    }

    /** Whether findings of this slot's bundle stay out of the agents' risk. */
    public static boolean isShadow(String slot) {
        return SHADOW.equals(slot);
    }
}

package io.agentwatch.models.detect;

/**
 * The count of hits in the current event-time bucket of one agent. Only buckets in which the agent
 * was active are ever closed, so idle hours (off shift, days off) do not dilute the baseline.
 */
public class BucketCount {
    public static final int NONE_CLOSED = -1;

    public long start = Long.MIN_VALUE;
    public int count;

    public BucketCount() {}

    /**
     * Counts one event. When it falls in a later bucket than the current one, the current bucket is
     * closed and its count returned; otherwise returns {@link #NONE_CLOSED}. A late event (an
     * earlier bucket) counts into the current bucket: close enough for a rate estimate.
     */
    public int add(long timestamp, boolean hit, long bucketMillis) {
        long bucket = Math.floorDiv(timestamp, bucketMillis) * bucketMillis;
        int closed = NONE_CLOSED;
        if (start == Long.MIN_VALUE) {
            start = bucket;
        } else if (bucket > start) {
            closed = count;
            start = bucket;
            count = 0;
        }
        if (hit) {
            count++;
        }
        return closed;
    }
}

package io.agentwatch.models.detect;

import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketCountTest {
    private static final long BUCKET = 15 * MINUTE;

    @Test
    void closesABucketOnlyWhenALaterOneStarts() {
        BucketCount b = new BucketCount();
        assertThat(b.add(T0, true, BUCKET)).isEqualTo(BucketCount.NONE_CLOSED);
        assertThat(b.add(T0 + MINUTE, true, BUCKET)).isEqualTo(BucketCount.NONE_CLOSED);
        assertThat(b.add(T0 + 2 * MINUTE, false, BUCKET)).isEqualTo(BucketCount.NONE_CLOSED);
        // Hours later: the idle buckets in between are not closed (they were not active).
        assertThat(b.add(T0 + 5 * 60 * MINUTE, false, BUCKET)).isEqualTo(2);
        assertThat(b.add(T0 + 5 * 60 * MINUTE + BUCKET, true, BUCKET)).isEqualTo(0);
    }

    @Test
    void aLateEventCountsIntoTheCurrentBucket() {
        BucketCount b = new BucketCount();
        b.add(T0 + BUCKET, false, BUCKET);
        assertThat(b.add(T0, true, BUCKET)).isEqualTo(BucketCount.NONE_CLOSED);
        assertThat(b.count).isEqualTo(1);
    }
}

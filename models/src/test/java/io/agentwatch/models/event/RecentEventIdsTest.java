package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentEventIdsTest {
    @Test
    void anIdSeenRecentlyIsADuplicateAndTheMemoryIsBounded() {
        RecentEventIds s = new RecentEventIds();
        assertThat(RecentEventIds.seenBefore(s, "e-1")).isFalse();
        assertThat(RecentEventIds.seenBefore(s, "e-2")).isFalse();
        assertThat(RecentEventIds.seenBefore(s, "e-1")).isTrue();
        for (int i = 0; i < RecentEventIds.CAPACITY; i++) {
            assertThat(RecentEventIds.seenBefore(s, "other-" + i)).isFalse();
        }
        assertThat(s.hashes).hasSize(RecentEventIds.CAPACITY);
        assertThat(RecentEventIds.seenBefore(s, "e-1"))
                .as("forgotten after CAPACITY newer ids")
                .isFalse();
    }
}

package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Random;
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

    @Test
    void theRingGrowsWithTheAgentsEventsAndForgetsNothingOnTheWay() {
        RecentEventIds s = new RecentEventIds();
        RecentEventIds.seenBefore(s, "id-0");
        assertThat(s.hashes).hasSize(RecentEventIds.FIRST_SIZE);
        for (int i = 1; i < RecentEventIds.CAPACITY; i++) {
            assertThat(RecentEventIds.seenBefore(s, "id-" + i)).isFalse();
            for (int j = 0; j <= i; j++) {
                assertThat(RecentEventIds.seenBefore(copy(s), "id-" + j))
                        .as("id-%d after %d ids, ring of %d", j, i + 1, s.hashes.length)
                        .isTrue();
            }
        }
        assertThat(s.hashes).hasSize(RecentEventIds.CAPACITY);
        RecentEventIds.seenBefore(s, "id-" + RecentEventIds.CAPACITY);
        assertThat(s.hashes).as("bounded").hasSize(RecentEventIds.CAPACITY);
        assertThat(RecentEventIds.seenBefore(s, "id-0")).as("the oldest, forgotten").isFalse();
    }

    @Test
    void aRingKeptFullSizeByAnEarlierVersionIsUsedAsItIs() {
        RecentEventIds s = new RecentEventIds();
        s.hashes = new long[RecentEventIds.CAPACITY];
        for (int i = 0; i < 3; i++) {
            s.hashes[i] = RecentEventIds.hash("id-" + i);
        }
        s.next = 3;
        s.count = 3;
        assertThat(RecentEventIds.seenBefore(s, "id-1")).isTrue();
        assertThat(RecentEventIds.seenBefore(s, "id-3")).isFalse();
        assertThat(s.hashes).hasSize(RecentEventIds.CAPACITY);
        assertThat(s.next).isEqualTo(4);
    }

    /**
     * Against a plain list of the last {@link RecentEventIds#CAPACITY} new ids, over ids that
     * recur: with 128 slots and a byte per tag, about two looks in five at a full ring meet a slot
     * whose tag matches but whose hash does not. Now and then the state is restored from its ring
     * alone, as from a checkpoint.
     */
    @Test
    void answersAsAListOfTheLastNewIdsWouldThroughTagsThatMatchByChanceAndRestores() {
        Random random = new Random(5);
        RecentEventIds s = new RecentEventIds();
        ArrayDeque<String> last = new ArrayDeque<>();
        int duplicates = 0;
        for (int i = 0; i < 20_000; i++) {
            String id = "id-" + random.nextInt(600);
            boolean expected = last.contains(id);
            assertThat(RecentEventIds.seenBefore(s, id))
                    .as("event %d, %s", i, id)
                    .isEqualTo(expected);
            if (expected) {
                duplicates++;
            } else {
                last.addLast(id);
                if (last.size() > RecentEventIds.CAPACITY) {
                    last.removeFirst();
                }
            }
            if (i % 997 == 0) {
                s = copy(s);
            }
        }
        assertThat(duplicates).as("ids recurred within the ring").isBetween(2_000, 8_000);
    }

    private static RecentEventIds copy(RecentEventIds s) {
        RecentEventIds c = new RecentEventIds();
        c.hashes = s.hashes.clone();
        c.next = s.next;
        c.count = s.count;
        return c;
    }
}

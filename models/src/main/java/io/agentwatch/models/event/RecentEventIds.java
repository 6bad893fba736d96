package io.agentwatch.models.event;

import java.util.Arrays;

/**
 * The last {@link #CAPACITY} event ids of one agent, as 64-bit hashes in a ring, to spot an event
 * delivered twice (an at-least-once shipper resending a batch). Bounded: about 1 KB per agent. A
 * Flink POJO.
 *
 * <p>The ring grows to its capacity as the agent's events come ({@link #FIRST_SIZE}, then doubling)
 * rather than starting full: with many agents, most of them new, a full ring per agent was the
 * largest part of what each new agent's state held and young collections copied.
 */
public class RecentEventIds {
    public static final int CAPACITY = 128;
    static final int FIRST_SIZE = 16;

    public long[] hashes;
    public int next;
    public int count;

    public RecentEventIds() {}

    /** Remembers the id; true when it was among the agent's recent ids already (a duplicate). */
    public static boolean seenBefore(RecentEventIds s, String eventId) {
        long h = hash(eventId);
        if (s.hashes == null) {
            s.hashes = new long[FIRST_SIZE];
        }
        for (int i = 0, n = Math.min(s.count, s.hashes.length); i < n; i++) {
            if (s.hashes[i] == h) {
                return true;
            }
        }
        if (s.next == s.hashes.length) {
            // Not yet at capacity: the ring has not wrapped, and its next slot is past the end.
            s.hashes = Arrays.copyOf(s.hashes, Math.min(CAPACITY, 2 * s.hashes.length));
        }
        s.hashes[s.next] = h;
        s.next = (s.next + 1) % CAPACITY;
        s.count++;
        return false;
    }

    /** {@link Fnv64}: a false duplicate is a one in 10^17 chance. */
    static long hash(String id) {
        return Fnv64.of(id);
    }
}

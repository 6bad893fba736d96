package io.agentwatch.models.event;

/**
 * The last {@link #CAPACITY} event ids of one agent, as 64-bit hashes in a ring, to spot an event
 * delivered twice (an at-least-once shipper resending a batch). Bounded: about 1 KB per agent. A
 * Flink POJO.
 */
public class RecentEventIds {
    public static final int CAPACITY = 128;

    public long[] hashes;
    public int next;
    public int count;

    public RecentEventIds() {}

    /** Remembers the id; true when it was among the agent's recent ids already (a duplicate). */
    public static boolean seenBefore(RecentEventIds s, String eventId) {
        long h = hash(eventId);
        if (s.hashes == null) {
            s.hashes = new long[CAPACITY];
        }
        for (int i = 0, n = Math.min(s.count, CAPACITY); i < n; i++) {
            if (s.hashes[i] == h) {
                return true;
            }
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

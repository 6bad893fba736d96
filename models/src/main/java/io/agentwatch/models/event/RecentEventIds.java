package io.agentwatch.models.event;

import java.util.Arrays;

/**
 * The last {@link #CAPACITY} event ids of one agent, as 64-bit hashes in a ring, to spot an event
 * delivered twice (an at-least-once shipper resending a batch). Bounded: about 1.2 KB per agent on
 * the heap, 1 KB checkpointed. A Flink POJO.
 *
 * <p>The ring grows to its capacity as the agent's events come ({@link #FIRST_SIZE}, then doubling)
 * rather than starting full: with many agents, most of them new, a full ring per agent was the
 * largest part of what each new agent's state held and young collections copied.
 *
 * <p>Every event is looked for in the whole ring, so beside it each hash's top byte is kept, eight
 * to a long ({@link #tags}): a look reads those 128 bytes (two cache lines) and the ring's slots
 * whose byte matches, where comparing every hash read the ring's 1 KB (sixteen lines).
 */
public class RecentEventIds {
    public static final int CAPACITY = 128;
    static final int FIRST_SIZE = 16;

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    public long[] hashes;
    public int next;
    public int count;

    /**
     * The top byte of {@code hashes[i]} at byte {@code i % 8} of {@code tags[i / 8]}. Worked out
     * again from the ring when it is missing or of another size (a restored ring), so neither
     * checkpointed nor a POJO field.
     */
    public transient long[] tags;

    public RecentEventIds() {}

    /** Remembers the id; true when it was among the agent's recent ids already (a duplicate). */
    public static boolean seenBefore(RecentEventIds s, String eventId) {
        long h = hash(eventId);
        if (s.hashes == null) {
            s.hashes = new long[FIRST_SIZE];
        }
        long[] hashes = s.hashes;
        long[] tags = tagsOf(s);
        int n = Math.min(s.count, hashes.length);
        long wanted = tag(h) * ONES;
        for (int w = 0, words = (n + 7) >>> 3; w < words; w++) {
            long x = tags[w] ^ wanted;
            // A high bit for each byte of x that is zero (and, harmlessly, maybe for a byte above
            // one): the slots whose tag matches, each then compared in full.
            for (long matches = (x - ONES) & ~x & HIGHS; matches != 0; matches &= matches - 1) {
                int i = (w << 3) + (Long.numberOfTrailingZeros(matches) >>> 3);
                if (i < n && hashes[i] == h) {
                    return true;
                }
            }
        }
        if (s.next == hashes.length) {
            // Not yet at capacity: the ring has not wrapped, and its next slot is past the end.
            s.hashes = hashes = Arrays.copyOf(hashes, Math.min(CAPACITY, 2 * hashes.length));
            s.tags = tags = Arrays.copyOf(tags, words(hashes.length));
        }
        hashes[s.next] = h;
        setTag(tags, s.next, h);
        s.next = (s.next + 1) % CAPACITY;
        s.count++;
        return false;
    }

    private static long[] tagsOf(RecentEventIds s) {
        long[] tags = s.tags;
        if (tags == null || tags.length != words(s.hashes.length)) {
            tags = new long[words(s.hashes.length)];
            for (int i = 0; i < s.hashes.length; i++) {
                setTag(tags, i, s.hashes[i]);
            }
            s.tags = tags;
        }
        return tags;
    }

    private static int words(int slots) {
        return (slots + 7) >>> 3;
    }

    private static long tag(long hash) {
        return hash >>> 56;
    }

    private static void setTag(long[] tags, int slot, long hash) {
        int shift = (slot & 7) << 3;
        tags[slot >>> 3] = (tags[slot >>> 3] & ~(0xFFL << shift)) | (tag(hash) << shift);
    }

    /** {@link Fnv64}: a false duplicate is a one in 10^17 chance. */
    static long hash(String id) {
        return Fnv64.of(id);
    }
}

package io.agentwatch.models.detect;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Fnv64;

/**
 * Decides, where events enter the job, which of them can change their agent's peer samples, so that
 * only those cross to the peer sampler: about half of a contact centre's events, since most are
 * neither card-data searches nor customer access and fall in the same card-search window, customer
 * window and day as the agent's event before.
 *
 * <p>An event is held back only when it is neither a card-data search nor a customer access and
 * falls in the same three windows as the last event of its agent this gate let through. {@link
 * PeerSampler#onEvent} does nothing with such an event: its windows are the last one's, which the
 * sampler has seen (one gate's events reach the sampler in order), so it closes no window, counts
 * nothing and starts no day. Two exceptions, both of late events: an event more than {@code
 * state.agent_ttl} late, whose agent's samples may have expired since (let through, it would start
 * them afresh for a moment); and, when one agent's events come through several readers (a Kafka
 * topic not keyed by agent), a late event of an earlier day from another reader arriving in between
 * (the sampler counts a day whenever the day changes, so it then counts the later day again at the
 * agent's next event that passes, not at the one held back).
 *
 * <p>It remembers one agent per slot, in a table indexed by the agent id's hash: an agent another
 * one displaced, or one never seen by this gate, has its next event let through, so a full table
 * costs throughput, never a sample. A slot knows its agent by a 64-bit hash of the id ({@link
 * Fnv64}, as the detectors know recent event ids), not the id itself: with many agents the id's
 * string would be two more cache misses per event, one after the other. Two agents in one slot with
 * the same hash (a one in 10^19 chance per pair) would have one's event held back by the other's
 * windows. One per source task; nothing to checkpoint (after a restore the table starts empty and
 * lets events through until it learns them again).
 */
public final class PeerSampleGate {
    private static final long DAY = 86_400_000L;

    private final long cardWindowMillis;
    private final long customerWindowMillis;
    private final int mask;

    /** Per slot, its agent's {@link Fnv64} hash. */
    private final long[] agents;

    /** Per slot, the times its agent's last event let through shares all three windows with. */
    private final long[] spans;

    private long heldBack;

    /**
     * @param slots how many agents it remembers at most (rounded up to a power of two)
     */
    public PeerSampleGate(PeerSampler sampler, int slots) {
        if (slots < 1 || slots > 1 << 24) {
            throw new IllegalArgumentException("slots must be 1 to 2^24, was " + slots);
        }
        int size = slots == 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.cardWindowMillis = sampler.cardWindowMillis();
        this.customerWindowMillis = sampler.customerWindowMillis();
        this.mask = size - 1;
        this.agents = new long[size];
        this.spans = new long[2 * size];
    }

    /** Whether {@code e} can change its agent's samples; remembers it if so. */
    public boolean passes(AccessEvent e) {
        int slot = spread(e.agentId.hashCode()) & mask;
        long agent = Fnv64.of(e.agentId);
        long t = e.timestamp;
        if (!e.targetsCardData()
                && !PeerSampler.isCustomerAccess(e)
                && t >= spans[2 * slot]
                && t < spans[2 * slot + 1]
                && agents[slot] == agent) {
            heldBack++;
            return false;
        }
        long card = Math.floorDiv(t, cardWindowMillis) * cardWindowMillis;
        long customers = Math.floorDiv(t, customerWindowMillis) * customerWindowMillis;
        long day = Math.floorDiv(t, DAY) * DAY;
        agents[slot] = agent;
        spans[2 * slot] = Math.max(card, Math.max(customers, day));
        spans[2 * slot + 1] =
                Math.min(
                        card + cardWindowMillis,
                        Math.min(customers + customerWindowMillis, day + DAY));
        return true;
    }

    /** Events held back so far. */
    public long heldBack() {
        return heldBack;
    }

    /** Agent ids that differ in their last characters land far apart. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}

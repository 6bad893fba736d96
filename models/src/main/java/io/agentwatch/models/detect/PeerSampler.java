package io.agentwatch.models.detect;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Turns one agent's events into samples for the peer baselines: each closed card-search window (by
 * role, every agent), and, from agents with at least {@code peer.min_active_days} active days, each
 * closed customer-access window (by role) and each active day with the country it began in (by
 * team). New agents are judged against these; they do not shape them.
 */
public final class PeerSampler implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long DAY = 86_400_000L;

    private final long cardWindowMillis;
    private final long bulkWindowMillis;
    private final int minActiveDays;

    public PeerSampler(long cardWindowMillis, long bulkWindowMillis, int minActiveDays) {
        this.cardWindowMillis = cardWindowMillis;
        this.bulkWindowMillis = bulkWindowMillis;
        this.minActiveDays = minActiveDays;
    }

    /**
     * Samples by {@code card_search_burst.window}, {@code bulk_access.window} and {@code
     * peer.min_active_days}.
     */
    public static PeerSampler of(Settings settings) {
        return new PeerSampler(
                new CardSearchBurstConfig(settings).windowMillis,
                settings.get(AgentwatchOptions.BULK_ACCESS_WINDOW).toMillis(),
                settings.get(AgentwatchOptions.PEER_MIN_ACTIVE_DAYS));
    }

    long cardWindowMillis() {
        return cardWindowMillis;
    }

    long customerWindowMillis() {
        return bulkWindowMillis;
    }

    /** Counts the event; hands every sample it closes to {@code out}. */
    public void onEvent(AgentSamples s, AccessEvent e, Consumer<PeerSample> out) {
        long cardStart = s.cardSearches.start;
        int cards = s.cardSearches.add(e.timestamp, e.targetsCardData(), cardWindowMillis);
        if (cards != BucketCount.NONE_CLOSED) {
            out.accept(
                    new PeerSample(
                            PeerGroups.cardSearch(e.agentRole), e.agentId, cardStart, cards));
        }
        boolean established = s.activeDays >= minActiveDays;
        long window = Math.floorDiv(e.timestamp, bulkWindowMillis) * bulkWindowMillis;
        if (s.customerWindowStart == Long.MIN_VALUE) {
            s.customerWindowStart = window;
        } else if (window > s.customerWindowStart) {
            if (established) {
                out.accept(
                        new PeerSample(
                                PeerGroups.customerAccess(e.agentRole),
                                e.agentId,
                                s.customerWindowStart,
                                LinearCounting.estimate(s.customerBits)));
            }
            s.customerWindowStart = window;
            if (s.customerBits != null) {
                java.util.Arrays.fill(s.customerBits, 0L);
            }
        }
        if (isCustomerAccess(e)) {
            s.customerBits = LinearCounting.add(s.customerBits, e.customerId);
        }
        long day = Math.floorDiv(e.timestamp, DAY);
        if (day != s.lastActiveDay) {
            s.activeDays++;
            s.lastActiveDay = day;
            if (established && e.sourceCountry != null && e.succeeded()) {
                out.accept(new PeerSample(PeerGroups.team(e.agentTeam), e.agentId, day * DAY, 1));
                out.accept(
                        new PeerSample(
                                PeerGroups.teamCountry(e.agentTeam, e.sourceCountry),
                                e.agentId,
                                day * DAY,
                                1));
            }
        }
    }

    /**
     * The part of an event that {@link #onEvent} reads, as a new event: the job sends peer sampling
     * this much of each event (a tenth of its size) on a branch of its own, beside the detectors.
     */
    public static AccessEvent sampledFields(AccessEvent e) {
        AccessEvent f = new AccessEvent();
        f.timestamp = e.timestamp;
        f.agentId = e.agentId;
        f.agentRole = e.agentRole;
        f.agentTeam = e.agentTeam;
        f.action = e.action;
        f.outcome = e.outcome;
        f.customerId = e.customerId;
        f.sourceCountry = e.sourceCountry;
        f.cardDataIntent = e.cardDataIntent;
        return f;
    }

    /** A view, reveal or export of a customer's record: what bulk_access counts. */
    public static boolean isCustomerAccess(AccessEvent e) {
        return e.customerId != null
                && (e.action == Action.VIEW
                        || e.action == Action.EXPORT
                        || e.action == Action.REVEAL);
    }
}

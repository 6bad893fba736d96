package io.agentwatch.models.detect;

import io.agentwatch.models.event.AccessEvent;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code card_search_burst}: an agent runs far more card-data searches (card numbers, BINs,
 * last-four lookups, searches returning PCI fields) in a sliding window than both their own
 * baseline and their role's peer baseline allow.
 *
 * <p>A pure function of (state, event, peer baseline): the Flink operator only holds the state and
 * the timer. The alert comes on the event that crosses the threshold, once per episode; the episode
 * ends when a whole window passes without a card-data search ({@link #expire}).
 */
public final class CardSearchBurstDetector implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String RULE_ID = "card_search_burst";
    public static final String RULE_NAME = "Burst of payment-card data searches";

    private final CardSearchBurstConfig config;

    public CardSearchBurstDetector(CardSearchBurstConfig config) {
        this.config = config;
    }

    public CardSearchBurstConfig config() {
        return config;
    }

    /**
     * Updates the state with one event.
     *
     * @param peer the agent's peer-group baseline, or null when none is known yet
     * @return the alert this event completes, or null
     */
    public Finding onEvent(CardSearchBurstState s, AccessEvent e, PeerBaseline peer) {
        boolean hit = e.targetsCardData();
        int closed = s.bucket.add(e.timestamp, hit, config.windowMillis);
        if (closed != BucketCount.NONE_CLOSED) {
            s.rate.update(closed, config.alpha, config.clip, config.minDeviation);
        }
        if (!hit) {
            return null;
        }
        addToWindow(s, e.timestamp, e.eventId);
        if (s.inEpisode) {
            return null;
        }
        Threshold t = threshold(s, peer);
        if (s.windowSize < t.value) {
            return null;
        }
        if (!config.enabled) {
            return null; // disabled: the baselines keep learning, nothing is raised
        }
        s.inEpisode = true;
        return alert(s, e, peer, t);
    }

    /**
     * The event time at which the window should be checked for expiry (the newest search plus one
     * window), or {@link Long#MIN_VALUE} when there is nothing to expire.
     */
    public long expiryTime(CardSearchBurstState s) {
        return s.windowEmpty() ? Long.MIN_VALUE : s.newestInWindow() + config.windowMillis;
    }

    /**
     * Drops searches that left the window by {@code now}; when the window is empty the episode ends
     * and the window's arrays are freed.
     */
    public void expire(CardSearchBurstState s, long now) {
        evictBefore(s, now - config.windowMillis + 1);
        if (s.windowSize == 0) {
            s.windowTimes = null;
            s.windowEventIds = null;
            s.inEpisode = false;
        }
    }

    /** The count a window must reach, and which baselines set it. */
    public Threshold threshold(CardSearchBurstState s, PeerBaseline peer) {
        boolean agentKnown = s.rate.samples >= config.minAgentBuckets;
        boolean peerKnown = peer != null && peer.samples >= config.minPeerSamples;
        if (!agentKnown && !peerKnown) {
            return new Threshold(Math.max(config.minCount, config.coldStartMinCount), "cold_start");
        }
        double value = config.minCount;
        if (agentKnown) {
            value = Math.max(value, s.rate.threshold(config.agentK, config.minDeviation));
        }
        if (peerKnown) {
            value = Math.max(value, peer.threshold(config.peerK, config.minDeviation));
        }
        String basis = agentKnown && peerKnown ? "agent+peer" : agentKnown ? "agent" : "peer";
        return new Threshold(value, basis);
    }

    private void addToWindow(CardSearchBurstState s, long ts, String eventId) {
        evictBefore(s, ts - config.windowMillis + 1);
        if (s.windowTimes == null) {
            s.windowTimes = new long[16];
            s.windowEventIds = new String[16];
        }
        if (s.windowSize == config.maxWindowEvents) {
            removeOldest(s, 1); // bounded state: the count saturates, far above any threshold
        }
        if (s.windowSize == s.windowTimes.length) {
            int grown = Math.min(config.maxWindowEvents, s.windowTimes.length * 2);
            s.windowTimes = Arrays.copyOf(s.windowTimes, grown);
            s.windowEventIds = Arrays.copyOf(s.windowEventIds, grown);
        }
        // Keep ascending order; out-of-order events are rare and close, so scan from the end.
        int i = s.windowSize;
        while (i > 0 && s.windowTimes[i - 1] > ts) {
            s.windowTimes[i] = s.windowTimes[i - 1];
            s.windowEventIds[i] = s.windowEventIds[i - 1];
            i--;
        }
        s.windowTimes[i] = ts;
        s.windowEventIds[i] = eventId;
        s.windowSize++;
    }

    private static void evictBefore(CardSearchBurstState s, long oldestKept) {
        int drop = 0;
        while (drop < s.windowSize && s.windowTimes[drop] < oldestKept) {
            drop++;
        }
        removeOldest(s, drop);
    }

    private static void removeOldest(CardSearchBurstState s, int n) {
        if (n == 0) {
            return;
        }
        int left = s.windowSize - n;
        System.arraycopy(s.windowTimes, n, s.windowTimes, 0, left);
        System.arraycopy(s.windowEventIds, n, s.windowEventIds, 0, left);
        Arrays.fill(s.windowEventIds, left, s.windowSize, null);
        s.windowSize = left;
    }

    private Finding alert(CardSearchBurstState s, AccessEvent e, PeerBaseline peer, Threshold t) {
        Finding a = new Finding();
        a.ruleId = RULE_ID;
        a.ruleName = RULE_NAME;
        a.ruleVersion = config.version;
        a.agentId = e.agentId;
        a.agentName = e.agentName;
        a.agentRole = e.agentRole;
        a.agentTeam = e.agentTeam;
        a.start = s.windowTimes[0];
        a.end = s.windowTimes[s.windowSize - 1];
        a.findingId = RULE_ID + ":" + e.agentId + ":" + a.start;
        a.observed = s.windowSize;
        a.threshold = t.value;
        a.basis = t.basis;
        a.windowMinutes = (int) (config.windowMillis / 60_000);
        if (s.rate.samples > 0) {
            a.agentBaselineMean = s.rate.mean;
            a.agentBaselineDeviation = s.rate.deviation;
        }
        a.agentBaselineWindows = s.rate.samples;
        a.peerGroup = e.agentRole;
        if (peer != null) {
            a.peerBaselineMean = peer.mean;
            a.peerBaselineDeviation = peer.deviation;
            a.peerBaselineSamples = peer.samples;
        }
        int ids = Math.min(s.windowSize, config.maxEvidenceIds);
        a.eventIds = Arrays.copyOfRange(s.windowEventIds, s.windowSize - ids, s.windowSize);
        double ratio = s.windowSize / Math.max(1.0, t.value);
        a.riskScore = Math.min(99.0, Math.round(40 + 20 * log2(1 + ratio)));
        a.severity = ratio >= 3 ? Severity.CRITICAL : Severity.HIGH;
        a.reason = reason(a);
        return a;
    }

    private static String reason(Finding a) {
        StringBuilder b = new StringBuilder();
        b.append("Agent ").append(a.agentId);
        if (a.agentRole != null) {
            b.append(" (").append(a.agentRole);
            if (a.agentTeam != null) {
                b.append(", team ").append(a.agentTeam);
            }
            b.append(')');
        }
        b.append(" ran ")
                .append(a.observed)
                .append(" payment-card data searches within ")
                .append(a.windowMinutes)
                .append(" minutes; ");
        if (a.agentBaselineMean != null && a.agentBaselineWindows > 0) {
            b.append("their own baseline is ")
                    .append(fmt(a.agentBaselineMean))
                    .append(" per window");
        } else {
            b.append("they have no baseline of their own yet");
        }
        if (a.peerBaselineMean != null) {
            b.append(" and the ")
                    .append(a.peerGroup == null ? "peer" : a.peerGroup)
                    .append(" peer baseline is ")
                    .append(fmt(a.peerBaselineMean));
        }
        b.append(" (alert threshold ")
                .append(fmt(a.threshold))
                .append(", from ")
                .append(a.basis)
                .append(").");
        return b.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.2f", v);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** A threshold count and the baselines that set it. */
    public static final class Threshold {
        public final double value;
        public final String basis;

        Threshold(double value, String basis) {
            this.value = value;
            this.basis = basis;
        }
    }
}

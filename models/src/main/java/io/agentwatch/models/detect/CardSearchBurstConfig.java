package io.agentwatch.models.detect;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import java.io.Serializable;

/** Thresholds of {@link CardSearchBurstDetector}; see {@link AgentwatchOptions} for meanings. */
public final class CardSearchBurstConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public final long windowMillis;
    public final int minCount;
    public final int coldStartMinCount;
    public final double agentK;
    public final double peerK;
    public final double minDeviation;
    public final int minAgentBuckets;
    public final int minPeerSamples;
    public final double alpha;
    public final double clip;
    public final int maxWindowEvents;
    public final int maxEvidenceIds;
    public final boolean enabled;
    public final int version;

    public CardSearchBurstConfig(Settings s) {
        this.windowMillis = s.get(AgentwatchOptions.CARD_SEARCH_WINDOW).toMillis();
        this.minCount = s.get(AgentwatchOptions.CARD_SEARCH_MIN_COUNT);
        this.coldStartMinCount = s.get(AgentwatchOptions.CARD_SEARCH_COLD_START_MIN_COUNT);
        this.agentK = s.get(AgentwatchOptions.CARD_SEARCH_AGENT_K);
        this.peerK = s.get(AgentwatchOptions.CARD_SEARCH_PEER_K);
        this.minDeviation = s.get(AgentwatchOptions.CARD_SEARCH_MIN_DEVIATION);
        this.minAgentBuckets = s.get(AgentwatchOptions.CARD_SEARCH_MIN_AGENT_BUCKETS);
        this.minPeerSamples = s.get(AgentwatchOptions.CARD_SEARCH_MIN_PEER_SAMPLES);
        this.alpha = s.get(AgentwatchOptions.CARD_SEARCH_ALPHA);
        this.clip = s.get(AgentwatchOptions.CARD_SEARCH_CLIP);
        this.maxWindowEvents = s.get(AgentwatchOptions.CARD_SEARCH_MAX_WINDOW_EVENTS);
        this.maxEvidenceIds = s.get(AgentwatchOptions.CARD_SEARCH_MAX_EVIDENCE);
        this.enabled = s.get(AgentwatchOptions.enabled(CardSearchBurstDetector.RULE_ID));
        this.version = s.get(AgentwatchOptions.version(CardSearchBurstDetector.RULE_ID));
    }

    public static CardSearchBurstConfig defaults() {
        return new CardSearchBurstConfig(Settings.defaults());
    }
}

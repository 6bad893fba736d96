package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.CardSearchBurstState;
import io.agentwatch.models.detect.behaviour.AgentBehaviourState;
import io.agentwatch.models.event.RecentEventIds;
import io.agentwatch.models.features.AgentFeatureState;
import io.agentwatch.models.review.OpenAccessUsage;

/**
 * One agent's state in {@link AgentDetectorsFunction}: its recent event ids, each detector's own
 * state and its use of customer data in the open review period, held as one value so that an event
 * costs one state lookup for all.
 */
public class AgentDetectorState {
    /** The agent's recent event ids, to judge a redelivered event once. */
    public RecentEventIds recentIds;

    public CardSearchBurstState card;

    /** Event time of the registered card_search_burst expiry timer, or {@link Long#MIN_VALUE}. */
    public long cardTimer = Long.MIN_VALUE;

    public AgentBehaviourState behaviour;

    /** The open agent-hour's features; null while the job scores with no model. */
    public AgentFeatureState features;

    /** The agent's use of customer data fields in the open review period; null while none is. */
    public OpenAccessUsage usage;

    public AgentDetectorState() {}

    /** A new agent's state. */
    public static AgentDetectorState create(boolean scoresModels) {
        AgentDetectorState s = new AgentDetectorState();
        s.recentIds = new RecentEventIds();
        s.card = new CardSearchBurstState();
        s.behaviour = new AgentBehaviourState();
        s.features = scoresModels ? new AgentFeatureState() : null;
        return s;
    }
}

package io.agentwatch.jobs.bench;

import io.agentwatch.jobs.functions.AgentDetectorState;
import io.agentwatch.jobs.types.AgentDetectorStateSerializer;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.AgentSamples;
import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.CardSearchBurstDetector;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.detect.behaviour.BehaviourConfig;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.RecentEventIds;
import io.agentwatch.models.features.FeatureExtractor;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.OpenAccessUsage;
import io.agentwatch.models.state.AccessUsageCodec;
import io.agentwatch.models.state.DetectorStateCodec;
import io.agentwatch.models.state.StateWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The checkpointed size of each agent's keyed state, measured the way Flink stores it: events go
 * through the same models logic the job's keyed operators call, and each state object is then
 * written with the serializer the job gives Flink for it (the compact layout for the detectors'
 * value, access usage included; POJO for the peer sampler's). Tracks every agent whose id hashes
 * into the sample, so 100,000 agents need not all be held.
 */
public final class AgentStateFootprint {
    private final int sampleOneIn;
    private final BehaviourDetectors behaviour = new BehaviourDetectors(BehaviourConfig.defaults());
    private final CardSearchBurstDetector card =
            new CardSearchBurstDetector(CardSearchBurstConfig.defaults());
    private final PeerSampler sampler = PeerSampler.of(Settings.defaults());
    private final FeatureExtractor features = new FeatureExtractor();
    private final AccessUsageCounter usage = AccessUsageCounter.of(Settings.defaults());

    private final Map<String, AgentDetectorState> detectorStates = new HashMap<>();
    private final Map<String, AgentSamples> samplerStates = new HashMap<>();

    /**
     * @param sampleOneIn track one agent in this many (by id hash); 1 for all
     */
    public AgentStateFootprint(int sampleOneIn) {
        this.sampleOneIn = sampleOneIn;
    }

    /** One event, masked and classified as the job's detectors see it. */
    public void onEvent(AccessEvent e) {
        if (Math.floorMod(e.agentId.hashCode(), sampleOneIn) != 0) {
            return;
        }
        AgentDetectorState detectors =
                state(detectorStates, e, k -> AgentDetectorState.create(true));
        RecentEventIds.seenBefore(detectors.recentIds, e.eventId);
        card.onEvent(detectors.card, e, null);
        behaviour.onEvent(detectors.behaviour, e);
        features.onEvent(detectors.features, e);
        sampler.onEvent(state(samplerStates, e, k -> new AgentSamples()), e, sample -> {});
        if (e.succeeded()) {
            if (detectors.usage == null) {
                detectors.usage = new OpenAccessUsage();
            }
            usage.add(detectors.usage, e);
        }
    }

    private static <T> T state(Map<String, T> states, AccessEvent e, Function<String, T> create) {
        return states.computeIfAbsent(e.agentId, create);
    }

    public int agents() {
        return detectorStates.size();
    }

    /** Serialized bytes of one kind of state, over the tracked agents. */
    public record Bytes(long mean, long max) {}

    /**
     * Per state value the job keeps (in the order of docs/operations.md), then {@code total}; the
     * detectors' value also by its parts, which {@code total} does not count twice.
     */
    public Map<String, Bytes> measure() throws IOException {
        Map<String, Bytes> out = new LinkedHashMap<>();
        Map<String, Long> total = new HashMap<>();
        out.put("detectors", bytes(new AgentDetectorStateSerializer(), detectorStates, total));
        out.put("behaviour", part(DetectorStateCodec::write, s -> s.behaviour));
        out.put("card_search_burst", part(DetectorStateCodec::write, s -> s.card));
        out.put("model features", part(DetectorStateCodec::write, s -> s.features));
        out.put("peer sampler", bytes(pojo(AgentSamples.class), samplerStates, total));
        out.put("recent event ids", part(DetectorStateCodec::write, s -> s.recentIds));
        out.put("access usage", part(AgentStateFootprint::writeUsage, s -> s.usage));
        long sum = 0;
        long max = 0;
        for (long t : total.values()) {
            sum += t;
            max = Math.max(max, t);
        }
        out.put("total", new Bytes(total.isEmpty() ? 0 : sum / total.size(), max));
        return out;
    }

    /** One part of the detectors' value, in the layout its serializer writes it. */
    private <T> Bytes part(BiConsumer<StateWriter, T> write, Function<AgentDetectorState, T> part) {
        StateWriter w = new StateWriter();
        long sum = 0;
        long max = 0;
        for (AgentDetectorState s : detectorStates.values()) {
            w.reset(DetectorStateCodec.timeBase(s.behaviour));
            write.accept(w, part.apply(s));
            sum += w.length();
            max = Math.max(max, w.length());
        }
        return new Bytes(detectorStates.isEmpty() ? 0 : sum / detectorStates.size(), max);
    }

    private static void writeUsage(StateWriter w, OpenAccessUsage u) {
        if (u != null) {
            AccessUsageCodec.write(w, u);
        }
    }

    private static <T> TypeSerializer<T> pojo(Class<T> type) {
        return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
    }

    private static <T> Bytes bytes(
            TypeSerializer<T> serializer, Map<String, T> states, Map<String, Long> total)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        long sum = 0;
        long max = 0;
        for (Map.Entry<String, T> s : states.entrySet()) {
            out.clear();
            serializer.serialize(s.getValue(), out);
            sum += out.length();
            max = Math.max(max, out.length());
            total.merge(s.getKey(), (long) out.length(), Long::sum);
        }
        return new Bytes(states.isEmpty() ? 0 : sum / states.size(), max);
    }
}

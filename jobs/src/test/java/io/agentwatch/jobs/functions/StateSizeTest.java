package io.agentwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.detect.AgentSamples;
import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.CardSearchBurstDetector;
import io.agentwatch.models.detect.CardSearchBurstState;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.detect.behaviour.AgentBehaviourState;
import io.agentwatch.models.detect.behaviour.BehaviourConfig;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.RecentEventIds;
import io.agentwatch.models.features.AgentFeatureState;
import io.agentwatch.models.features.FeatureExtractor;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Measures the checkpointed size of per-agent state after a simulated week, with the serializers
 * Flink uses (POJO, no Kryo). docs/detection.md quotes these figures; the bounds keep them honest.
 */
class StateSizeTest {
    @Test
    void perAgentStateIsSmallAndBounded() throws Exception {
        SimulationConfig config =
                new SimulationConfig(1, 40, 7, SimulationConfig.DEFAULT_START, 5_000);
        EventSanitizer sanitizer = EventSanitizer.withDefaults();
        BehaviourDetectors behaviour = new BehaviourDetectors(BehaviourConfig.defaults());
        CardSearchBurstDetector card =
                new CardSearchBurstDetector(CardSearchBurstConfig.defaults());
        Map<String, AgentBehaviourState> behaviourStates = new HashMap<>();
        Map<String, CardSearchBurstState> cardStates = new HashMap<>();
        PeerSampler sampler = new PeerSampler(15 * 60_000L, 60 * 60_000L, 5);
        Map<String, AgentSamples> samplerStates = new HashMap<>();
        FeatureExtractor features = new FeatureExtractor();
        Map<String, AgentFeatureState> featureStates = new HashMap<>();
        AccessUsageCounter usage = new AccessUsageCounter(java.time.Duration.ofDays(7));
        Map<String, AgentAccessUsage> usageStates = new HashMap<>();
        Map<String, RecentEventIds> idStates = new HashMap<>();
        new ContactCentreSimulator(config)
                .run(
                        (AccessEvent e) -> {
                            sanitizer.sanitize(e);
                            behaviour.onEvent(
                                    behaviourStates.computeIfAbsent(
                                            e.agentId, k -> new AgentBehaviourState()),
                                    e);
                            sampler.onEvent(
                                    samplerStates.computeIfAbsent(
                                            e.agentId, k -> new AgentSamples()),
                                    e,
                                    sample -> {});
                            card.onEvent(
                                    cardStates.computeIfAbsent(
                                            e.agentId, k -> new CardSearchBurstState()),
                                    e,
                                    null);
                            features.onEvent(
                                    featureStates.computeIfAbsent(
                                            e.agentId, k -> new AgentFeatureState()),
                                    e);
                            usage.add(
                                    usageStates.computeIfAbsent(
                                            e.agentId, k -> new AgentAccessUsage()),
                                    e);
                            RecentEventIds.seenBefore(
                                    idStates.computeIfAbsent(e.agentId, k -> new RecentEventIds()),
                                    e.eventId);
                        },
                        null);

        long behaviourMax = maxBytes(AgentBehaviourState.class, behaviourStates);
        long cardMax = maxBytes(CardSearchBurstState.class, cardStates);
        long samplerMax = maxBytes(AgentSamples.class, samplerStates);
        long featuresMax = maxBytes(AgentFeatureState.class, featureStates);
        long usageMax = maxBytes(AgentAccessUsage.class, usageStates);
        long idsMax = maxBytes(RecentEventIds.class, idStates);
        System.out.printf(
                "per-agent state after 7 simulated days, max over %d agents: behaviour %d bytes,"
                        + " card_search_burst %d bytes, peer sampler %d bytes, model features %d"
                        + " bytes, access usage %d bytes, recent event ids %d bytes%n",
                behaviourStates.size(),
                behaviourMax,
                cardMax,
                samplerMax,
                featuresMax,
                usageMax,
                idsMax);
        assertThat(idsMax).isLessThan(1_200);
        // A week of one agent's field use: ~11 fields, a 1,024-bit customer bitmap each.
        assertThat(usageMax).isLessThan(2_500);
        assertThat(featuresMax).isLessThan(1_500);
        assertThat(samplerMax).isLessThan(1_000);
        assertThat(behaviourMax).isLessThan(20_000);
        assertThat(cardMax).isLessThan(10_000);
    }

    @Test
    void everyTypeFlinkShipsIsAPojoNotKryo() {
        for (Class<?> type :
                new Class<?>[] {
                    AccessEvent.class,
                    io.agentwatch.models.detect.Finding.class,
                    io.agentwatch.models.output.DeadLetter.class,
                    io.agentwatch.jobs.io.RawLine.class,
                    io.agentwatch.models.detect.PeerSample.class,
                    io.agentwatch.models.detect.PeerBaseline.class,
                    io.agentwatch.models.detect.RobustRate.class,
                    io.agentwatch.models.detect.BucketCount.class,
                    CardSearchBurstState.class,
                    AgentBehaviourState.class,
                    Control.class,
                    io.agentwatch.models.config.RuleUpdate.class,
                    io.agentwatch.models.risk.RiskState.class,
                    io.agentwatch.models.risk.AgentRisk.class,
                    io.agentwatch.models.risk.Alert.class,
                    io.agentwatch.models.risk.AlertFinding.class,
                    AgentSamples.class,
                    io.agentwatch.models.detect.behaviour.ActivityBaseline.class,
                    AgentFeatureState.class,
                    io.agentwatch.models.features.FeatureWindow.class,
                    AgentAccessUsage.class,
                    io.agentwatch.models.review.AgentFieldUse.class,
                    AccessReviewDocument.class,
                    io.agentwatch.models.ml.ModelUpdate.class,
                    io.agentwatch.models.ml.BundleFiles.class,
                    io.agentwatch.models.detect.ModelFeature.class,
                    RecentEventIds.class
                }) {
            assertThat(TypeInformation.of(type))
                    .as(type.getSimpleName())
                    .isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
        }
    }

    private static <T> long maxBytes(Class<T> type, Map<String, T> states) throws Exception {
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        long max = 0;
        DataOutputSerializer out = new DataOutputSerializer(4096);
        for (T s : states.values()) {
            out.clear();
            serializer.serialize(s, out);
            max = Math.max(max, out.length());
        }
        return max;
    }
}

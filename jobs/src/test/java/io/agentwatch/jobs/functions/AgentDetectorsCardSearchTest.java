package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.SECOND;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.CardSearchBurstState;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.event.AccessEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AgentDetectorsFunction}'s card_search_burst part, in a job that scores no model. */
class AgentDetectorsCardSearchTest {
    private static final String AGENT = "agent-7";
    private static final long TTL = 35L * 24 * 60 * MINUTE;

    private KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> harness;

    @BeforeEach
    void setUp() throws Exception {
        AgentDetectorsFunction fn = new AgentDetectorsFunction(Settings.defaults(), null, TTL);
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        fn,
                        e -> e.agentId,
                        Types.STRING,
                        Descriptors.PEER_BASELINES,
                        Descriptors.RULE_SETTINGS);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void burst(long from, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            AccessEvent e = cardSearch(AGENT, from + i * 30 * SECOND);
            harness.processElement(e, e.timestamp);
        }
    }

    private AgentDetectorState state() throws Exception {
        return AgentDetectorStates.of(harness, AGENT);
    }

    private long wake() throws Exception {
        return AgentDetectorStates.wake(harness, AGENT, TTL);
    }

    @Test
    void alertsOnTheCrossingEventUsingTheBroadcastPeerBaseline() throws Exception {
        harness.processBroadcastElement(
                Control.of(new PeerBaseline("tier1", 0.1, 0.2, 5_000, T0)), T0);
        burst(T0, 8);
        assertThat(harness.extractOutputValues()).hasSize(1);
        Finding a = harness.extractOutputValues().get(0);
        assertThat(a.agentId).isEqualTo(AGENT);
        assertThat(a.observed).isEqualTo(5);
        assertThat(a.basis).isEqualTo("peer");
        assertThat(a.peerBaselineSamples).isEqualTo(5_000);
        assertThat(harness.extractOutputStreamRecords().get(0).getTimestamp())
                .as("emitted at the crossing event's time")
                .isEqualTo(T0 + 4 * 30 * SECOND);
    }

    @Test
    void withoutPeersTheColdStartMinimumApplies() throws Exception {
        burst(T0, 7);
        assertThat(harness.extractOutputValues()).isEmpty();
        burst(T0 + 4 * MINUTE, 1);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.extractOutputValues().get(0).basis).isEqualTo("cold_start");
    }

    @Test
    void aQuietWindowEndsTheEpisodeAndCleansStateAndTimers() throws Exception {
        harness.processBroadcastElement(
                Control.of(new PeerBaseline("tier1", 0.1, 0.2, 5_000, T0)), T0);
        burst(T0, 6);
        assertThat(harness.numEventTimeTimers()).as("one timer for the agent").isEqualTo(1);
        assertThat(wake()).as("at the window's expiry").isEqualTo(state().cardTimer);
        assertThat(state().card.windowSize).isEqualTo(6);
        assertThat(state().features).as("no model, no feature state").isNull();

        // Ordinary work does not touch the timer.
        harness.processElement(view(AGENT, T0 + 5 * MINUTE), T0 + 5 * MINUTE);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(wake()).isEqualTo(state().cardTimer);

        harness.watermark(T0 + 5 * 30 * SECOND + 15 * MINUTE);
        assertThat(harness.numEventTimeTimers())
                .as("moved on to the review period's end")
                .isEqualTo(1);
        assertThat(wake()).isEqualTo(state().usage.periodEnd);
        CardSearchBurstState s = state().card;
        assertThat(s.windowSize).isZero();
        assertThat(s.windowTimes).isNull();
        assertThat(s.windowEventIds).isNull();
        assertThat(s.inEpisode).isFalse();
        assertThat(s.bucket.start).as("the baseline is kept").isEqualTo(T0);
        assertThat(state().cardTimer).isEqualTo(Long.MIN_VALUE);

        burst(T0 + 60 * MINUTE, 6);
        assertThat(harness.extractOutputValues()).as("a new episode alerts again").hasSize(2);
    }

    @Test
    void aLaterSearchMovesTheTimerInsteadOfAddingOne() throws Exception {
        burst(T0, 3);
        long first = wake();
        burst(T0 + 10 * MINUTE, 1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(wake()).as("moved to the later search's expiry").isGreaterThan(first);
        assertThat(wake()).isEqualTo(state().cardTimer);
        harness.watermark(T0 + 3 * 30 * SECOND + 15 * MINUTE);
        assertThat(state().card.windowSize)
                .as("the window still holds the later search")
                .isPositive();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.watermark(T0 + 25 * MINUTE);
        assertThat(harness.numEventTimeTimers())
                .as("moved on to the review period's end")
                .isEqualTo(1);
        assertThat(wake()).isEqualTo(state().usage.periodEnd);
        assertThat(state().card.windowSize).isZero();
    }

    private static io.agentwatch.models.config.RuleUpdate minCount20() throws Exception {
        String rule =
                new String(
                                AgentDetectorsCardSearchTest.class
                                        .getResourceAsStream(
                                                "/agentwatch/rules/card_search_burst.json")
                                        .readAllBytes(),
                                java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"min_count\": 5", "\"min_count\": 20")
                        .replace("\"version\": 1", "\"version\": 2");
        return new io.agentwatch.models.config.RuleUpdate("card_search_burst.json", rule);
    }

    @Test
    void aRuleUpdateAtRuntimeChangesTheThreshold() throws Exception {
        harness.processBroadcastElement(
                Control.of(new PeerBaseline("tier1", 0.1, 0.2, 5_000, T0)), T0);
        harness.processBroadcastElement(Control.of(minCount20()), T0);
        burst(T0, 10);
        assertThat(harness.extractOutputValues())
                .as("10 searches are under the new minimum of 20")
                .isEmpty();
        burst(T0 + 5 * MINUTE, 10);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.extractOutputValues().get(0).ruleVersion).isEqualTo(2);
        assertThat(harness.extractOutputValues().get(0).observed).isEqualTo(20);
    }

    @Test
    void aRuleUpdateAfterEventsAppliesFromTheNextEvent() throws Exception {
        harness.processBroadcastElement(
                Control.of(new PeerBaseline("tier1", 0.1, 0.2, 5_000, T0)), T0);
        // The detectors are built (from the default rules) for this event and kept for the next.
        burst(T0 - 30 * MINUTE, 1);
        harness.processBroadcastElement(Control.of(minCount20()), T0);
        burst(T0, 10);
        assertThat(harness.extractOutputValues())
                .as("10 searches are under the new minimum of 20 (the old one, 5, would alert)")
                .isEmpty();
    }

    @Test
    void aBadRuleUpdateIsIgnored() throws Exception {
        harness.processBroadcastElement(
                Control.of(new PeerBaseline("tier1", 0.1, 0.2, 5_000, T0)), T0);
        harness.processBroadcastElement(
                Control.of(
                        new io.agentwatch.models.config.RuleUpdate(
                                "card_search_burst.json",
                                "{\"id\":\"card_search_burst\",\"version\":\"x\"}")),
                T0);
        burst(T0, 6);
        assertThat(harness.extractOutputValues()).as("the old rules still apply").hasSize(1);
    }
}

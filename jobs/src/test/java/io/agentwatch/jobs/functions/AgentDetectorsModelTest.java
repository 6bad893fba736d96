package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.Dataset;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.ModelUpdate;
import io.agentwatch.models.ml.RobustZScoreModel;
import io.agentwatch.models.ml.SyntheticData;
import io.agentwatch.models.ml.Trainer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AgentDetectorsFunction}'s model scoring part. */
class AgentDetectorsModelTest {
    @TempDir static Path dir;
    private static BundleFiles forest;
    private static BundleFiles zScores;

    @BeforeAll
    static void train() throws Exception {
        forest = saved("forest", new Trainer.Options());
        Trainer.Options z = new Trainer.Options();
        z.algorithm = RobustZScoreModel.ALGORITHM;
        zScores = saved("z", z);
    }

    private static BundleFiles saved(String name, Trainer.Options o) throws Exception {
        ModelBundle b =
                Trainer.train(
                        Dataset.of(SyntheticData.agentHours(31, 20, 40, 0), false), o, m -> {});
        b.save(dir.resolve(name));
        return BundleFiles.read(dir.resolve(name));
    }

    private static final long TTL = 400L * 24 * HOUR;

    private static KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> harness(
            Map<String, BundleFiles> initial) throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new AgentDetectorsFunction(Settings.defaults(), initial, TTL),
                        e -> e.agentId,
                        Types.STRING,
                        Descriptors.PEER_BASELINES,
                        Descriptors.RULE_SETTINGS,
                        Descriptors.MODELS);
        // As in the job (ControlWatermarks): the control input holds back no event time.
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    /** An ordinary hour of views, then an hour of 40 card-data searches. */
    private static void quietThenSweep(
            KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> h,
            String agent,
            long hour)
            throws Exception {
        for (int i = 0; i < 20; i++) {
            AccessEvent e = view(agent, hour + i * MINUTE);
            h.processElement(e, e.timestamp);
        }
        for (int i = 0; i < 40; i++) {
            AccessEvent e = cardSearch(agent, hour + HOUR + i * MINUTE);
            h.processElement(e, e.timestamp);
        }
    }

    private static String modelOf(Finding f) {
        return f.modelId;
    }

    /** Every model finding, live and shadow. */
    private static java.util.List<Finding> modelFindings(
            KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> h) {
        var out = h.getSideOutput(Descriptors.MODEL_FINDINGS);
        return out == null
                ? java.util.List.of()
                : out.stream()
                        .map(org.apache.flink.streaming.runtime.streamrecord.StreamRecord::getValue)
                        .toList();
    }

    @Test
    void anHourClosesByEventTimeAndIsScoredWithTheBundleAndTimersAreCleanedUp() throws Exception {
        try (var h = harness(Map.of(ModelUpdate.LIVE, forest))) {
            quietThenSweep(h, "a", T0);
            assertThat(modelFindings(h))
                    .as("the quiet hour, closed by the sweep's first event, is ordinary")
                    .isEmpty();
            assertThat(h.numEventTimeTimers()).as("one timer for the agent").isEqualTo(1);
            assertThat(AgentDetectorStates.wake(h, "a", TTL))
                    .as("at the sweep's window expiry, before the open hour's end")
                    .isEqualTo(AgentDetectorStates.of(h, "a").cardTimer)
                    .isLessThan(T0 + 2 * HOUR);

            h.processWatermark(T0 + 2 * HOUR - 1);
            assertThat(modelFindings(h)).as("the sweep's hour is still open").isEmpty();
            h.processWatermark(T0 + 2 * HOUR);
            assertThat(modelFindings(h))
                    .extracting(f -> f.agentId, f -> f.start, f -> f.shadow, f -> f.modelId)
                    .containsExactly(tuple("a", T0 + HOUR, false, ModelBundle.read(forest).id()));
            Finding f = modelFindings(h).get(0);
            assertThat(f.modelFeatures).extracting(m -> m.name).contains("card_searches");
            assertThat(f.eventIds).hasSize(10);
            assertThat(h.numEventTimeTimers())
                    .as("once the window expired and the hour closed, one timer still")
                    .isEqualTo(1);
            assertThat(AgentDetectorStates.wake(h, "a", TTL))
                    .as("at the review period's end")
                    .isEqualTo(AgentDetectorStates.of(h, "a").usage.periodEnd);
        }
    }

    @Test
    void aBroadcastBundleReplacesTheLiveOneAndAShadowBundleScoresBesideIt() throws Exception {
        String forestId = ModelBundle.read(forest).id();
        String zId = ModelBundle.read(zScores).id();
        try (var h = harness(Map.of(ModelUpdate.LIVE, forest))) {
            quietThenSweep(h, "a", T0);
            h.processWatermark(T0 + 2 * HOUR);
            assertThat(modelFindings(h))
                    .extracting(AgentDetectorsModelTest::modelOf)
                    .containsExactly(forestId);

            h.processBroadcastElement(Control.of(new ModelUpdate(ModelUpdate.LIVE, zScores)), 0);
            h.processBroadcastElement(Control.of(new ModelUpdate(ModelUpdate.SHADOW, forest)), 0);
            quietThenSweep(h, "b", T0 + 2 * HOUR);
            h.processWatermark(T0 + 4 * HOUR);
            assertThat(modelFindings(h))
                    .filteredOn(f -> f.start == T0 + 3 * HOUR)
                    .extracting(f -> f.agentId, f -> f.modelId, f -> f.shadow)
                    .containsExactlyInAnyOrder(tuple("b", zId, false), tuple("b", forestId, true));
            assertThat(h.extractOutputValues())
                    .as("findings for the agents' risk: the live model's, never the shadow's")
                    .filteredOn(f -> f.modelId != null && f.start == T0 + 3 * HOUR)
                    .extracting(f -> f.modelId)
                    .containsExactly(zId);
        }
    }

    @Test
    void aDamagedBundleIsIgnoredAndTheOneInForceKeepsScoring() throws Exception {
        BundleFiles damaged = new BundleFiles();
        damaged.source = "damaged";
        damaged.manifest = zScores.manifest;
        damaged.model = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var h = harness(Map.of(ModelUpdate.LIVE, forest))) {
            h.processBroadcastElement(Control.of(new ModelUpdate(ModelUpdate.LIVE, damaged)), 0);
            quietThenSweep(h, "a", T0);
            h.processWatermark(T0 + 2 * HOUR);
            assertThat(modelFindings(h))
                    .extracting(AgentDetectorsModelTest::modelOf)
                    .containsExactly(ModelBundle.read(forest).id());
        }
    }

    @Test
    void withoutABundleNothingIsScoredUntilOneArrives() throws Exception {
        try (var h = harness(Map.of())) {
            quietThenSweep(h, "a", T0);
            h.processWatermark(T0 + 2 * HOUR);
            assertThat(modelFindings(h)).isEmpty();
            h.processBroadcastElement(Control.of(new ModelUpdate(ModelUpdate.SHADOW, forest)), 0);
            quietThenSweep(h, "b", T0 + 2 * HOUR);
            h.processWatermark(T0 + 4 * HOUR);
            assertThat(modelFindings(h))
                    .extracting(f -> f.agentId, f -> f.shadow)
                    .containsExactly(tuple("b", true));
        }
    }

    @Test
    void theCardWindowsExpiryAndTheHoursEndMayFallOnOneInstantAndNeitherIsLost() throws Exception {
        try (var h = harness(Map.of(ModelUpdate.LIVE, forest))) {
            // The window (15 min) of a search at :45 expires at the hour's end, :60.
            AccessEvent first = cardSearch("a", T0 + 45 * MINUTE);
            h.processElement(first, first.timestamp);
            AccessEvent later = cardSearch("a", T0 + 50 * MINUTE);
            h.processElement(later, later.timestamp);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            assertThat(AgentDetectorStates.wake(h, "a", TTL))
                    .as("moving the card window's expiry to :65 leaves the timer at the hour's end")
                    .isEqualTo(T0 + HOUR);
            h.processWatermark(T0 + HOUR);
            assertThat(AgentDetectorStates.of(h, "a").features.windowStart)
                    .as("the hour closed at its end")
                    .isEqualTo(Long.MIN_VALUE);
            h.processWatermark(T0 + 65 * MINUTE);
            assertThat(AgentDetectorStates.of(h, "a").card.windowSize).isZero();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            assertThat(AgentDetectorStates.wake(h, "a", TTL))
                    .as("the review period's end")
                    .isEqualTo(AgentDetectorStates.of(h, "a").usage.periodEnd);

            // Now the hour's end is the card timer too, and a later hour's event closes the hour.
            AccessEvent search = cardSearch("a", T0 + HOUR + 45 * MINUTE);
            h.processElement(search, search.timestamp);
            AccessEvent nextHour = view("a", T0 + 2 * HOUR + MINUTE);
            h.processElement(nextHour, nextHour.timestamp);
            h.processWatermark(T0 + 2 * HOUR);
            assertThat(AgentDetectorStates.of(h, "a").card.windowSize)
                    .as("the card window expired at the closed hour's end")
                    .isZero();
        }
    }

    @Test
    void agentsRestoredFromAJobWithoutAModelAreScoredOnceOneIsGiven() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var before =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new AgentDetectorsFunction(Settings.defaults(), null, 400L * 24 * HOUR),
                        e -> e.agentId,
                        Types.STRING,
                        Descriptors.PEER_BASELINES,
                        Descriptors.RULE_SETTINGS,
                        Descriptors.MODELS)) {
            AccessEvent e = view("a", T0);
            before.processElement(e, e.timestamp);
            assertThat(AgentDetectorStates.of(before, "a").features).isNull();
            snapshot = before.snapshot(1, T0);
        }
        try (var h =
                AgentDetectorStates.restoredHarness(
                        new AgentDetectorsFunction(
                                Settings.defaults(),
                                Map.of(ModelUpdate.LIVE, forest),
                                400L * 24 * HOUR),
                        snapshot)) {
            assertThat(AgentDetectorStates.of(h, "a").recentIds.count)
                    .as("the agent's state restored")
                    .isOne();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            quietThenSweep(h, "a", T0 + 2 * HOUR);
            h.processWatermark(T0 + 4 * HOUR);
            assertThat(modelFindings(h))
                    .extracting(f -> f.agentId, f -> f.start)
                    .containsExactly(tuple("a", T0 + 3 * HOUR));
        }
    }
}

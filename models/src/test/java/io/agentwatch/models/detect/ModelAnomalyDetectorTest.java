package io.agentwatch.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.features.AgentHourFeatures;
import io.agentwatch.models.features.FeatureWindow;
import io.agentwatch.models.ml.Dataset;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.SyntheticData;
import io.agentwatch.models.ml.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelAnomalyDetectorTest {
    private static ModelBundle bundle;

    @BeforeAll
    static void train() {
        // Normal hours only: the anomalies below are new to the model.
        bundle =
                Trainer.train(
                        Dataset.of(SyntheticData.agentHours(21, 20, 40, 0), false),
                        new Trainer.Options(),
                        m -> {});
    }

    private static FeatureWindow normalHour() {
        return SyntheticData.agentHours(22, 1, 1, 0).get(0);
    }

    private static FeatureWindow cardSweepHour() {
        FeatureWindow w = normalHour();
        w.values[AgentHourFeatures.CARD_SEARCHES] = 40;
        w.values[AgentHourFeatures.CARD_SEARCHES_VS_OWN] = 30;
        w.values[AgentHourFeatures.PCI_EVENTS] = 40;
        w.agentUsual = w.values.clone();
        w.agentUsual[AgentHourFeatures.CARD_SEARCHES] = 0.2;
        w.agentUsual[AgentHourFeatures.CARD_SEARCHES_VS_OWN] = 1;
        w.agentUsual[AgentHourFeatures.PCI_EVENTS] = 0.1;
        w.eventIds = new String[] {"e-1", "e-2"};
        return w;
    }

    private static ModelAnomalyDetector detector(Map<String, String> changes) {
        return new ModelAnomalyDetector(Settings.defaults().with(changes));
    }

    @Test
    void anHourUnlikeTheTrainingHoursIsAnExplainedFindingNamingTheBundle() {
        FeatureWindow w = cardSweepHour();
        Finding f = detector(Map.of()).score(bundle, w, false);

        assertThat(f).isNotNull();
        assertThat(f.ruleId).isEqualTo(ModelAnomalyDetector.RULE_ID);
        assertThat(f.modelId).isEqualTo(bundle.id());
        assertThat(f.modelPercentile).isGreaterThanOrEqualTo(99.9);
        assertThat(f.shadow).isFalse();
        assertThat(f.agentId).isEqualTo(w.agentId);
        assertThat(f.start).isEqualTo(w.windowStart);
        assertThat(f.end).isEqualTo(w.windowEnd);
        assertThat(f.findingId).isEqualTo("model_anomaly:" + w.agentId + ":" + w.windowStart);
        assertThat(f.eventIds).containsExactly("e-1", "e-2");
        // The card-data features stand out, and the reason says so with the agent's usual value.
        assertThat(f.modelFeatures).hasSize(ModelAnomalyDetector.EXPLAINED_FEATURES);
        assertThat(f.modelFeatures)
                .extracting(m -> m.name)
                .contains("card_searches", "card_searches_vs_own");
        ModelFeature cards =
                List.of(f.modelFeatures).stream()
                        .filter(m -> m.name.equals("card_searches"))
                        .findFirst()
                        .orElseThrow();
        assertThat(cards.value).isEqualTo(40);
        assertThat(cards.agentUsual).isEqualTo(0.2);
        assertThat(f.reason)
                .startsWith("Agent " + w.agentId + " (" + w.agentRole + "), hour from ")
                .contains(bundle.id())
                .contains("card_searches 40 (usually 0.20");
        // Risk between risk_score (12.5) at min_percentile and twice it at 100.
        assertThat(f.riskScore).isBetween(12.5, 25.0);
    }

    @Test
    void anOrdinaryHourIsNoFinding() {
        assertThat(bundle.percentile(normalHour().values)).isLessThan(99.9);
        assertThat(detector(Map.of()).score(bundle, normalHour(), false)).isNull();
    }

    @Test
    void theThresholdAndRiskComeFromTheRule() {
        // An hour odder than most training hours but not all of them.
        FeatureWindow w =
                SyntheticData.agentHours(23, 10, 10, 0).stream()
                        .filter(h -> bundle.percentile(h.values) > 60)
                        .filter(h -> bundle.percentile(h.values) < 100)
                        .findFirst()
                        .orElseThrow();
        double p = bundle.percentile(w.values);
        assertThat(detector(Map.of()).score(bundle, w, false)).as("under the default").isNull();
        assertThat(
                        detector(Map.of("model_anomaly.min_percentile", Double.toString(p + 1e-6)))
                                .score(bundle, w, false))
                .as("just above this hour's percentile")
                .isNull();
        Finding f =
                detector(
                                Map.of(
                                        "model_anomaly.min_percentile",
                                        "50",
                                        "model_anomaly.risk_score",
                                        "10"))
                        .score(bundle, w, false);
        assertThat(f.riskScore).isCloseTo(10 * (1 + (p - 50) / 50), offset(1e-9));
        assertThat(f.threshold).isEqualTo(50);
        assertThat(f.severity).isEqualTo(Severity.LOW);
    }

    @Test
    void aShadowBundleReportsEvenWhenTheRuleIsDisabledAndItsFindingsAreMarked() {
        FeatureWindow w = cardSweepHour();
        ModelAnomalyDetector disabled = detector(Map.of("model_anomaly.enabled", "false"));
        assertThat(disabled.score(bundle, w, false)).isNull();
        Finding shadow = disabled.score(bundle, w, true);
        assertThat(shadow.shadow).isTrue();
        assertThat(shadow.findingId).endsWith(":shadow");
    }

    @Test
    void aBundleOfOtherColumnsIsRefusedNamingItsSchema(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(",0\n");
        }
        Path file = dir.resolve("other.csv");
        Files.writeString(file, csv);
        ModelBundle other =
                Trainer.train(
                        Dataset.readCsv(file, "label").withoutLabels(),
                        new Trainer.Options(),
                        m -> {});
        assertThatThrownBy(() -> ModelAnomalyDetector.checkScoresAgentHours(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature schema")
                .hasMessageContaining(AgentHourFeatures.id());
        ModelAnomalyDetector.checkScoresAgentHours(bundle);
    }
}

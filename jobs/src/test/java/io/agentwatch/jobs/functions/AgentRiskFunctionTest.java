package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.Severity;
import io.agentwatch.models.risk.AgentRisk;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.risk.AlertEpisodes;
import io.agentwatch.models.risk.RiskRateCap;
import io.agentwatch.models.risk.RiskScorer;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class AgentRiskFunctionTest {
    private static Finding finding(String agent, String rule, double risk, long at) {
        Finding f = new Finding();
        f.findingId = rule + ":" + agent + ":" + at;
        f.ruleId = rule;
        f.ruleName = rule;
        f.ruleVersion = 1;
        f.severity = Severity.HIGH;
        f.riskScore = risk;
        f.agentId = agent;
        f.start = at;
        f.end = at;
        f.reason = rule;
        f.eventIds = new String[] {"e-" + at};
        return f;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Finding, Alert> harness()
            throws Exception {
        Settings settings = Settings.defaults();
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AgentRiskFunction(
                        new RiskScorer(settings),
                        new AlertEpisodes(settings),
                        new RiskRateCap(settings),
                        30 * 24 * HOUR),
                f -> f.agentId,
                Types.STRING);
    }

    @Test
    void oneAlertPerAgentEpisodeRevisedByEachFindingAndRiskForEveryFinding() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Finding, Alert> h = harness()) {
            Finding[] findings = {
                finding("a", "new_country", 50, T0),
                finding("b", "bulk_access", 70, T0),
                finding("a", "impossible_travel", 75, T0 + HOUR),
                finding("a", "off_hours", 50, T0 + 4 * 24 * HOUR), // a's risk decayed: new episode
            };
            for (Finding f : findings) {
                h.processElement(f, f.end);
            }
            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts)
                    .extracting(a -> a.agentId + " r" + a.revision + " " + a.severity.label())
                    .containsExactly("a r1 medium", "b r1 medium", "a r2 high", "a r1 medium");
            assertThat(alerts.get(2).alertId).isEqualTo(alerts.get(0).alertId);
            assertThat(alerts.get(3).alertId).isNotEqualTo(alerts.get(0).alertId);

            List<AgentRisk> risk =
                    h.getSideOutput(Descriptors.AGENT_RISK).stream()
                            .map(StreamRecord::getValue)
                            .collect(Collectors.toList());
            assertThat(risk).hasSize(findings.length);
            assertThat(risk)
                    .extracting(r -> r.alertId)
                    .containsExactly(
                            alerts.get(0).alertId,
                            alerts.get(1).alertId,
                            alerts.get(0).alertId,
                            alerts.get(3).alertId);
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Finding, Alert> unopened()
            throws Exception {
        Settings settings = Settings.defaults();
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new AgentRiskFunction(
                                new RiskScorer(settings),
                                new AlertEpisodes(settings),
                                new RiskRateCap(settings),
                                30 * 24 * HOUR)),
                f -> f.agentId,
                Types.STRING);
    }

    @Test
    void riskDocumentsAreCappedPerMinuteButALevelChangeAndTheLatestRiskAlwaysGoOut()
            throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Finding, Alert> h = harness()) {
            long s = 1_000;
            h.processElement(finding("a", "new_country", 55, T0), T0); // medium: out
            h.processElement(finding("a", "off_hours", 5, T0 + 10 * s), T0 + 10 * s); // held
            h.processElement(finding("a", "off_hours", 5, T0 + 20 * s), T0 + 20 * s); // replaces
            assertThat(risk(h)).extracting(r -> r.timestamp).containsExactly(T0);
            h.processElement(finding("a", "bulk_access", 70, T0 + 30 * s), T0 + 30 * s); // high
            assertThat(risk(h))
                    .as("a new level goes out at once")
                    .extracting(r -> r.level)
                    .containsExactly("medium", "high");
            h.processElement(finding("a", "off_hours", 5, T0 + 40 * s), T0 + 40 * s); // held
            h.processWatermark(T0 + 89 * s);
            assertThat(risk(h)).hasSize(2);
            h.processWatermark(T0 + 90 * s);
            assertThat(risk(h))
                    .as("the latest held-back risk goes out when the minute ends")
                    .extracting(r -> r.timestamp)
                    .containsExactly(T0, T0 + 30 * s, T0 + 40 * s);
        }
    }

    private static List<AgentRisk> risk(
            KeyedOneInputStreamOperatorTestHarness<String, Finding, Alert> h) {
        return h.getSideOutput(Descriptors.AGENT_RISK).stream()
                .map(StreamRecord::getValue)
                .collect(Collectors.toList());
    }

    @Test
    void theEpisodeSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        String id;
        try (KeyedOneInputStreamOperatorTestHarness<String, Finding, Alert> h = unopened()) {
            h.open();
            h.processElement(finding("a", "new_country", 50, T0), T0);
            id = h.extractOutputValues().get(0).alertId;
            snapshot = h.snapshot(1, T0);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Finding, Alert> h = unopened()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(finding("a", "bulk_access", 60, T0 + HOUR), T0 + HOUR);
            Alert revised = h.extractOutputValues().get(0);
            assertThat(revised.alertId).isEqualTo(id);
            assertThat(revised.revision).isEqualTo(2);
            assertThat(revised.findings).hasSize(2);
        }
    }
}

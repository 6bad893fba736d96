package io.agentwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.testing.MiniClusters;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.output.DeadLetter;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.Label;
import io.agentwatch.models.simulator.Scenario;
import io.agentwatch.models.simulator.ScenarioScorer;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a MiniCluster over a small simulated contact centre: with the
 * card_search_sweep scenario injected it must alert on that agent, and without it must not alert at
 * all (every other scenario stays in, as background that must not trigger this detector).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DetectionJobITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final SimulationConfig SMALL =
            new SimulationConfig(11, 40, 3, SimulationConfig.DEFAULT_START, 5_000);

    @TempDir Path dir;

    private static final class Run {
        final List<Finding> findings = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        List<Label> labels;
    }

    private Run run(SimulationConfig config, String... badLines) throws Exception {
        Path input = dir.resolve("events-" + config.scenarios.size() + ".ndjson");
        ContactCentreSimulator sim = new ContactCentreSimulator(config);
        try (OutputStream out = Files.newOutputStream(input)) {
            sim.run(out, null);
            for (String bad : badLines) {
                out.write((bad + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DetectionStreams streams =
                new DetectionJob(Settings.defaults(), null)
                        .wire(
                                env.fromSource(
                                                io.agentwatch.jobs.io.FileInputs.source(input),
                                                WatermarkStrategy.noWatermarks(),
                                                "events")
                                        .setParallelism(1));
        Run run = new Run();
        try (CloseableIterator<Finding> findings = streams.findings.collectAsync();
                CloseableIterator<Alert> alerts = streams.alerts.collectAsync();
                CloseableIterator<DeadLetter> dead = streams.deadLetters.collectAsync()) {
            env.execute("detection-it");
            findings.forEachRemaining(run.findings::add);
            alerts.forEachRemaining(run.alerts::add);
            dead.forEachRemaining(run.deadLetters::add);
        }
        run.labels = sim.labels();
        return run;
    }

    private static List<Finding> cardSearchAlerts(Run run) {
        return run.findings.stream()
                .filter(a -> a.ruleId.equals("card_search_burst"))
                .collect(java.util.stream.Collectors.toList());
    }

    /** The latest revision of each alert. */
    private static Map<String, Alert> latest(Run run) {
        Map<String, Alert> latest = new TreeMap<>();
        for (Alert a : run.alerts) {
            latest.merge(a.alertId, a, (x, y) -> y.revision > x.revision ? y : x);
        }
        return latest;
    }

    private static Set<String> unmatched(Run run) {
        List<ScenarioScorer.ScoredFinding> scored = new ArrayList<>();
        for (Alert a : latest(run).values()) {
            scored.addAll(ScenarioScorer.findings(a));
        }
        return ScenarioScorer.score(run.labels, scored).unmatchedAlerts;
    }

    @Test
    void alertsOnTheCardSweepAgentOnly() throws Exception {
        Run run = run(SMALL);
        Label sweep =
                run.labels.stream()
                        .filter(l -> l.scenario == Scenario.CARD_SEARCH_SWEEP)
                        .findFirst()
                        .orElseThrow();
        List<Finding> card = cardSearchAlerts(run);
        assertThat(card).isNotEmpty();
        assertThat(card).extracting(a -> a.agentId).containsOnly(sweep.agentId);
        assertThat(unmatched(run)).as("alerts that match no injected scenario").isEmpty();
        Finding first = card.get(0);
        Set<String> labelled = new HashSet<>(sweep.eventIds);
        assertThat(first.eventIds).allMatch(labelled::contains);
        assertThat(first.start).isBetween(sweep.start, sweep.end);
        assertThat(first.observed).isGreaterThanOrEqualTo(5);
        assertThat(first.reason).contains(sweep.agentId);

        List<Alert> sweepAlerts =
                latest(run).values().stream()
                        .filter(a -> a.agentId.equals(sweep.agentId))
                        .collect(java.util.stream.Collectors.toList());
        assertThat(sweepAlerts).as("one alert for the agent's episode").hasSize(1);
        Alert alert = sweepAlerts.get(0);
        assertThat(alert.findings).extracting(f -> f.ruleId).contains("card_search_burst");
        assertThat(alert.reason).contains(sweep.agentId, "card_search_burst");
        assertThat(alert.eventIds).isNotEmpty().allMatch(labelled::contains);
        assertThat(run.alerts.stream().filter(a -> a.alertId.equals(alert.alertId)))
                .as("every revision has the same id and its own number")
                .extracting(a -> a.revision)
                .doesNotHaveDuplicates()
                .contains(1);
        assertThat(run.deadLetters).isEmpty();
    }

    @Test
    void raisesNoAlertWithoutTheCardSweepAndDeadLettersBadInput() throws Exception {
        EnumSet<Scenario> others = EnumSet.allOf(Scenario.class);
        others.remove(Scenario.CARD_SEARCH_SWEEP);
        Run run =
                run(
                        SMALL.withScenarios(others),
                        "not json at all 4111111111111111",
                        "{\"event_id\":\"x\"}");
        assertThat(cardSearchAlerts(run)).isEmpty();
        assertThat(unmatched(run)).as("alerts that match no injected scenario").isEmpty();
        assertThat(run.deadLetters)
                .extracting(d -> d.reason)
                .containsExactlyInAnyOrder("NOT_JSON", "MISSING");
        assertThat(run.deadLetters)
                .extracting(d -> d.raw)
                .noneMatch(r -> r.contains("4111111111111111"));
    }
}

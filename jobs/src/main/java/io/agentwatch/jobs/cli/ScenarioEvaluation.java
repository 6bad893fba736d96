package io.agentwatch.jobs.cli;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.Label;
import io.agentwatch.models.simulator.ScenarioScorer;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One seed through the real pipeline: simulate, detect, score against the ground truth. */
final class ScenarioEvaluation {
    final long seed;
    final int agents;
    final int days;
    final long events;
    final ScenarioScorer.Score score;

    private ScenarioEvaluation(
            long seed, int agents, int days, long events, ScenarioScorer.Score score) {
        this.seed = seed;
        this.agents = agents;
        this.days = days;
        this.events = events;
        this.score = score;
    }

    /** False alerts (matching no injected scenario) per 100 agent-days. */
    double falseAlertsPer100AgentDays() {
        return score.unmatchedAlerts.size() * 100.0 / ((double) agents * days);
    }

    /**
     * @param models model bundles the job scores with, by slot; empty for the rules alone
     */
    static ScenarioEvaluation run(
            SimulationConfig config,
            Settings settings,
            Map<String, BundleFiles> models,
            int parallelism)
            throws Exception {
        ContactCentreSimulator simulator = new ContactCentreSimulator(config);
        Path raw = Files.createTempFile("agentwatch-evaluate-", ".ndjson");
        try {
            long events;
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16)) {
                events = simulator.run(o, null);
            }
            Map<String, Alert> latest =
                    HistoryReplay.latestAlerts(
                            raw,
                            settings,
                            null,
                            models,
                            parallelism,
                            "agentwatch evaluate seed " + config.seed);
            List<ScenarioScorer.ScoredFinding> findings = new ArrayList<>();
            for (Alert a : latest.values()) {
                findings.addAll(ScenarioScorer.findings(a));
            }
            List<Label> labels = simulator.labels();
            return new ScenarioEvaluation(
                    config.seed,
                    config.agents,
                    config.days,
                    events,
                    ScenarioScorer.score(labels, findings));
        } finally {
            Files.deleteIfExists(raw);
        }
    }
}

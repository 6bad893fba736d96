package io.agentwatch.jobs.cli;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.simulator.Scenario;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./detector evaluate --scenarios}: the simulator, seed by seed, through the real pipeline;
 * per scenario caught or missed and the time to detect, and false alerts per 100 agent-days.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Measures detection quality on simulated contact centres with injected scenarios.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(
            names = "--scenarios",
            required = true,
            description = "Evaluate on the labelled simulator scenarios.")
    boolean scenarios;

    @Option(
            names = "--seeds",
            split = ",",
            defaultValue = "1,2,3,4,5",
            description = "Simulator seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds = new ArrayList<>();

    @Option(
            names = "--days",
            defaultValue = "28",
            description = "Simulated days per seed (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--agents",
            defaultValue = "" + SimulationConfig.DEFAULT_AGENTS,
            description = "Agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Mixin SettingsOptions settingsOptions;

    @Override
    public Integer call() throws Exception {
        Settings settings = settingsOptions.load();
        List<ScenarioEvaluation> runs = new ArrayList<>();
        for (long seed : seeds) {
            System.err.printf("evaluate: seed %d: %d agents over %d days...%n", seed, agents, days);
            long started = System.nanoTime();
            ScenarioEvaluation run =
                    ScenarioEvaluation.run(
                            new SimulationConfig(
                                    seed,
                                    agents,
                                    days,
                                    SimulationConfig.DEFAULT_START,
                                    SimulationConfig.DEFAULT_CUSTOMERS),
                            settings,
                            parallelism);
            System.err.printf(
                    "evaluate: seed %d: %,d events in %.0f s%n",
                    seed, run.events, (System.nanoTime() - started) / 1e9);
            runs.add(run);
        }
        print(runs, System.out);
        return 0;
    }

    static void print(List<ScenarioEvaluation> runs, PrintStream out) {
        StringBuilder header = new StringBuilder(String.format("%-26s", "scenario"));
        for (ScenarioEvaluation r : runs) {
            header.append(String.format(" | %-14s", "seed " + r.seed));
        }
        out.println(header.append(" | caught"));
        out.println("-".repeat(header.length()));
        for (Scenario s : Scenario.values()) {
            StringBuilder row = new StringBuilder(String.format("%-26s", s.id()));
            int caught = 0;
            for (ScenarioEvaluation r : runs) {
                Long ttd = r.score.timeToDetectMillis.get(s);
                String cell =
                        !r.score.caughtBy.containsKey(s)
                                ? "not injected"
                                : ttd == null ? "missed" : "caught " + duration(ttd);
                caught += ttd == null ? 0 : 1;
                row.append(String.format(" | %-14s", cell));
            }
            out.println(row.append(String.format(" | %d/%d", caught, runs.size())));
        }
        StringBuilder fa = new StringBuilder(String.format("%-26s", "false alerts /100 agent-d"));
        for (ScenarioEvaluation r : runs) {
            fa.append(
                    String.format(
                            Locale.ROOT,
                            " | %-14s",
                            String.format(
                                    Locale.ROOT,
                                    "%.2f (%d)",
                                    r.falseAlertsPer100AgentDays(),
                                    r.score.unmatchedAlerts.size())));
        }
        out.println(fa);
    }

    /** Time to detect, e.g. {@code 4m} or {@code 2h10m}. */
    static String duration(long millis) {
        long minutes = Math.round(millis / 60_000.0);
        return minutes < 60
                ? minutes + "m"
                : minutes / 60 + "h" + (minutes % 60 == 0 ? "" : minutes % 60 + "m");
    }
}

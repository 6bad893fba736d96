package io.agentwatch.jobs.cli;

import io.agentwatch.models.config.RuleFiles;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.risk.AlertDiff;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./detector backtest}: replays history through the real pipeline twice, with the rules and
 * model in force and with the proposed ones, and prints what the change would do: alerts that would
 * start and stop firing, severity changes, and alerts per day for both. A threshold or model change
 * is judged before it ships.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description =
                "Replays history with the current and the proposed rules/model; prints the alerts"
                        + " that would start and stop firing and alerts per day for both.")
public final class BacktestCommand implements Callable<Integer> {
    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH",
            description = "History: an NDJSON file, .gz file, or a folder of them.")
    Path input;

    @Mixin SettingsOptions proposed;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description = "Proposed model bundle (default: none).")
    Path proposedModel;

    @Option(
            names = "--current-rules",
            paramLabel = "DIR",
            description = "Rule files in force (default: the shipped rules).")
    Path currentRules;

    @Option(
            names = "--current-model",
            paramLabel = "DIR",
            description = "Model bundle in force (default: none).")
    Path currentModel;

    @Option(
            names = "--list",
            defaultValue = "50",
            paramLabel = "N",
            description = "Alerts listed at most per section (default: ${DEFAULT-VALUE}).")
    int list;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        // --config applies to both runs; --rules, --set and --model are the proposal.
        Map<String, String> rules =
                currentRules == null ? RuleFiles.loadDefaults() : RuleFiles.load(currentRules);
        Settings current = Settings.load(rules, proposed.configFile, Map.of());
        Settings next = proposed.load();
        Map<String, BundleFiles> currentModels = new ModelOptions(currentModel, null).load();
        Map<String, BundleFiles> nextModels = new ModelOptions(proposedModel, null).load();
        String sensitivity = proposed.sensitivityRulesPath();

        String currentName = describe(currentRules, currentModel);
        String proposedName =
                describe(proposed.rulesDir, proposedModel)
                        + (proposed.overrides.isEmpty() ? "" : " with --set " + proposed.overrides);
        Collection<Alert> before =
                replay("current (" + currentName + ")", current, currentModels, sensitivity);
        Collection<Alert> after =
                replay("proposed (" + proposedName + ")", next, nextModels, sensitivity);
        print(AlertDiff.of(before, after), currentName, proposedName, list, System.out);
        return 0;
    }

    private Collection<Alert> replay(
            String name, Settings settings, Map<String, BundleFiles> models, String sensitivity)
            throws Exception {
        System.err.println("backtest: replaying " + input + " with the " + name + " rules...");
        long started = System.nanoTime();
        Collection<Alert> alerts =
                HistoryReplay.latestAlerts(
                                input,
                                settings,
                                sensitivity,
                                models,
                                parallelism,
                                "agentwatch backtest " + name)
                        .values();
        System.err.printf(
                "backtest: %s: %d alerts in %.0f s%n",
                name, alerts.size(), (System.nanoTime() - started) / 1e9);
        return alerts;
    }

    private static String describe(Path rules, Path model) {
        return (rules == null ? "shipped rules" : "rules " + rules)
                + (model == null ? "" : ", model " + model);
    }

    static void print(
            AlertDiff d, String currentName, String proposedName, int list, PrintStream out) {
        out.println("current:  " + currentName);
        out.println("proposed: " + proposedName);
        out.printf("%-12s %8s %9s%n", "alerts", "current", "proposed");
        out.printf("%-12s %8d %9d%n", "total", d.current, d.proposed);
        for (Map.Entry<LocalDate, int[]> day : d.perDay.entrySet()) {
            out.printf("%-12s %8d %9d%n", day.getKey(), day.getValue()[0], day.getValue()[1]);
        }
        section(out, "would start firing", d.startFiring, list);
        section(out, "would stop firing", d.stopFiring, list);
        out.printf("severity would change (%d)%n", d.severityChanged.size());
        for (Alert[] pair :
                d.severityChanged.subList(0, Math.min(list, d.severityChanged.size()))) {
            out.println("  " + line(pair[1]) + "  (was " + pair[0].severity.label() + ")");
        }
        if (d.unchanged()) {
            out.println("no change: the same alerts fire with the same severity");
        }
    }

    private static void section(PrintStream out, String title, List<Alert> alerts, int list) {
        out.printf("%s (%d)%n", title, alerts.size());
        for (Alert a : alerts.subList(0, Math.min(list, alerts.size()))) {
            out.println("  " + line(a));
        }
        if (alerts.size() > list) {
            out.printf("  ... and %d more (--list)%n", alerts.size() - list);
        }
    }

    /** One alert on a line: when, who, how bad, which rules, why. */
    static String line(Alert a) {
        String rules =
                List.of(a.findings).stream().map(f -> f.ruleId).collect(Collectors.joining(","));
        return String.format(
                "%s  %s  %s  %s  %s",
                Instant.ofEpochMilli(a.opened), a.agentId, a.severity.label(), rules, a.reason);
    }
}

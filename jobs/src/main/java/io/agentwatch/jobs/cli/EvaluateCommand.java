package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.report.ModelReport;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.Dataset;
import io.agentwatch.models.ml.Evaluation;
import io.agentwatch.models.ml.IsolationForestModel;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.Trainer;
import io.agentwatch.models.simulator.Scenario;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./detector evaluate}: with {@code --scenarios}, the simulator seed by seed through the
 * real pipeline (per scenario caught or missed and the time to detect, false alerts per 100
 * agent-days); with {@code --model}, a model bundle on labelled events or features; with {@code
 * --csv}, the default model trained and judged on any labelled numeric CSV.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Measures detection quality: the rules on simulated scenarios (--scenarios), a"
                        + " model bundle on labelled data (--model), or the default model on any"
                        + " labelled numeric CSV (--csv).")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--scenarios", description = "Evaluate on the labelled simulator scenarios.")
    boolean scenarios;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description =
                    "A model bundle to evaluate; with --scenarios, the job scores with it beside"
                            + " the rules.")
    Path model;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description = "With --model: events (.ndjson[.gz] file or folder).")
    Path input;

    @Option(
            names = "--features",
            paramLabel = "CSV",
            description = "With --model: a labelled features CSV instead of --input.")
    Path features;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "With --model --input: the labels CSV.")
    Path labels;

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description =
                    "Any numeric CSV with a label column: trains the default model with the"
                            + " labels withheld and judges it against them.")
    Path csv;

    @Option(
            names = "--label-column",
            paramLabel = "NAME",
            defaultValue = "label",
            description = "With --csv: the label column (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(
            names = "--alerts-per-day",
            defaultValue = "5",
            description = "With --model: the alert budget (default: ${DEFAULT-VALUE}).")
    double alertsPerDay;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            defaultValue = "model-evaluation.html",
            description =
                    "With --model or --csv: the HTML report of plots (default: ${DEFAULT-VALUE}).")
    Path report;

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
        int modes =
                (scenarios ? 1 : 0) + (model != null && !scenarios ? 1 : 0) + (csv != null ? 1 : 0);
        if (modes != 1) {
            throw new ParameterException(
                    new CommandLine(this),
                    "give exactly one of --scenarios [--model DIR], --model or --csv");
        }
        if (!scenarios) {
            return evaluateModel();
        }
        Settings settings = settingsOptions.load();
        Map<String, BundleFiles> models = new ModelOptions(model, null).load();
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
                            models,
                            parallelism);
            System.err.printf(
                    "evaluate: seed %d: %,d events in %.0f s%n",
                    seed, run.events, (System.nanoTime() - started) / 1e9);
            runs.add(run);
        }
        print(runs, System.out);
        return 0;
    }

    private int evaluateModel() throws Exception {
        Dataset d;
        ModelBundle bundle;
        String source;
        if (csv != null) {
            d = Dataset.readCsv(csv, labelColumn);
            System.err.printf(
                    "evaluate: %,d rows, %d feature columns; training %s with the labels"
                            + " withheld%n",
                    d.rows(), d.columns.size(), IsolationForestModel.ALGORITHM);
            Dataset unlabelled = d.withoutLabels();
            Trainer.Options o = new Trainer.Options();
            o.source = csv.toString();
            bundle = Trainer.train(unlabelled, o, m -> System.err.println("evaluate: " + m));
            source = csv.toString();
        } else {
            bundle = ModelBundle.load(model);
            d =
                    FeatureInputs.dataset(
                            input, features, labels, settingsOptions.sensitivityRulesPath());
            source = model + " on " + (input != null ? input : features);
        }
        Evaluation e = Evaluation.of(bundle, d, alertsPerDay);
        ModelReport.print(e, System.out);
        ModelReport.write(e, report, source);
        System.err.println("evaluate: report " + report.toAbsolutePath());
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

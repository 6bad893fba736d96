package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.report.ModelReport;
import io.agentwatch.models.features.AgentHourFeatures;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data scientist's loop on simulated data: {@code features} exports labelled vectors, {@code
 * train} writes a bundle, {@code evaluate --model} prints the metrics and writes a report that
 * renders in headless Chromium; {@code evaluate --csv} judges the default model on any CSV.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ModelCommandsITCase {
    private static final Pattern METRIC = Pattern.compile("(?m)^(ROC-AUC|PR-AUC) (\\d\\.\\d+)$");

    @TempDir Path dir;

    @Test
    void featuresTrainAndEvaluateOnASimulatedContactCentre() throws Exception {
        Path events = dir.resolve("events.ndjson");
        CliTestSupport.simulate(events, 3, 60, 10, 5000);
        Path labels = dir.resolve("events.labels.csv");
        Path features = dir.resolve("features.csv");
        CliTestSupport.run(
                "features",
                "--input",
                events.toString(),
                "--labels",
                labels.toString(),
                "--out",
                features.toString());
        List<String> lines = Files.readAllLines(features, StandardCharsets.UTF_8);
        assertThat(lines.get(0))
                .contains(String.join(",", AgentHourFeatures.NAMES))
                .endsWith(",label");
        assertThat(lines).anyMatch(l -> l.endsWith(",bulk_scrape"));

        Path bundle = dir.resolve("bundle");
        String trained =
                CliTestSupport.run(
                        "train", "--input", events.toString(), "--out", bundle.toString());
        assertThat(trained).contains("bundle isolation-forest-");
        ModelBundle loaded = ModelBundle.load(bundle);
        assertThat(loaded.manifest.schema).isEqualTo(AgentHourFeatures.id());

        Path report = dir.resolve("evaluation.html");
        String printed =
                CliTestSupport.run(
                        "evaluate",
                        "--model",
                        bundle.toString(),
                        "--features",
                        features.toString(),
                        "--alerts-per-day",
                        "5",
                        "--report",
                        report.toString());
        assertThat(metric(printed, "ROC-AUC")).isGreaterThan(0.7);
        assertThat(metric(printed, "PR-AUC")).isBetween(0.0, 1.0);
        assertThat(printed).contains("recall per scenario at the budget").contains("bulk_scrape");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(CardNumbers.containsCardNumber(html)).isFalse();
        HeadlessChromium.assertRendersEveryChart(report, ModelReport.CHARTS, dir, 1400);
    }

    @Test
    void evaluateCsvJudgesTheDefaultModelOnAnyLabelledNumericCsv() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("x1,x2,x3,label\n");
        for (int i = 0; i < 1000; i++) {
            boolean outlier = i % 100 == 0;
            for (int c = 0; c < 3; c++) {
                double v = r.nextDouble() * 10 + (outlier && c == 1 ? 40 : 0);
                csv.append(String.format(Locale.ROOT, "%.4f,", v));
            }
            csv.append(outlier ? "1" : "0").append('\n');
        }
        Path file = dir.resolve("bench.csv");
        Files.writeString(file, csv.toString());
        String printed =
                CliTestSupport.run(
                        "evaluate",
                        "--csv",
                        file.toString(),
                        "--label-column",
                        "label",
                        "--report",
                        dir.resolve("csv.html").toString());
        assertThat(metric(printed, "ROC-AUC")).isGreaterThan(0.95);
        assertThat(metric(printed, "PR-AUC")).isGreaterThan(0.5);
    }

    @Test
    void trainingOnDataThatCannotWorkFailsWithAClearMessage() throws Exception {
        Path file = dir.resolve("tiny.csv");
        Files.writeString(file, "a,b\n1,2\n3,4\n");
        CliTestSupport.Outcome r =
                CliTestSupport.capture(
                        "train",
                        "--features",
                        file.toString(),
                        "--out",
                        dir.resolve("b").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error: training data has 2 row(s)");
        CliTestSupport.Outcome both =
                CliTestSupport.capture("evaluate", "--scenarios", "--csv", "x");
        assertThat(both.code()).isNotZero();
        assertThat(both.err())
                .contains("exactly one of --scenarios [--model DIR], --model or --csv");
    }

    private static double metric(String printed, String name) {
        Matcher m = METRIC.matcher(printed);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + " not printed in: " + printed);
    }
}

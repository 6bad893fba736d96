package io.agentwatch.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.models.ml.Evaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** A model evaluation, printed and as an HTML page of plots (ROC, PR, scores, alert volume). */
public final class ModelReport {
    static final String PAGE = "/agentwatch/report/model-report.html";

    /** Charts the page draws. */
    public static final int CHARTS = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelReport() {}

    /** The summary lines; {@code ROC-AUC} and {@code PR-AUC} lines come first, machine-readable. */
    public static void print(Evaluation e, PrintStream out) {
        out.printf(Locale.ROOT, "ROC-AUC %.4f%n", e.rocAuc);
        out.printf(Locale.ROOT, "PR-AUC %.4f%n", e.prAuc);
        for (String[] row : summary(e)) {
            out.printf("  %-34s %s%n", row[0], row[1]);
        }
        if (!e.scenarios.isEmpty()) {
            out.println("  recall per scenario at the budget:");
            e.scenarios.forEach(
                    (s, cr) -> out.printf(Locale.ROOT, "    %-28s %d/%d%n", s, cr[0], cr[1]));
        }
    }

    private static String[][] summary(Evaluation e) {
        String budget =
                e.days > 0
                        ? String.format(Locale.ROOT, "%.1f alerts per day", e.budget)
                        : String.format(Locale.ROOT, "top %d rows (the labelled count)", e.flagged);
        return new String[][] {
            {"model", e.bundleId},
            {
                "rows",
                String.format(Locale.ROOT, "%,d (%,d labelled anomalies)", e.rows, e.anomalies)
            },
            {
                "days",
                e.days > 0 ? String.format(Locale.ROOT, "%.0f", e.days) : "(rows have no time)"
            },
            {"budget", budget},
            {
                "flagged",
                String.format(
                        Locale.ROOT,
                        "%,d (threshold: percentile %.2f)",
                        e.flagged,
                        e.thresholdPercentile)
            },
            {"precision at the budget", String.format(Locale.ROOT, "%.3f", e.precision)},
            {"recall at the budget", String.format(Locale.ROOT, "%.3f", e.recall)}
        };
    }

    public static Path write(Evaluation e, Path out, String source) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode ev = root.putObject("evaluation");
        ev.put("bundle", e.bundleId);
        ev.put("rocAuc", String.format(Locale.ROOT, "%.3f", e.rocAuc));
        ev.put("prAuc", String.format(Locale.ROOT, "%.3f", e.prAuc));
        ArrayNode summary = ev.putArray("summary");
        summary.addArray().add("ROC-AUC").add(String.format(Locale.ROOT, "%.4f", e.rocAuc));
        summary.addArray().add("PR-AUC").add(String.format(Locale.ROOT, "%.4f", e.prAuc));
        for (String[] row : summary(e)) {
            summary.addArray().add(row[0]).add(row[1]);
        }
        ArrayNode scenarios = ev.putArray("scenarios");
        e.scenarios.forEach(
                (s, cr) ->
                        scenarios
                                .addArray()
                                .add(s)
                                .add(cr[0])
                                .add(cr[1])
                                .add(String.format(Locale.ROOT, "%.2f", (double) cr[0] / cr[1])));
        points(ev.putArray("roc"), e.roc);
        points(ev.putArray("pr"), e.pr);
        ArrayNode bins = ev.putArray("bins");
        ArrayNode normal = ev.putArray("normal");
        ArrayNode labelled = ev.putArray("labelled");
        for (int i = 0; i < e.normalHistogram.length; i++) {
            bins.add(i * 2 + "-" + (i * 2 + 2));
            // A log axis cannot show zero: empty bins are left out of the bars.
            normal.add(e.normalHistogram[i] == 0 ? null : e.normalHistogram[i]);
            labelled.add(e.anomalyHistogram[i] == 0 ? null : e.anomalyHistogram[i]);
        }
        points(ev.putArray("volume"), e.alertVolume);
        ev.put("volumeUnit", e.days > 0 ? "alerts per day" : "rows flagged");
        return HtmlReport.writePage(PAGE, root, out, source);
    }

    private static void points(ArrayNode out, java.util.List<double[]> points) {
        for (double[] p : points) {
            out.addArray().add(round(p[0])).add(round(p[1]));
        }
    }

    /** Four decimals: plots need no more, and long digit runs only bloat the page. */
    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}

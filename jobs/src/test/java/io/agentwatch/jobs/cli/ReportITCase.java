package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.report.HtmlReport;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./detector report} renders in a real headless Chromium (Debian's package, installed here
 * when missing): every chart drawn with data, no script error, and a screenshot taken.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ReportITCase {
    @TempDir Path dir;

    @Test
    void theReportRendersEveryChartWithDataAndNoErrorInHeadlessChromium() throws Exception {
        Path input = dir.resolve("events.ndjson");
        CliTestSupport.simulate(input, 8, 40, 2, 2000);
        Files.writeString(
                input,
                "not json at all\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Path out = dir.resolve("out");
        CliTestSupport.run("run", "--input", input.toString(), "--output", out.toString());
        Path report = dir.resolve("report.html");
        String printed =
                CliTestSupport.run("report", "--input", out.toString(), "--out", report.toString());
        assertThat(printed).contains("report written to " + report.toAbsolutePath());
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).as("self-contained").doesNotContain("<script src=").contains("echarts");
        assertThat(CardNumbers.containsCardNumber(html)).isFalse();

        HeadlessChromium.assertRendersEveryChart(report, HtmlReport.CHARTS, dir, 3200);
    }
}

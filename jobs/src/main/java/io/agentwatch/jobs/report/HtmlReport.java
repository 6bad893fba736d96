package io.agentwatch.jobs.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.models.config.Resources;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes one self-contained HTML file (Apache ECharts and the data inlined, nothing fetched) with
 * the report's views (SOC overview, agent investigation, card-data access, access review, pipeline
 * health), for teams without Kibana. The page records in its body what it drew ({@code
 * data-rendered}), which charts had no data ({@code data-empty}) and any script error ({@code
 * data-errors}), so a headless browser can check it.
 */
public final class HtmlReport {
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    static final String PAGE = "/agentwatch/report/report.html";
    static final String COMMON_CSS = "/agentwatch/report/common.css";
    static final String COMMON_JS = "/agentwatch/report/common.js";

    /** Charts the page draws (tables aside). */
    public static final int CHARTS = 14;

    private HtmlReport() {}

    public static Path write(ReportData data, Path out, String source) throws IOException {
        return writePage(PAGE, data.toJson(), out, source);
    }

    /**
     * Writes a page template with ECharts and the data inlined; {@code generated} says where the
     * data came from.
     */
    public static Path writePage(String page, ObjectNode json, Path out, String source)
            throws IOException {
        // Masked like every other output: a path can hold a digit run that passes for a card.
        json.put(
                "generated",
                "From " + CardNumbers.mask(source) + ", written " + Instant.now() + ".");
        // Inside <script>, "</" would end the element early: JSON allows "<\/" instead.
        String dataJs = json.toString().replace("</", "<\\/");
        String html =
                Resources.text(page)
                        .replace("/*COMMON_CSS*/", Resources.text(COMMON_CSS))
                        .replace("/*COMMON_JS*/", Resources.text(COMMON_JS))
                        .replace(
                                "/*ECHARTS*/",
                                Resources.text(ECHARTS).replace("</script", "<\\/script"))
                        .replace("/*DATA*/", dataJs);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, html, StandardCharsets.UTF_8);
        return out;
    }
}

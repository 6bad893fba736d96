package io.agentwatch.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir Path dir;

    @Test
    void theSourcePathIsMaskedAndTheDataCannotCloseTheScript() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(
                out.resolve("alerts-1-0.ndjson"),
                "{\"@timestamp\":\"2026-03-02T09:00:00Z\",\"event\":{\"risk_score\":60},"
                        + "\"rule\":{\"id\":[\"x\"]},\"user\":{\"id\":\"a\"},"
                        + "\"message\":\"</script><script>alert(1)</script>\","
                        + "\"agentwatch\":{\"alert\":{\"id\":\"1\",\"revision\":1,"
                        + "\"status\":\"open\",\"severity\":\"medium\"}}}\n");
        Path report =
                HtmlReport.write(
                        ReportData.read(out),
                        dir.resolve("r.html"),
                        "/tmp/junit-4111111111111111/out");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("4111111111111111").contains("411111******1111");
        assertThat(html)
                .as("a message cannot end the data script early")
                .doesNotContain("</script><script>alert(1)")
                .contains("<\\/script><script>alert(1)<\\/script>");
    }
}

package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.jobs.testing.Logs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./detector demo} end to end, smaller than the default so CI stays quick. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoCommandITCase {
    @Test
    void catchesTheCardSweepAndWritesNoCardNumbers(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("keep-me.txt"), "not ours");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code =
                    DetectorCli.run(
                            "demo",
                            "--agents",
                            "40",
                            "--days",
                            "3",
                            "--no-web-ui",
                            "--out",
                            out.toString());
        } finally {
            System.setOut(stdout);
        }
        String summary = captured.toString(StandardCharsets.UTF_8);
        stdout.print(summary);
        assertThat(code).isZero();
        assertThat(summary).containsPattern("card_search_sweep\\s+CAUGHT by card_search_burst");
        assertThat(summary).containsPattern("alerts matching no scenario\\s+0");
        assertThat(summary).contains("unmasked card numbers in output  none");
        assertThat(out.resolve("keep-me.txt")).as("the demo only clears its own files").exists();
        assertThat(out.resolve("labels.csv")).exists();

        List<Path> alerts = NdjsonFileSinks.outputs(out, "alerts");
        assertThat(alerts).isNotEmpty();
        List<String> rules = new java.util.ArrayList<>();
        for (Path f : alerts) {
            for (String line : Files.readAllLines(f)) {
                JsonNode alert = new ObjectMapper().readTree(line);
                assertThat(alert.path("event").path("kind").asText()).isEqualTo("alert");
                rules.addAll(CliTestSupport.ruleIds(alert));
            }
        }
        assertThat(rules).contains("card_search_burst");

        assertThat(NdjsonFileSinks.outputs(out, "events")).isNotEmpty();
        CliTestSupport.assertNoCardNumbers(out);
        long masked = 0;
        for (Path f : NdjsonFileSinks.outputs(out, "events")) {
            masked += Files.readAllLines(f).stream().filter(l -> l.contains("******")).count();
        }
        assertThat(masked).as("the sweep's card numbers reached the output masked").isPositive();
    }

    @AfterAll
    static void noCardNumberReachedTheLogs() throws Exception {
        Logs.assertNoCardNumbers();
    }
}

package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentwatch.jobs.testing.Logs;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./detector run --input ... --output ...}: files in, the same documents out as files. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RunCommandITCase {
    private static final String[] MALFORMED = {
        "not json, card 4111 1111 1111 1111",
        "{\"event_id\":\"m-2\",\"@timestamp\":\"yesterday\",\"agent\":{\"id\":\"a\"},\"action\":\"view\"}",
        "{\"event_id\":\"m-3\",\"@timestamp\":\"2026-03-02T09:00:00Z\",\"agent\":{\"id\":\"a\"},\"action\":\"peek\",\"query\":\"5555555555554444\"}",
        "[1,2,3]",
    };

    @TempDir Path dir;

    @Test
    void writesOneDocumentPerValidEventAndOneDeadLetterPerMalformedLine() throws Exception {
        Path events = dir.resolve("in/events.ndjson");
        CliTestSupport.simulate(events, 3, 30, 2, 2000);
        List<String> lines = new ArrayList<>(Files.readAllLines(events, StandardCharsets.UTF_8));
        int valid = lines.size();
        // Malformed lines spread through the file, as they would come.
        for (int i = 0; i < MALFORMED.length; i++) {
            lines.add((i + 1) * valid / (MALFORMED.length + 1), MALFORMED[i]);
        }
        Files.write(events, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");

        String summary =
                CliTestSupport.run("run", "--input", events.toString(), "--output", out.toString());

        assertThat(summary)
                .contains("events in " + (valid + MALFORMED.length) + ", enriched out " + valid)
                .contains("dead letters " + MALFORMED.length);
        List<JsonNode> enriched = CliTestSupport.documents(out, "events");
        assertThat(enriched).hasSize(valid);
        Set<String> ids = new HashSet<>();
        enriched.forEach(d -> ids.add(d.path("event").path("id").asText()));
        assertThat(ids).hasSize(valid);

        List<JsonNode> dead = CliTestSupport.documents(out, "dead-letters");
        assertThat(dead).hasSize(MALFORMED.length);
        assertThat(dead)
                .extracting(d -> d.path("agentwatch").path("dead_letter").path("reason").asText())
                .containsExactlyInAnyOrder(
                        "NOT_JSON", "UNPARSEABLE_TIME", "UNKNOWN_ACTION", "NOT_AN_OBJECT");
        for (JsonNode d : dead) {
            JsonNode dl = d.path("agentwatch").path("dead_letter");
            assertThat(dl.path("source").asText()).endsWith("events.ndjson");
            int line = dl.path("offset").asInt();
            assertThat(lines.get(line - 1))
                    .as("the dead letter names its line")
                    .isIn((Object[]) MALFORMED);
        }
        assertThat(CliTestSupport.documents(out, "alerts"))
                .flatExtracting(CliTestSupport::ruleIds)
                .contains("card_search_burst");
        CliTestSupport.assertNoCardNumbers(out);
    }

    @Test
    void readsGzipAndFoldersButOnlyEventFiles() throws Exception {
        Path in = dir.resolve("in");
        Path plain = in.resolve("day1.ndjson");
        CliTestSupport.simulate(plain, 4, 12, 1, 500);
        List<String> lines = Files.readAllLines(plain, StandardCharsets.UTF_8);
        Path nested = Files.createDirectories(in.resolve("later"));
        try (OutputStream gz =
                new GZIPOutputStream(Files.newOutputStream(nested.resolve("day2.ndjson.gz")))) {
            gz.write(
                    String.join("\n", lines)
                            .replace("\"event_id\":\"", "\"event_id\":\"copy-")
                            .getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(in.resolve("README.txt"), "not events");
        Path out = dir.resolve("out");

        String summary =
                CliTestSupport.run("run", "--input", in.toString(), "--output", out.toString());

        assertThat(summary)
                .contains("events in " + 2 * lines.size() + ", enriched out " + 2 * lines.size())
                .contains("dead letters 0");
        assertThat(CliTestSupport.documents(out, "events")).hasSize(2 * lines.size());
    }

    @AfterAll
    static void noCardNumberReachedTheLogs() throws Exception {
        Logs.assertNoCardNumbers();
    }
}

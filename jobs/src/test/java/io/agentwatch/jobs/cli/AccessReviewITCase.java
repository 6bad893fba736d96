package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.elasticsearch.ElasticsearchConnection;
import io.agentwatch.jobs.elasticsearch.IndexNames;
import io.agentwatch.jobs.testing.LocalElasticsearch;
import io.agentwatch.models.review.AccessReviewCsv;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./detector access-review} on simulated events, from files and from what the job wrote to a
 * real Elasticsearch: the same recommendations, a CSV, and the access-review index written once
 * however often it runs.
 */
@ExtendWith(LocalElasticsearch.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AccessReviewITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static String revealer(Path labels) throws Exception {
        return Files.readAllLines(labels).stream()
                .filter(l -> l.startsWith("pci_reveal_without_ticket,"))
                .findFirst()
                .orElseThrow()
                .split(",")[1];
    }

    /** The CSV row of a group and field. */
    private static String row(List<String> csv, String kind, String group, String field) {
        return csv.stream()
                .filter(l -> l.startsWith(kind + "," + group + "," + field + ","))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + group + " " + field));
    }

    private static long count(RestClient rest, String index) throws Exception {
        rest.performRequest(new Request("POST", "/" + index + "/_refresh"));
        JsonNode r =
                JSON.readTree(
                        EntityUtils.toString(
                                rest.performRequest(new Request("GET", "/" + index + "/_count"))
                                        .getEntity()));
        return r.path("count").asLong();
    }

    @Test
    void recommendsFromFilesAndFromTheJobsEventsInElasticsearch() throws Exception {
        Path events = dir.resolve("events.ndjson");
        Path labels = dir.resolve("labels.csv");
        CliTestSupport.run(
                "simulate",
                "--seed",
                "4",
                "--agents",
                "60",
                "--days",
                "3",
                "--customers",
                "3000",
                "--out",
                events.toString(),
                "--labels",
                labels.toString());
        String revealer = revealer(labels);

        Path fromFiles = dir.resolve("files.csv");
        String printed =
                CliTestSupport.run(
                        "access-review",
                        "--input",
                        events.toString(),
                        "--out",
                        fromFiles.toString());
        assertThat(printed).contains("role tier1 (").contains("role billing (");
        List<String> csv = Files.readAllLines(fromFiles, StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo(AccessReviewCsv.HEADER);
        assertThat(row(csv, "role", "tier1", "payment_card.number")).contains(",mask,");
        assertThat(row(csv, "role", "billing", "payment_card.last4")).contains(",keep,");
        assertThat(csv.stream().filter(l -> l.contains(",payment_card.number,")))
                .as("the agent who revealed card numbers without tickets is evidence")
                .anyMatch(l -> l.contains(revealer + ":"));
        assertThat(CardNumbers.containsCardNumber(String.join("\n", csv))).isFalse();

        // The same events through the job into Elasticsearch (and files), then reviewed from
        // there.
        String url = LocalElasticsearch.url();
        Path out = dir.resolve("out");
        CliTestSupport.run(
                "run",
                "--input",
                events.toString(),
                "--es",
                url,
                "--es-index-prefix",
                "review",
                "--es-retention",
                "3650d",
                "--output",
                out.toString());
        // The job's own review of the week (the simulated days are one calendar week) is the
        // command's: one logic.
        List<String> byJob = new java.util.ArrayList<>();
        for (JsonNode d : CliTestSupport.documents(out, "access-review")) {
            JsonNode r = d.path("agentwatch").path("access_review");
            assertThat(d.path("event").path("start").asText())
                    .isEqualTo("2026-03-02T00:00:00.000Z");
            byJob.add(
                    String.join(
                            ",",
                            r.path("group_kind").asText(),
                            r.path("group").asText(),
                            r.path("field").asText(),
                            r.path("sensitivity").asText(),
                            r.path("recommendation").asText(),
                            r.path("agents_in_group").asText(),
                            r.path("agents_accessed").asText()));
        }
        List<String> byCommand =
                csv.subList(1, csv.size()).stream()
                        .map(l -> String.join(",", List.of(l.split(",")).subList(0, 7)))
                        .collect(java.util.stream.Collectors.toList());
        assertThat(byJob).containsExactlyInAnyOrderElementsOf(byCommand);
        // The run's output folder (like demo-out/) reviewed: the same rows.
        Path fromOutput = dir.resolve("output.csv");
        CliTestSupport.run(
                "access-review", "--input", out.toString(), "--out", fromOutput.toString());
        assertThat(Files.readAllLines(fromOutput, StandardCharsets.UTF_8))
                .containsExactlyElementsOf(csv);
        try (RestClient rest = ElasticsearchConnection.of(url).restClient()) {
            // What the job wrote last may not be searchable yet (refresh interval).
            rest.performRequest(new Request("POST", "/review-events-*/_refresh"));
        }
        Path fromEs = dir.resolve("es.csv");
        String[] review = {
            "access-review",
            "--es",
            url,
            "--es-index-prefix",
            "review",
            "--es-retention",
            "3650d",
            "--from",
            "2026-03-01",
            "--to",
            "2026-04-01",
            "--out",
            fromEs.toString()
        };
        String esPrinted = CliTestSupport.run(review);
        List<String> esCsv = Files.readAllLines(fromEs, StandardCharsets.UTF_8);
        // The review from what the job wrote equals the one from the files.
        assertThat(esCsv).containsExactlyElementsOf(csv);
        assertThat(esPrinted).contains("elasticsearch: " + (csv.size() - 1) + " rows");

        IndexNames names = new IndexNames("review");
        try (RestClient rest = ElasticsearchConnection.of(url).restClient()) {
            // The job's week and the command's month: one set of rows each.
            long rows = csv.size() - 1;
            assertThat(count(rest, names.accessReview())).isEqualTo(2 * rows);
            CliTestSupport.run(review);
            assertThat(count(rest, names.accessReview()))
                    .as("a second run of the same period replaces its documents")
                    .isEqualTo(2 * rows);
        }
    }
}

package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.elasticsearch.ElasticsearchConnection;
import io.agentwatch.jobs.elasticsearch.ElasticsearchSetup;
import io.agentwatch.jobs.elasticsearch.IndexNames;
import io.agentwatch.jobs.testing.LocalElasticsearch;
import io.agentwatch.jobs.testing.Logs;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./detector run --es URL} against a real Elasticsearch: one document per valid event, one
 * dead letter per malformed line, the alert, no duplicates on replay, documents Elasticsearch
 * rejects in dead letters while the job goes on, and no card number in any document.
 */
@ExtendWith(LocalElasticsearch.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ElasticsearchRunITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] MALFORMED = {
        "not json, card 4111 1111 1111 1111",
        "{\"event_id\":\"m-2\",\"@timestamp\":\"yesterday\",\"agent\":{\"id\":\"a\"},\"action\":\"view\"}",
        "{\"event_id\":\"m-3\",\"agent\":{\"id\":\"a\"},\"action\":\"view\",\"query\":\"5555555555554444\"}",
    };

    /** Valid events on a day whose index has a conflicting mapping: Elasticsearch rejects them. */
    private static final String[] REJECTED = {
        "{\"event_id\":\"poison-1\",\"@timestamp\":\"2026-03-10T10:00:00Z\",\"agent\":{\"id\":\"agent-x\"},\"action\":\"search\",\"query\":\"4111111111111111\"}",
        "{\"event_id\":\"poison-2\",\"@timestamp\":\"2026-03-10T10:01:00Z\",\"agent\":{\"id\":\"agent-x\"},\"action\":\"search\",\"query\":\"Zoe\"}",
    };

    private static RestClient rest;

    @TempDir Path dir;

    @BeforeAll
    static void connect() {
        rest = ElasticsearchConnection.of(LocalElasticsearch.url()).restClient();
    }

    @AfterAll
    static void disconnect() throws Exception {
        rest.close();
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(
                EntityUtils.toString(rest.performRequest(new Request("GET", path)).getEntity()));
    }

    private static long count(String index) throws Exception {
        rest.performRequest(new Request("POST", "/" + index + "/_refresh"));
        return get("/" + index + "/_count").path("count").asLong();
    }

    private static List<JsonNode> all(String index) throws Exception {
        rest.performRequest(new Request("POST", "/" + index + "/_refresh"));
        List<JsonNode> docs = new ArrayList<>();
        get("/" + index + "/_search?size=10000")
                .path("hits")
                .path("hits")
                .forEach(h -> docs.add(h.path("_source")));
        return docs;
    }

    @Test
    void writesEventsAlertsAndDeadLettersOnceEach() throws Exception {
        String prefix = "it";
        IndexNames names = new IndexNames(prefix);
        Path input = dir.resolve("events.ndjson");
        Path labels = dir.resolve("labels.csv");
        CliTestSupport.run(
                "simulate",
                "--seed",
                "5",
                "--agents",
                "30",
                "--days",
                "2",
                "--customers",
                "2000",
                "--out",
                input.toString(),
                "--labels",
                labels.toString());
        List<String> lines = new ArrayList<>(Files.readAllLines(input, StandardCharsets.UTF_8));
        int valid = lines.size();
        lines.addAll(List.of(MALFORMED));
        lines.addAll(List.of(REJECTED));
        Files.write(input, lines, StandardCharsets.UTF_8);
        String sweepAgent =
                Files.readAllLines(labels).stream()
                        .filter(l -> l.startsWith("card_search_sweep,"))
                        .findFirst()
                        .orElseThrow()
                        .split(",")[1];

        new ElasticsearchSetup(rest, names).install(Duration.ofDays(3650));
        Request conflict =
                new Request(
                        "PUT",
                        "/"
                                + names.events(
                                        java.time.Instant.parse("2026-03-10T10:00:00Z")
                                                .toEpochMilli()));
        conflict.setEntity(
                new NStringEntity(
                        "{\"mappings\":{\"properties\":{\"agentwatch\":{\"properties\":{\"query\":{\"type\":\"long\"}}}}}}",
                        ContentType.APPLICATION_JSON));
        rest.performRequest(conflict);

        String[] run = {
            "run",
            "--input",
            input.toString(),
            "--es",
            LocalElasticsearch.url(),
            "--es-index-prefix",
            prefix,
            "--es-retention",
            "3650d"
        };
        String summary = CliTestSupport.run(run);
        assertThat(summary)
                .contains("enriched out " + (valid + REJECTED.length))
                .contains("dead letters " + MALFORMED.length);

        assertThat(count(names.eventsPrefix() + "*")).isEqualTo(valid);
        List<JsonNode> dead = all(names.deadLetters());
        assertThat(dead)
                .extracting(d -> d.path("agentwatch").path("dead_letter").path("reason").asText())
                .containsExactlyInAnyOrder(
                        "NOT_JSON",
                        "UNPARSEABLE_TIME",
                        "MISSING",
                        "ELASTICSEARCH_REJECTED",
                        "ELASTICSEARCH_REJECTED");
        List<JsonNode> alerts = all(names.alerts());
        assertThat(alerts).isNotEmpty();
        assertThat(alerts)
                .filteredOn(a -> CliTestSupport.ruleIds(a).contains("card_search_burst"))
                .extracting(a -> a.path("user").path("id").asText())
                .containsOnly(sweepAgent);
        assertThat(alerts)
                .extracting(a -> a.path("agentwatch").path("alert").path("status").asText())
                .containsOnly("open");

        int findings = 0;
        for (JsonNode a : alerts) {
            for (JsonNode f : a.path("agentwatch").path("alert").path("findings")) {
                findings += f.path("count").asInt();
            }
        }
        List<JsonNode> risk = all(names.agentRisk());
        assertThat(risk).as("one agent-risk document per finding").hasSize(findings);
        assertThat(risk)
                .extracting(r -> r.path("agentwatch").path("risk").path("level").asText())
                .doesNotContain("");

        // An analyst takes an alert; the replay below revises it but leaves their status alone.
        String taken = alerts.get(0).path("event").path("id").asText();
        int revision = alerts.get(0).path("agentwatch").path("alert").path("revision").asInt();
        Request triage =
                new Request(
                        "POST",
                        "/"
                                + names.alerts()
                                + "/_update/"
                                + java.net.URLEncoder.encode(
                                        taken, java.nio.charset.StandardCharsets.UTF_8));
        triage.setJsonEntity(
                "{\"doc\":{\"agentwatch\":{\"alert\":{\"status\":\"acknowledged\"}}}}");
        rest.performRequest(triage);

        // A replay (a restart from an old position, or the same file again) writes nothing twice.
        CliTestSupport.run(run);
        JsonNode after =
                all(names.alerts()).stream()
                        .filter(a -> a.path("event").path("id").asText().equals(taken))
                        .findFirst()
                        .orElseThrow()
                        .path("agentwatch")
                        .path("alert");
        assertThat(after.path("status").asText()).isEqualTo("acknowledged");
        assertThat(after.path("revision").asInt()).isEqualTo(revision);
        assertThat(count(names.eventsPrefix() + "*")).isEqualTo(valid);
        assertThat(count(names.deadLetters())).isEqualTo(dead.size());
        assertThat(count(names.alerts())).isEqualTo(alerts.size());
        assertThat(count(names.agentRisk())).isEqualTo(risk.size());

        for (String index :
                List.of(names.eventsPrefix() + "*", names.alerts(), names.deadLetters())) {
            for (JsonNode doc : all(index)) {
                assertThat(CardNumbers.containsCardNumber(doc.toString()))
                        .as("%s: %s", index, doc)
                        .isFalse();
            }
        }
    }

    @Test
    void retentionDeletesOnlyExpiredDays() throws Exception {
        IndexNames names = new IndexNames("retention");
        ElasticsearchSetup setup = new ElasticsearchSetup(rest, names);
        setup.install(Duration.ofDays(30));
        for (String day : List.of("2026.01.01", "2026.03.01", "2026.03.20")) {
            rest.performRequest(new Request("PUT", "/" + names.eventsPrefix() + day));
        }
        List<String> deleted =
                setup.deleteExpired(Duration.ofDays(30), java.time.LocalDate.of(2026, 3, 21));
        assertThat(deleted).containsExactly(names.eventsPrefix() + "2026.01.01");
        assertThat(get("/_cat/indices/" + names.eventsPrefix() + "*?format=json&h=index"))
                .extracting(n -> n.path("index").asText())
                .containsExactlyInAnyOrder(
                        names.eventsPrefix() + "2026.03.01", names.eventsPrefix() + "2026.03.20");
    }

    @AfterAll
    static void noCardNumberReachedTheLogs() throws Exception {
        Logs.assertNoCardNumbers();
    }

    @Test
    void modelFindingsLiveAndShadowAndAlertsNamingTheBundleFitTheStrictTemplates()
            throws Exception {
        String prefix = "itm";
        IndexNames names = new IndexNames(prefix);
        Path input = dir.resolve("events.ndjson");
        CliTestSupport.simulate(input, 5, 30, 2, 2000);
        Path bundle = CliTestSupport.trainedBundle(dir, 6, 30, 4);
        String bundleId = io.agentwatch.models.ml.ModelBundle.load(bundle).id();

        String summary =
                CliTestSupport.run(
                        "run",
                        "--input",
                        input.toString(),
                        "--es",
                        LocalElasticsearch.url(),
                        "--es-index-prefix",
                        prefix,
                        "--es-retention",
                        "3650d",
                        "--model",
                        bundle.toString(),
                        "--shadow-model",
                        bundle.toString(),
                        // More findings than the default, so every document shape is written.
                        "--set",
                        "model_anomaly.min_percentile=99");
        assertThat(summary).contains("agent-hours scored").contains("dead letters 0");

        List<JsonNode> findings = all(names.modelFindings());
        assertThat(findings).isNotEmpty();
        assertThat(findings)
                .extracting(
                        f ->
                                f.path("agentwatch")
                                        .path("finding")
                                        .path("model")
                                        .path("slot")
                                        .asText())
                .contains("live", "shadow");
        assertThat(findings)
                .allSatisfy(
                        f -> {
                            JsonNode model = f.path("agentwatch").path("finding").path("model");
                            assertThat(model.path("id").asText()).isEqualTo(bundleId);
                            assertThat(model.path("features").size()).isPositive();
                            assertThat(f.path("rule").path("id").asText())
                                    .isEqualTo("model_anomaly");
                            assertThat(CardNumbers.containsCardNumber(f.toString()))
                                    .as("%s", f)
                                    .isFalse();
                        });
        List<String> inAlerts = new ArrayList<>();
        for (JsonNode alert : all(names.alerts())) {
            for (JsonNode f : alert.path("agentwatch").path("alert").path("findings")) {
                if (f.path("rule_id").asText().equals("model_anomaly")) {
                    inAlerts.add(f.path("model").path("id").asText());
                }
            }
        }
        assertThat(inAlerts).as("alerts name the live bundle").isNotEmpty().containsOnly(bundleId);
        // The dead-letter index is created by the first rejected document: none here.
        int deadLetters =
                rest.performRequest(new Request("HEAD", "/" + names.deadLetters()))
                        .getStatusLine()
                        .getStatusCode();
        assertThat(deadLetters).as("Elasticsearch rejected no document").isEqualTo(404);
    }
}

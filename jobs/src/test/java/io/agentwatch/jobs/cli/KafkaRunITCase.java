package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.jobs.kafka.KafkaConnection;
import io.agentwatch.jobs.kafka.KafkaEventWriter;
import io.agentwatch.jobs.testing.LocalKafka;
import io.agentwatch.jobs.testing.Logs;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./detector run --kafka ...} against a real Kafka broker: events in, alerts out on a topic.
 */
@ExtendWith(LocalKafka.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaRunITCase {
    @TempDir Path dir;

    @Test
    void readsTheTopicAndSendsAlertsToKafka() throws Exception {
        String kafka = LocalKafka.bootstrapServers();
        LocalKafka.createTopic("access", 2);
        LocalKafka.createTopic("alerts", 1);
        LocalKafka.createTopic("dead", 1);
        Path labels = dir.resolve("labels.csv");
        CliTestSupport.run(
                "simulate",
                "--kafka",
                kafka,
                "--topic",
                "access",
                "--seed",
                "3",
                "--agents",
                "30",
                "--days",
                "2",
                "--customers",
                "2000",
                "--labels",
                labels.toString());
        try (KafkaEventWriter w =
                new KafkaEventWriter(new KafkaConnection(kafka, Map.of()), "access", 0)) {
            w.send("agent-x", "garbage with 4111 1111 1111 1111".getBytes(StandardCharsets.UTF_8));
            w.send("agent-x", null);
        }
        List<ConsumerRecord<String, byte[]>> input =
                LocalKafka.readAll("access", 1, Duration.ofSeconds(30));
        int valid = input.size() - 2;
        assertThat(valid).isGreaterThan(1000);
        String sweepAgent =
                Files.readAllLines(labels).stream()
                        .filter(l -> l.startsWith("card_search_sweep,"))
                        .findFirst()
                        .orElseThrow()
                        .split(",")[1];

        Path out = dir.resolve("out");
        String summary =
                CliTestSupport.run(
                        "run",
                        "--kafka",
                        kafka,
                        "--topic",
                        "access",
                        "--group",
                        "it-1",
                        "--stop-at-latest",
                        "--output",
                        out.toString(),
                        "--alerts-topic",
                        "alerts",
                        "--dead-letters-topic",
                        "dead");

        assertThat(summary)
                .contains("events in " + input.size() + ", enriched out " + valid)
                .contains("dead letters 2");
        ObjectMapper json = new ObjectMapper();
        List<ConsumerRecord<String, byte[]>> alerts =
                LocalKafka.readAll("alerts", 1, Duration.ofSeconds(30));
        assertThat(alerts).isNotEmpty();
        int cardAlerts = 0;
        for (ConsumerRecord<String, byte[]> r : alerts) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            JsonNode alert = json.readTree(value);
            assertThat(r.key()).isEqualTo(alert.path("event").path("id").asText());
            if (CliTestSupport.ruleIds(alert).contains("card_search_burst")) {
                assertThat(alert.path("user").path("id").asText()).isEqualTo(sweepAgent);
                cardAlerts++;
            }
            assertThat(CardNumbers.containsCardNumber(value)).isFalse();
        }
        assertThat(cardAlerts).isPositive();
        List<JsonNode> dead = CliTestSupport.documents(out, "dead-letters");
        assertThat(dead)
                .extracting(d -> d.path("agentwatch").path("dead_letter").path("source").asText())
                .allMatch(s -> s.startsWith("access/"));
        assertThat(dead)
                .extracting(d -> d.path("agentwatch").path("dead_letter").path("offset").asLong())
                .allMatch(o -> o >= 0);
        CliTestSupport.assertNoCardNumbers(out);
        List<ConsumerRecord<String, byte[]>> deadOnKafka =
                LocalKafka.readAll("dead", 2, Duration.ofSeconds(30));
        assertThat(deadOnKafka).hasSize(2);
        for (ConsumerRecord<String, byte[]> r : deadOnKafka) {
            assertThat(
                            CardNumbers.containsCardNumber(
                                    new String(r.value(), StandardCharsets.UTF_8)))
                    .isFalse();
        }
    }

    @Test
    void backfillsFromFilesThenReadsTheTopic() throws Exception {
        String kafka = LocalKafka.bootstrapServers();
        LocalKafka.createTopic("live", 1);
        Path history = dir.resolve("history.ndjson");
        CliTestSupport.run(
                "simulate",
                "--seed",
                "6",
                "--agents",
                "12",
                "--days",
                "1",
                "--customers",
                "500",
                "--out",
                history.toString());
        long historic = Files.readAllLines(history).size();
        CliTestSupport.run(
                "simulate",
                "--kafka",
                kafka,
                "--topic",
                "live",
                "--seed",
                "6",
                "--agents",
                "12",
                "--days",
                "1",
                "--customers",
                "500",
                "--start",
                "2026-03-03");
        long live = LocalKafka.readAll("live", 1, Duration.ofSeconds(30)).size();

        Path out = dir.resolve("backfill-out");
        String summary =
                CliTestSupport.run(
                        "run",
                        "--backfill",
                        history.toString(),
                        "--kafka",
                        kafka,
                        "--topic",
                        "live",
                        "--group",
                        "it-backfill",
                        "--stop-at-latest",
                        "--output",
                        out.toString());

        assertThat(summary)
                .contains("events in " + (historic + live) + ", enriched out " + (historic + live));
        long written = 0;
        for (Path f : NdjsonFileSinks.outputs(out, "events")) {
            written += Files.readAllLines(f).size();
        }
        assertThat(written).isEqualTo(historic + live);
    }

    @AfterAll
    static void noCardNumberReachedTheLogs() throws Exception {
        Logs.assertNoCardNumbers();
    }
}

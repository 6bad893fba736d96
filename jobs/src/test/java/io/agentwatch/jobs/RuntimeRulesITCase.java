package io.agentwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.kafka.KafkaConnection;
import io.agentwatch.jobs.kafka.KafkaEventWriter;
import io.agentwatch.jobs.kafka.KafkaInputs;
import io.agentwatch.jobs.kafka.KafkaJsonSink;
import io.agentwatch.jobs.testing.LocalKafka;
import io.agentwatch.jobs.testing.Logs;
import io.agentwatch.models.config.RuleFiles;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.ContractWriter;
import io.agentwatch.models.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running job reading Kafka changes what it alerts on when a rule file arrives on the control
 * topic: no restart. Parallelism 1 keeps the event order strict, so a later alert proves that
 * earlier events were judged.
 */
@ExtendWith(LocalKafka.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RuntimeRulesITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void burst(KafkaEventWriter w, String agent, long from, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            AccessEvent e = TestEvents.cardSearch(agent, from + i * TestEvents.SECOND * 5);
            w.send(agent, ContractWriter.toJson(e).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> alertedAgents() throws Exception {
        List<String> agents = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r :
                LocalKafka.readAll("rt-alerts", 0, Duration.ofSeconds(10))) {
            agents.add(
                    JSON.readTree(r.value()).path("user").path("id").asText()
                            + " v"
                            + JSON.readTree(r.value()).path("rule").path("version").asText());
        }
        return agents;
    }

    private static List<String> waitForAlerts(int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> agents = alertedAgents();
        while (agents.size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(200);
            agents = alertedAgents();
        }
        return agents;
    }

    private static long rulesApplied() throws Exception {
        try (java.util.stream.Stream<String> lines = Files.lines(Logs.file())) {
            return lines.filter(l -> l.contains("Rules updated from card_search_burst.json"))
                    .count();
        }
    }

    @Test
    void aThresholdChangedOnTheControlTopicChangesWhatTheRunningJobAlertsOn() throws Exception {
        String kafka = LocalKafka.bootstrapServers();
        LocalKafka.createTopic("rt-events", 1);
        LocalKafka.createTopic("rt-rules", 1);
        LocalKafka.createTopic("rt-alerts", 1);
        KafkaConnection connection = new KafkaConnection(kafka, Map.of());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(1_000);
        DetectionStreams streams =
                new DetectionJob(Settings.of(RuleFiles.loadDefaults()), null)
                        .wire(
                                env.fromSource(
                                        KafkaInputs.source(connection, "rt-events", "rt", false),
                                        WatermarkStrategy.noWatermarks(),
                                        "events"),
                                env.fromSource(
                                        KafkaInputs.ruleUpdates(
                                                connection, "rt-rules", "rt-rules", false),
                                        WatermarkStrategy.noWatermarks(),
                                        "rules"));
        streams.alerts.sinkTo(KafkaJsonSink.alerts(connection, "rt-alerts"));
        JobClient job = env.executeAsync("runtime-rules-it");
        try (KafkaEventWriter events = new KafkaEventWriter(connection, "rt-events", 0);
                KafkaEventWriter rules = new KafkaEventWriter(connection, "rt-rules", 0)) {
            // With the shipped rules, 8 card searches of a new agent cross the cold-start minimum.
            burst(events, "agent-a", TestEvents.T0, 8);
            events.flush();
            assertThat(waitForAlerts(1)).containsExactly("agent-a v1");

            // Raise both minimums to 50, as version 2 of the rule, while the job runs.
            String rule =
                    new String(
                                    RuleFiles.class
                                            .getResourceAsStream(
                                                    RuleFiles.RESOURCE_DIR
                                                            + "card_search_burst.json")
                                            .readAllBytes(),
                                    StandardCharsets.UTF_8)
                            .replace("\"version\": 1", "\"version\": 2")
                            .replace("\"min_count\": 5", "\"min_count\": 50")
                            .replace("\"cold_start_min_count\": 8", "\"cold_start_min_count\": 50");
            long before = rulesApplied();
            rules.send("card_search_burst.json", rule.getBytes(StandardCharsets.UTF_8));
            rules.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (rulesApplied() < before + 2 && System.nanoTime() < deadline) {
                Thread.sleep(100); // both detector operators log the update when they apply it
            }
            assertThat(rulesApplied())
                    .as("rule update applied by both detector operators")
                    .isGreaterThanOrEqualTo(before + 2);

            // The same burst now raises nothing; a burst of 60 does, under version 2.
            burst(events, "agent-b", TestEvents.T0 + TestEvents.HOUR, 8);
            burst(events, "agent-c", TestEvents.T0 + 2 * TestEvents.HOUR, 60);
            events.flush();
            List<String> alerts = waitForAlerts(2);
            assertThat(alerts).containsExactly("agent-a v1", "agent-c v2");
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }
}

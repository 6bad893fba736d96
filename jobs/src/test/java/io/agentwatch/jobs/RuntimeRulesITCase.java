package io.agentwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.io.FileInputs;
import io.agentwatch.jobs.io.RuleFolderWatcher;
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
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running job changes what it alerts on when a rule file arrives on the control topic (Kafka
 * input) or is saved in the watched rules folder (file input): no restart. Parallelism 1 keeps the
 * event order strict, so a later alert proves that earlier events were judged.
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
                            + JSON.readTree(r.value())
                                    .path("rule")
                                    .path("version")
                                    .get(0)
                                    .asText());
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

    private static String shippedRule() throws Exception {
        return io.agentwatch.models.config.Resources.text(
                RuleFiles.RESOURCE_DIR + "card_search_burst.json");
    }

    /** Version 2 of card_search_burst: both minimums raised to 50. */
    private static String stricterRule() throws Exception {
        return shippedRule()
                .replace("\"version\": 1", "\"version\": 2")
                .replace("\"min_count\": 5", "\"min_count\": 50")
                .replace("\"cold_start_min_count\": 8", "\"cold_start_min_count\": 50");
    }

    private static void awaitRulesApplied(long before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rulesApplied() < before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(100); // the detectors' operator logs the update when it applies it
        }
        assertThat(rulesApplied())
                .as("rule update applied by the detectors' operator")
                .isGreaterThanOrEqualTo(before + 1);
    }

    /** Writes a file of card searches into a followed folder whole (written aside, moved in). */
    private static void burstFile(Path folder, String name, String agent, long from, int count)
            throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(
                            ContractWriter.toJson(
                                    TestEvents.cardSearch(agent, from + i * TestEvents.SECOND * 5)))
                    .append('\n');
        }
        Path aside = folder.resolve("." + name);
        Files.writeString(aside, b.toString(), StandardCharsets.UTF_8);
        Files.move(aside, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aRuleFileSavedInAWatchedFolderChangesWhatAJobOnFilesAlertsOn(@TempDir Path dir)
            throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Path rulesDir = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rulesDir.resolve("card_search_burst.json"), shippedRule());

        long start = rulesApplied();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(1_000);
        DetectionStreams streams =
                new DetectionJob(Settings.of(RuleFiles.load(rulesDir)), null)
                        .wire(
                                env.fromSource(
                                        FileInputs.follow(input, Duration.ofMillis(200)),
                                        WatermarkStrategy.noWatermarks(),
                                        "events"),
                                env.fromSource(
                                                RuleFolderWatcher.source(rulesDir),
                                                WatermarkStrategy.noWatermarks(),
                                                "rules")
                                        .filter(RuleFolderWatcher::isChange));
        List<String> alerts = new CopyOnWriteArrayList<>();
        try (CloseableIterator<Alert> it = streams.alerts.collectAsync()) {
            JobClient job = env.executeAsync("runtime-rules-files-it");
            Thread reader =
                    new Thread(
                            () ->
                                    it.forEachRemaining(
                                            a ->
                                                    alerts.add(
                                                            a.agentId
                                                                    + " v"
                                                                    + a.findings[0]
                                                                            .latest
                                                                            .ruleVersion)));
            reader.setDaemon(true);
            reader.start();
            try {
                // The watcher's first poll sends the file as it is: wait until it is applied.
                awaitRulesApplied(start);
                burstFile(input, "1.ndjson", "agent-a", TestEvents.T0, 8);
                awaitSize(alerts, 1);
                assertThat(alerts).containsExactly("agent-a v1");

                long before = rulesApplied();
                Path aside = rulesDir.resolve(".card_search_burst.json");
                Files.writeString(aside, stricterRule());
                Files.move(
                        aside,
                        rulesDir.resolve("card_search_burst.json"),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                awaitRulesApplied(before);

                burstFile(input, "2.ndjson", "agent-b", TestEvents.T0 + TestEvents.HOUR, 8);
                burstFile(input, "3.ndjson", "agent-c", TestEvents.T0 + 2 * TestEvents.HOUR, 60);
                awaitSize(alerts, 2);
                assertThat(alerts).containsExactly("agent-a v1", "agent-c v2");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(100);
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
            long before = rulesApplied();
            rules.send("card_search_burst.json", stricterRule().getBytes(StandardCharsets.UTF_8));
            rules.flush();
            awaitRulesApplied(before);

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

package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.jobs.kafka.KafkaConnection;
import io.agentwatch.jobs.kafka.KafkaEventWriter;
import io.agentwatch.jobs.testing.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection job on a real local stack ({@code deploy/local/stack.sh up}: a Kafka broker,
 * Elasticsearch and a Flink session cluster of a JobManager and two TaskManagers, each its own
 * process), submitted with {@code ./detector submit} as README tells, and each failure of issue 8
 * on real processes: a TaskManager killed with {@code kill -9}, Elasticsearch stopped for a minute,
 * the Kafka broker restarted, and an upgrade through {@code ./detector stop} and {@code submit
 * --from-savepoint}. After each, Elasticsearch holds every event once and the alerts of a
 * failure-free run.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LocalFlinkClusterITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Path JAR = Path.of("target", "agentwatch.jar");
    private static final String EVENTS_TOPIC = "agent-access-events";
    private static final String ALERTS_TOPIC = "agentwatch-alerts";

    private static LocalStack stack;
    @TempDir static Path shared;
    private static List<String> lines;
    private static Map<String, String> calm;

    @BeforeAll
    static void startStackAndRunWithoutFailures() throws Exception {
        stack = LocalStack.up();
        Path events = shared.resolve("events.ndjson");
        CliTestSupport.simulate(events, 5, 40, 2, 2000);
        lines = Files.readAllLines(events);
        // The failure-free outcome, on the embedded cluster: what every failure test must equal.
        CliTestSupport.run(esRun("calm", "--input", events.toString()));
        calm = alertsIn("calm-alerts");
        assertThat(calm).isNotEmpty();
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theSubmittedJobRunsOnTheClusterAndWritesItsOutputs(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the shaded job jar (package phase)").isRegularFile();
        Path events = dir.resolve("events.ndjson");
        CliTestSupport.simulate(events, 3, 30, 2, 2000);
        Path out = dir.resolve("out");
        String printed =
                submit(
                        "run",
                        "--input",
                        events.toAbsolutePath().toString(),
                        "--output",
                        out.toAbsolutePath().toString());
        assertThat(printed).containsPattern("job [0-9a-f]{32} (RUNNING|FINISHED)");
        // A bounded input: the job finishes on the cluster and commits its files.
        String jobId = jobIdIn(printed);
        await("the job finished", () -> jobState(jobId).equals("FINISHED"));
        assertThat(NdjsonFileSinks.outputs(out, "alerts"))
                .as("alerts written by the job on the cluster")
                .isNotEmpty();
        long written = 0;
        for (Path p : NdjsonFileSinks.outputs(out, "events")) {
            written += Files.readAllLines(p).size();
        }
        assertThat(written).isEqualTo(Files.readAllLines(events).size());
        CliTestSupport.assertNoCardNumbers(out);
    }

    @Test
    void aTaskManagerKilledMidStreamLosesNothingAndDuplicatesNothing(@TempDir Path dir)
            throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        String jobId = jobIdIn(submit(followingArgs(input, "storm")));
        int half = lines.size() / 2;
        drop(input, "1.ndjson", lines.subList(0, half));
        await("the first half in Elasticsearch", () -> esCount("storm-events-*") == half);
        awaitNextCheckpoint(jobId);

        String victim = null;
        for (JsonNode tm : flink("/taskmanagers").path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                victim = tm.path("id").asText();
            }
        }
        assertThat(victim).as("a TaskManager running the job").isNotNull();
        kill9(stack.pid("flink/" + victim));

        drop(input, "2.ndjson", lines.subList(half, lines.size()));
        assertEveryEventOnceAndTheCalmAlerts(jobId, "storm");
        assertThat(flink("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries"))
                .as("the job failed over")
                .isNotEmpty();
        cancel(jobId);
    }

    @Test
    void elasticsearchStoppedForAMinuteMidStreamLosesNothing(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        String jobId = jobIdIn(submit(followingArgs(input, "outage")));
        int half = lines.size() / 2;
        drop(input, "1.ndjson", lines.subList(0, half));
        await("the first half in Elasticsearch", () -> esCount("outage-events-*") == half);

        stack.run("es-down");
        Instant down = Instant.now();
        drop(input, "2.ndjson", lines.subList(half, lines.size()));
        await(
                "the sink retrying (Prometheus: elasticsearchItemsRetried)",
                () -> prometheusSum("elasticsearchItemsRetried") > 0);
        Thread.sleep(
                Math.max(
                        0,
                        Duration.ofSeconds(60)
                                .minus(Duration.between(down, Instant.now()))
                                .toMillis()));
        assertThat(jobState(jobId)).as("the job rides out the outage").isEqualTo("RUNNING");
        stack.run("es-up");

        assertEveryEventOnceAndTheCalmAlerts(jobId, "outage");
        assertThat(flink("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries"))
                .as("retried and back-pressured, never restarted")
                .isEmpty();
        cancel(jobId);
    }

    @Test
    void theKafkaBrokerRestartedMidStreamLosesNothing() throws Exception {
        String jobId =
                jobIdIn(
                        submit(
                                recoverableRun(
                                        "kafka",
                                        "--kafka",
                                        stack.kafka(),
                                        "--topic",
                                        EVENTS_TOPIC,
                                        "--group",
                                        "restart-it",
                                        "--alerts-topic",
                                        ALERTS_TOPIC)));
        int half = lines.size() / 2;
        produce(lines.subList(0, half));
        await("the first half in Elasticsearch", () -> esCount("kafka-events-*") == half);

        stack.run("kafka-down");
        Thread.sleep(5_000);
        stack.run("kafka-up");
        produce(lines.subList(half, lines.size()));

        assertEveryEventOnceAndTheCalmAlerts(jobId, "kafka");
        // Alerts go to Kafka at least once, keyed by alert id: every alert is on the topic.
        Set<String> onTopic = new HashSet<>();
        await(
                "every alert on the alerts topic",
                () -> {
                    alertKeysOnTopic(onTopic);
                    return onTopic.containsAll(calm.keySet());
                });
        assertThat(onTopic).isEqualTo(calm.keySet());
        cancel(jobId);
    }

    @Test
    void anUpgradeFromASavepointKeepsWhatEachAgentLearned(@TempDir Path dir) throws Exception {
        // A probe only an experienced agent's baseline flags: the agent's first event from a new
        // country (new_country needs 50 events of the agent's own history).
        JsonNode last = lastSuccessOfBusiestAgent();
        String agent = last.path("agent").path("id").asText();
        ObjectNode probe = last.deepCopy();
        probe.put("event_id", "upgrade-probe-1");
        probe.put(
                "@timestamp",
                Instant.parse(last.path("@timestamp").asText()).plusSeconds(600).toString());
        ObjectNode source = JSON.createObjectNode().put("ip", "203.0.113.77");
        source.set("geo", JSON.createObjectNode().put("country_iso_code", "NZ"));
        probe.set("source", source);
        String probeLine = JSON.writeValueAsString(probe);
        assertThat(countriesOf(agent)).as("the probe's country is new").doesNotContain("NZ");

        // The decision without a break, and without the history (the probe judged on its own).
        Path uninterrupted = dir.resolve("uninterrupted.ndjson");
        List<String> all = new ArrayList<>(lines);
        all.add(probeLine);
        Files.write(uninterrupted, all);
        CliTestSupport.run(esRun("whole", "--input", uninterrupted.toString()));
        assertThat(newCountryAlertsOf("whole-alerts", agent)).as("flagged without a break").isOne();
        Path alone = dir.resolve("alone.ndjson");
        Files.write(alone, List.of(probeLine));
        CliTestSupport.run(esRun("alone", "--input", alone.toString()));
        assertThat(newCountryAlertsOf("alone-alerts", agent))
                .as("not flagged without the learned history")
                .isZero();

        // Learn on the cluster, stop with a savepoint, start the new jar from it, send the probe.
        Path input = Files.createDirectories(dir.resolve("input"));
        String[] args = followingArgs(input, "upgrade");
        String before = jobIdIn(submit(args));
        drop(input, "history.ndjson", lines);
        await("the history in Elasticsearch", () -> esCount("upgrade-events-*") == lines.size());
        String stopped =
                CliTestSupport.run("stop", "--rest", stack.flinkRest(), "--wait", "3m", before);
        String savepoint = stopped.replaceAll("(?s).*savepoint (\\S+).*", "$1").trim();
        assertThat(stopped).contains("job " + before + " stopped");
        assertThat(jobState(before)).isEqualTo("FINISHED");
        Path next = dir.resolve("agentwatch-next.jar");
        Files.copy(JAR, next);
        String after = jobIdIn(submitWith(next, List.of("--from-savepoint", savepoint), args));
        assertThat(after).isNotEqualTo(before);
        drop(input, "probe.ndjson", List.of(probeLine));
        await(
                "the probe judged by the upgraded job",
                () -> newCountryAlertsOf("upgrade-alerts", agent) == 1);
        await("the probe in Elasticsearch", () -> esCount("upgrade-events-*") > lines.size());
        Thread.sleep(3_000); // a file read twice would show now
        assertThat(esCount("upgrade-events-*"))
                .as("the restored job read no file twice")
                .isEqualTo(lines.size() + 1);
        cancel(after);
    }

    // --- the job ----------------------------------------------------------------------------

    /** {@code run INPUT...} with Elasticsearch output under {@code prefix}. */
    private static String[] esRun(String prefix, String... input) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(input));
        args.addAll(
                List.of(
                        "--es",
                        stack.elasticsearch(),
                        "--es-index-prefix",
                        prefix,
                        "--es-retention",
                        "3650d"));
        return args.toArray(new String[0]);
    }

    /** {@link #esRun}, checkpointing every second to the stack's folder, restarting after 1 s. */
    private static String[] recoverableRun(String prefix, String... input) {
        List<String> args = new ArrayList<>(List.of(input));
        args.addAll(
                List.of(
                        "--checkpoint-dir",
                        checkpoints(),
                        "--checkpoint-interval",
                        "1s",
                        "--restart-delay",
                        "1s"));
        return esRun(prefix, args.toArray(new String[0]));
    }

    /** {@link #recoverableRun} over a followed folder. */
    private static String[] followingArgs(Path input, String prefix) {
        return recoverableRun(prefix, "--input", input.toString(), "--follow");
    }

    private static String checkpoints() {
        return stack.dir().resolve("flink/checkpoints").toUri().toString();
    }

    /** {@code ./detector submit -- ARGS} to the stack's cluster; returns what it printed. */
    private static String submit(String... runArgs) {
        return submitWith(JAR, List.of(), runArgs);
    }

    private static String submitWith(Path jar, List<String> options, String... runArgs) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "submit",
                                "--rest",
                                stack.flinkRest(),
                                "--jar",
                                jar.toString(),
                                "--wait",
                                "180s"));
        args.addAll(options);
        args.add("--");
        args.addAll(List.of(runArgs));
        return CliTestSupport.run(args.toArray(new String[0]));
    }

    private static String jobIdIn(String printed) {
        assertThat(printed).containsPattern("job [0-9a-f]{32}");
        return printed.replaceAll("(?s).*job ([0-9a-f]{32}).*", "$1");
    }

    /** Writes lines into a followed folder whole (written aside, then moved in). */
    private static void drop(Path folder, String name, List<String> lines) throws Exception {
        Path aside = folder.resolve("." + name);
        Files.write(aside, lines);
        Files.move(aside, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Sends lines to the events topic keyed by agent, as the simulator does. */
    private static void produce(List<String> batch) throws Exception {
        try (KafkaEventWriter w =
                new KafkaEventWriter(
                        new KafkaConnection(stack.kafka(), Map.of()), EVENTS_TOPIC, 0)) {
            for (String line : batch) {
                w.send(
                        JSON.readTree(line).path("agent").path("id").asText(),
                        line.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void assertEveryEventOnceAndTheCalmAlerts(String jobId, String prefix)
            throws Exception {
        String events = prefix + "-events-*";
        await("every event in Elasticsearch", () -> esCount(events) >= lines.size());
        Thread.sleep(3_000); // a duplicate would show now
        assertThat(esCount(events)).as("no event lost, none twice").isEqualTo(lines.size());
        await(
                "the same alerts as without the failure",
                () -> alertsIn(prefix + "-alerts").equals(calm));
        assertThat(jobState(jobId)).isEqualTo("RUNNING");
    }

    // --- Flink ------------------------------------------------------------------------------

    private static JsonNode flink(String path) throws Exception {
        return get(stack.flinkRest() + path);
    }

    private static String jobState(String jobId) throws Exception {
        return flink("/jobs/" + jobId).path("state").asText();
    }

    private static void awaitNextCheckpoint(String jobId) throws Exception {
        long done = completedCheckpoints(jobId);
        await("a checkpoint", () -> completedCheckpoints(jobId) > done);
    }

    private static long completedCheckpoints(String jobId) throws Exception {
        return flink("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    private static void cancel(String jobId) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(stack.flinkRest() + "/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        await("the job cancelled", () -> jobState(jobId).equals("CANCELED"));
    }

    private static void kill9(long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor()).isZero();
    }

    /** A metric summed over every Flink process's Prometheus endpoint (all tasks, all labels). */
    private static double prometheusSum(String metric) {
        double sum = 0;
        for (int port : stack.prometheusPorts()) {
            String page;
            try {
                page =
                        HTTP.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://127.0.0.1:"
                                                                        + port
                                                                        + "/metrics"))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body();
            } catch (Exception notServing) {
                continue;
            }
            for (String line : page.lines().toList()) {
                if (!line.startsWith("#") && line.contains("_" + metric)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    // --- Elasticsearch and Kafka ------------------------------------------------------------

    private static JsonNode get(String url) throws Exception {
        return JSON.readTree(
                HTTP.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    private static long esCount(String index) throws Exception {
        String es = stack.elasticsearch();
        HTTP.send(
                HttpRequest.newBuilder(URI.create(es + "/" + index + "/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return get(es + "/" + index + "/_count").path("count").asLong(-1);
    }

    private static List<JsonNode> alertDocuments(String index) throws Exception {
        esCount(index);
        List<JsonNode> out = new ArrayList<>();
        get(stack.elasticsearch() + "/" + index + "/_search?size=1000")
                .path("hits")
                .path("hits")
                .forEach(h -> out.add(h.path("_source")));
        return out;
    }

    /** The latest revision and severity of every alert in an index. */
    private static Map<String, String> alertsIn(String index) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode doc : alertDocuments(index)) {
            JsonNode a = doc.path("agentwatch").path("alert");
            out.put(
                    a.path("id").asText(),
                    "r" + a.path("revision").asInt() + " " + a.path("severity").asText());
        }
        return out;
    }

    private static long newCountryAlertsOf(String index, String agent) throws Exception {
        return alertDocuments(index).stream()
                .filter(d -> d.path("user").path("id").asText().equals(agent))
                .filter(d -> CliTestSupport.ruleIds(d).contains("new_country"))
                .count();
    }

    private static void alertKeysOnTopic(Set<String> into) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", stack.kafka());
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            c.partitionsFor(ALERTS_TOPIC)
                    .forEach(i -> partitions.add(new TopicPartition(ALERTS_TOPIC, i.partition())));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    into.add(r.key());
                }
            }
        }
    }

    // --- the simulated events -----------------------------------------------------------------

    /** The last successful located event of the busiest agent the calm run raised no alert on. */
    private static JsonNode lastSuccessOfBusiestAgent() throws Exception {
        Set<String> alerted = new HashSet<>();
        alertDocuments("calm-alerts").forEach(d -> alerted.add(d.path("user").path("id").asText()));
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, JsonNode> lastOf = new TreeMap<>();
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            String agent = e.path("agent").path("id").asText();
            counts.merge(agent, 1, Integer::sum);
            if (!e.path("outcome").asText().equals("failure")
                    && !e.path("action").asText().equals("login_failed")
                    && !e.path("source").path("geo").path("country_iso_code").isMissingNode()) {
                lastOf.put(agent, e);
            }
        }
        String busiest =
                counts.entrySet().stream()
                        .filter(c -> lastOf.containsKey(c.getKey()))
                        .filter(c -> !alerted.contains(c.getKey()))
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey();
        assertThat(counts.get(busiest)).as("history of the probe's agent").isGreaterThan(100);
        return lastOf.get(busiest);
    }

    private static Set<String> countriesOf(String agent) throws Exception {
        Set<String> out = new HashSet<>();
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            if (e.path("agent").path("id").asText().equals(agent)) {
                out.add(e.path("source").path("geo").path("country_iso_code").asText());
            }
        }
        return out;
    }

    private static void await(String what, Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                if (done.call()) {
                    return;
                }
            } catch (Exception notYet) {
                // a service coming back, or an index not there yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting: " + what);
    }
}

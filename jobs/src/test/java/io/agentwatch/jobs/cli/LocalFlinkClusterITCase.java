package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Flink session cluster (deploy/local/stack.sh flink-up: a JobManager and two TaskManager
 * processes from Maven Central artifacts) and {@code ./detector submit}: the shaded job jar is
 * uploaded by REST, runs on the cluster over simulated files, and writes its outputs; and a
 * TaskManager killed with {@code kill -9} mid-stream: the job fails over from its checkpoint, and
 * Elasticsearch ends with every event once and the alerts of a failure-free run.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.agentwatch.jobs.testing.LocalElasticsearch.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LocalFlinkClusterITCase {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final java.net.http.HttpClient HTTP =
            java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build();
    private static final Path STACK_SH = Path.of("..", "deploy", "local", "stack.sh");
    private static final Path JAR = Path.of("target", "agentwatch.jar");

    @TempDir static Path stack;
    private static int restPort;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void stackSh(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", STACK_SH.toString(), command).inheritIO();
        pb.environment().put("AGENTWATCH_STACK_DIR", stack.toString());
        pb.environment().put("FLINK_REST_PORT", Integer.toString(restPort));
        pb.environment().put("FLINK_RPC_PORT", Integer.toString(freePort()));
        Process p = pb.start();
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("stack.sh " + command + " ended").isTrue();
        assertThat(p.exitValue()).as("stack.sh " + command).isZero();
    }

    @BeforeAll
    static void startCluster() throws Exception {
        restPort = freePort();
        stackSh("flink-up");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        stackSh("flink-down");
    }

    private static com.fasterxml.jackson.databind.JsonNode get(String url) throws Exception {
        return JSON.readTree(
                HTTP.send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    private static com.fasterxml.jackson.databind.JsonNode flink(String path) throws Exception {
        return get("http://127.0.0.1:" + restPort + path);
    }

    private static long esCount(String index) throws Exception {
        String es = io.agentwatch.jobs.testing.LocalElasticsearch.url();
        HTTP.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(es + "/" + index + "/_refresh"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return get(es + "/" + index + "/_count").path("count").asLong(-1);
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (done.call()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting: " + what);
    }

    /** {@code ./detector submit} of {@code run ARGS} to the cluster; returns what it printed. */
    private static String submit(String... runArgs) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "submit",
                                "--rest",
                                "http://127.0.0.1:" + restPort,
                                "--jar",
                                JAR.toString(),
                                "--wait",
                                "180s",
                                "--",
                                "run"));
        args.addAll(List.of(runArgs));
        return CliTestSupport.run(args.toArray(new String[0]));
    }

    /** Writes lines into a followed folder whole (written aside, then moved in). */
    private static void drop(Path folder, String name, List<String> lines) throws Exception {
        Path aside = folder.resolve("." + name);
        Files.write(aside, lines);
        Files.move(aside, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The latest revision and severity of every alert in an index. */
    private static java.util.Map<String, String> alertsIn(String index) throws Exception {
        esCount(index);
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode h :
                get(io.agentwatch.jobs.testing.LocalElasticsearch.url()
                                + "/"
                                + index
                                + "/_search?size=1000")
                        .path("hits")
                        .path("hits")) {
            com.fasterxml.jackson.databind.JsonNode a =
                    h.path("_source").path("agentwatch").path("alert");
            out.put(
                    a.path("id").asText(),
                    "r" + a.path("revision").asInt() + " " + a.path("severity").asText());
        }
        return out;
    }

    @Test
    void aTaskManagerKilledMidStreamLosesNothingAndDuplicatesNothing(@TempDir Path dir)
            throws Exception {
        Path events = dir.resolve("events.ndjson");
        CliTestSupport.simulate(events, 5, 40, 2, 2000);
        List<String> lines = Files.readAllLines(events);
        String es = io.agentwatch.jobs.testing.LocalElasticsearch.url();

        // The failure-free outcome, on the embedded cluster.
        CliTestSupport.run(
                "run",
                "--input",
                events.toString(),
                "--es",
                es,
                "--es-index-prefix",
                "calm",
                "--es-retention",
                "3650d");
        java.util.Map<String, String> calm = alertsIn("calm-alerts");
        assertThat(calm).isNotEmpty();

        Path input = Files.createDirectories(dir.resolve("input"));
        String printed =
                submit(
                        "--input",
                        input.toString(),
                        "--follow",
                        "--es",
                        es,
                        "--es-index-prefix",
                        "storm",
                        "--es-retention",
                        "3650d",
                        "--checkpoint-dir",
                        stack.resolve("flink/checkpoints").toUri().toString(),
                        "--checkpoint-interval",
                        "1s",
                        "--restart-delay",
                        "1s");
        String jobId = printed.replaceAll("(?s).*job ([0-9a-f]{32}).*", "$1");
        int half = lines.size() / 2;
        drop(input, "1.ndjson", lines.subList(0, half));
        await("the first half in Elasticsearch", () -> esCount("storm-events-*") == half);
        long checkpoints =
                flink("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
        await(
                "a checkpoint after the first half",
                () ->
                        flink("/jobs/" + jobId + "/checkpoints")
                                        .path("counts")
                                        .path("completed")
                                        .asLong()
                                > checkpoints);

        // kill -9 a TaskManager that runs the job's tasks.
        String victim = null;
        for (com.fasterxml.jackson.databind.JsonNode tm :
                flink("/taskmanagers").path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                victim = tm.path("id").asText();
            }
        }
        assertThat(victim).as("a TaskManager running the job").isNotNull();
        long pid =
                Long.parseLong(Files.readString(stack.resolve("flink/" + victim + ".pid")).trim());
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();

        drop(input, "2.ndjson", lines.subList(half, lines.size()));
        await("every event in Elasticsearch", () -> esCount("storm-events-*") >= lines.size());
        Thread.sleep(3_000); // a duplicate would show now
        assertThat(esCount("storm-events-*"))
                .as("no event lost, none twice")
                .isEqualTo(lines.size());
        assertThat(
                        flink("/jobs/" + jobId + "/exceptions")
                                .path("exceptionHistory")
                                .path("entries")
                                .size())
                .as("the job failed over")
                .isPositive();
        await(
                "the same alerts as without the failure",
                () -> alertsIn("storm-alerts").equals(calm));
        HTTP.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(
                                        "http://127.0.0.1:"
                                                + restPort
                                                + "/jobs/"
                                                + jobId
                                                + "?mode=cancel"))
                        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSubmittedJobRunsOnTheClusterAndWritesItsOutputs(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the shaded job jar (package phase)").isRegularFile();
        Path events = dir.resolve("events.ndjson");
        CliTestSupport.simulate(events, 3, 30, 2, 2000);
        Path out = dir.resolve("out");
        String printed =
                submit(
                        "--input",
                        events.toAbsolutePath().toString(),
                        "--output",
                        out.toAbsolutePath().toString());
        assertThat(printed).containsPattern("job [0-9a-f]{32} (RUNNING|FINISHED)");
        // A bounded input: the job finishes on the cluster and commits its files.
        String jobId = printed.replaceAll("(?s).*job ([0-9a-f]{32}).*", "$1");
        java.net.http.HttpClient http =
                java.net.http.HttpClient.newBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_1_1)
                        .build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String state = "";
        while (System.nanoTime() < deadline && !state.equals("FINISHED")) {
            Thread.sleep(1000);
            String body =
                    http.send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    java.net.URI.create(
                                                            "http://127.0.0.1:"
                                                                    + restPort
                                                                    + "/jobs/"
                                                                    + jobId))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .body();
            state =
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(body)
                            .path("state")
                            .asText();
            assertThat(state).as("job state").isNotIn("FAILED", "CANCELED");
        }
        assertThat(state).isEqualTo("FINISHED");
        List<Path> alerts = io.agentwatch.jobs.io.NdjsonFileSinks.outputs(out, "alerts");
        assertThat(alerts).as("alerts written by the job on the cluster").isNotEmpty();
        long lines = 0;
        for (Path p : io.agentwatch.jobs.io.NdjsonFileSinks.outputs(out, "events")) {
            lines += Files.readAllLines(p).size();
        }
        assertThat(lines).isEqualTo(Files.readAllLines(events).size());
        CliTestSupport.assertNoCardNumbers(out);
    }
}

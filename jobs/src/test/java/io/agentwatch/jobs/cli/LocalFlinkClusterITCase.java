package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * uploaded by REST, runs on the cluster over simulated files, and writes its outputs.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LocalFlinkClusterITCase {
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

    @Test
    void theSubmittedJobRunsOnTheClusterAndWritesItsOutputs(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the shaded job jar (package phase)").isRegularFile();
        Path events = dir.resolve("events.ndjson");
        CliTestSupport.simulate(events, 3, 30, 2, 2000);
        Path out = dir.resolve("out");
        String printed =
                CliTestSupport.run(
                        "submit",
                        "--rest",
                        "http://127.0.0.1:" + restPort,
                        "--jar",
                        JAR.toString(),
                        "--wait",
                        "180s",
                        "--",
                        "run",
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

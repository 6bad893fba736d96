package io.agentwatch.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * The parts of a Flink cluster's REST API that {@code submit} and {@code stop} use: upload and run
 * a jar, read a job's state, stop a job with a savepoint. HTTP/1.1 only: Flink's REST server does
 * not speak HTTP/2 and Java's client would try to upgrade.
 */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> SETTLED = Set.of("RUNNING", "FINISHED", "FAILED", "CANCELED");

    private final URI rest;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    FlinkRest(URI rest) {
        this.rest = rest;
    }

    URI address() {
        return rest;
    }

    /** Uploads a jar; returns the id the cluster gave it. */
    String upload(Path jar) throws IOException, InterruptedException {
        String boundary = "agentwatch-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                                + " filename=\"agentwatch.jar\"\r\nContent-Type:"
                                + " application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        if (!"success".equals(json.path("status").asText())) {
            throw new IOException("jar upload refused: " + r.body());
        }
        String name = json.path("filename").asText();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** Runs an uploaded jar; returns the job id. */
    String run(String jarId, ObjectNode request) throws IOException, InterruptedException {
        JsonNode ran = post("/jars/" + jarId + "/run", request);
        if (!ran.has("jobid")) {
            throw new IOException("the cluster refused the job: " + ran.path("errors"));
        }
        return ran.path("jobid").asText();
    }

    String state(String jobId) throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        if (job.has("errors")) {
            throw new IOException("no job " + jobId + " on " + rest + ": " + job.path("errors"));
        }
        return job.path("state").asText();
    }

    /** Waits until the job is running or over; returns the last state seen. */
    String awaitSettled(String jobId, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String state = "CREATED";
        while (System.nanoTime() < deadline) {
            state = state(jobId);
            if (SETTLED.contains(state)) {
                return state;
            }
            Thread.sleep(500);
        }
        return state;
    }

    /**
     * Stops the job with a savepoint (into {@code directory}, or the cluster's default savepoint
     * folder when null) and returns where the savepoint is, once the job has ended.
     */
    String stopWithSavepoint(String jobId, String directory, boolean drain, Duration wait)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("drain", drain);
        if (directory != null) {
            body.put("targetDirectory", directory);
        }
        JsonNode triggered = post("/jobs/" + jobId + "/stop", body);
        if (!triggered.has("request-id")) {
            throw new IOException("the cluster refused to stop " + jobId + ": " + triggered);
        }
        String trigger = triggered.path("request-id").asText();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode op = status.path("operation");
                if (op.has("location")) {
                    awaitEnded(jobId, deadline);
                    return op.path("location").asText();
                }
                throw new IOException(
                        "the savepoint of "
                                + jobId
                                + " failed: "
                                + op.path("failure-cause")
                                        .path("stack-trace")
                                        .asText(op.toString())
                                        .lines()
                                        .findFirst()
                                        .orElse(""));
            }
            Thread.sleep(500);
        }
        throw new IOException("the savepoint of " + jobId + " did not complete within " + wait);
    }

    /** The savepoint completes before the job ends: a new job must not race the old one. */
    private void awaitEnded(String jobId, long deadline) throws IOException, InterruptedException {
        while (System.nanoTime() < deadline) {
            String state = state(jobId);
            if (state.equals("FINISHED") || state.equals("CANCELED") || state.equals("FAILED")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("job " + jobId + " took its savepoint but did not end in time");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(rest.resolve(path))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(rest.resolve(path))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofMinutes(2))
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    static ObjectNode request() {
        return JSON.createObjectNode();
    }
}

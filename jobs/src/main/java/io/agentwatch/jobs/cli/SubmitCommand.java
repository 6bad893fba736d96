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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ./detector submit [--rest URL] -- run ARGS}: sends the shaded job jar to a Flink cluster's
 * REST endpoint, runs the detection job there with the given {@code run} arguments, and reports the
 * job id and its state.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description =
                "Submits the job jar to a Flink cluster (REST) and runs `run ARGS` there; prints"
                        + " the job id and state.")
public final class SubmitCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SETTLED = Set.of("RUNNING", "FINISHED", "FAILED", "CANCELED");

    @Option(
            names = "--rest",
            defaultValue = "http://127.0.0.1:8081",
            paramLabel = "URL",
            description = "The cluster's REST endpoint (default: ${DEFAULT-VALUE}).")
    URI rest;

    @Option(
            names = "--jar",
            paramLabel = "FILE",
            description = "The shaded job jar (default: the one this command runs from).")
    Path jar;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Job parallelism (default: the cluster's).")
    Integer parallelism;

    @Option(
            names = "--wait",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long to wait for the job to be running (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Parameters(
            arity = "1..*",
            paramLabel = "ARGS",
            description = "The job's command line: run and its options (after --).")
    List<String> args = new ArrayList<>();

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    @Override
    public Integer call() throws Exception {
        if (!args.get(0).equals("run")) {
            throw new ParameterException(
                    new CommandLine(this),
                    "the job's arguments start with run (e.g. submit -- run --kafka ...)");
        }
        Path file = jar != null ? jar : ownJar();
        String jarId;
        try {
            jarId = upload(file);
        } catch (IOException e) {
            System.err.println(
                    "error: cannot reach the Flink cluster at " + rest + ": " + e.getMessage());
            return 1;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", DetectorCli.class.getName());
        body.putPOJO("programArgsList", args);
        if (parallelism != null) {
            body.put("parallelism", parallelism);
        }
        JsonNode ran = post("/jars/" + jarId + "/run", body.toString());
        if (!ran.has("jobid")) {
            System.err.println("error: the cluster refused the job: " + ran.path("errors"));
            return 1;
        }
        String jobId = ran.path("jobid").asText();
        String state = awaitSettled(jobId);
        System.out.printf("job %s %s (%s/#/job/running/%s/overview)%n", jobId, state, rest, jobId);
        return state.equals("RUNNING") || state.equals("FINISHED") ? 0 : 1;
    }

    /** The jar this command runs from, when it runs from the shaded jar. */
    private Path ownJar() {
        try {
            Path self =
                    Path.of(
                            SubmitCommand.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
                return self;
            }
        } catch (Exception e) {
            // fall through: ask for --jar
        }
        throw new ParameterException(
                new CommandLine(this), "not running from the job jar: give --jar FILE");
    }

    private String upload(Path file) throws IOException, InterruptedException {
        String boundary = "agentwatch-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                                + " filename=\"agentwatch.jar\"\r\nContent-Type:"
                                + " application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
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

    private JsonNode post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(rest.resolve(path))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofMinutes(2))
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private String awaitSettled(String jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String state = "CREATED";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            state = JSON.readTree(r.body()).path("state").asText(state);
            if (SETTLED.contains(state)) {
                return state;
            }
            Thread.sleep(500);
        }
        return state;
    }
}

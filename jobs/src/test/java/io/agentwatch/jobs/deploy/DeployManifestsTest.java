package io.agentwatch.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.cli.DetectorCli;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Docker Compose file and the Kubernetes manifests cannot run here; this checks that they parse
 * and point at the right things: the Flink image of the version the job is built against, the
 * shaded jar where the build puts it, the CLI's entry class, arguments the CLI accepts, and Flink
 * settings that exist.
 */
class DeployManifestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final String IMAGE = "flink:" + EnvironmentInformation.getVersion() + "-java17";
    private static final String ENTRY = DetectorCli.class.getName();

    /** The Flink option keys the manifests may set (reporters are configured by prefix). */
    private static Set<String> flinkKeys() throws Exception {
        Set<String> keys = new HashSet<>();
        for (Class<?> c :
                List.of(
                        CheckpointingOptions.class,
                        StateBackendOptions.class,
                        RestartStrategyOptions.class,
                        TaskManagerOptions.class,
                        JobManagerOptions.class,
                        CoreOptions.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers())
                        && ConfigOption.class.isAssignableFrom(f.getType())) {
                    keys.add(((ConfigOption<?>) f.get(null)).key());
                }
            }
        }
        keys.add("execution.checkpointing.incremental");
        return keys;
    }

    private static List<String> unknownKeys(Iterable<String> keys) throws Exception {
        Set<String> known = flinkKeys();
        List<String> unknown = new ArrayList<>();
        for (String k : keys) {
            if (!known.contains(k) && !k.startsWith("metrics.reporter.")) {
                unknown.add(k);
            }
        }
        return unknown;
    }

    /** Parses a {@code run ...} argument list as the CLI would, failing on an unknown option. */
    private static void acceptedByTheCli(List<String> args) {
        new CommandLine(new DetectorCli()).parseArgs(args.toArray(new String[0]));
    }

    /** YAML (anchors and aliases resolved) as a tree. */
    private static JsonNode yaml(Path file) throws Exception {
        Object doc =
                new org.snakeyaml.engine.v2.api.Load(
                                org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                        .loadFromString(Files.readString(file));
        return JSON.valueToTree(doc);
    }

    private static List<String> words(String command) {
        return List.of(command.trim().split("\\s+"));
    }

    @Test
    void dockerComposeRunsTheJobOnTheFlinkImageWithTheBuiltJar() throws Exception {
        JsonNode compose = yaml(DEPLOY.resolve("docker-compose.yml"));
        JsonNode services = compose.path("services");
        assertThat(services.fieldNames())
                .toIterable()
                .contains("kafka", "elasticsearch", "kibana", "setup", "jobmanager", "taskmanager");
        for (String flink : List.of("setup", "jobmanager", "taskmanager")) {
            JsonNode s = services.path(flink);
            assertThat(s.path("image").asText()).as(flink).isEqualTo(IMAGE);
            assertThat(s.path("volumes").get(0).asText())
                    .as(flink + " mounts the shaded jar")
                    .isEqualTo("../jobs/target/agentwatch.jar:/opt/flink/usrlib/agentwatch.jar:ro");
        }
        List<String> job = words(services.path("jobmanager").path("command").asText());
        assertThat(job.subList(0, 3)).containsExactly("standalone-job", "--job-classname", ENTRY);
        acceptedByTheCli(job.subList(3, job.size()));
        assertThat(services.path("setup").path("command").asText()).contains(ENTRY + " setup");

        List<String> keys = new ArrayList<>();
        for (String line :
                services.path("jobmanager")
                        .path("environment")
                        .path("FLINK_PROPERTIES")
                        .asText()
                        .split("\n")) {
            if (!line.isBlank()) {
                keys.add(line.substring(0, line.indexOf(':')).trim());
            }
        }
        assertThat(keys).contains("state.backend.type", "execution.checkpointing.dir");
        assertThat(unknownKeys(keys)).as("Flink settings that do not exist").isEmpty();
    }

    @Test
    void theFlinkDeploymentRunsTheJobFromTheImageTheDockerfileBuilds() throws Exception {
        JsonNode d = yaml(DEPLOY.resolve("kubernetes/agentwatch-flinkdeployment.yaml"));
        assertThat(d.path("kind").asText()).isEqualTo("FlinkDeployment");
        assertThat(d.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        String[] version = EnvironmentInformation.getVersion().split("\\.");
        assertThat(d.at("/spec/flinkVersion").asText())
                .isEqualTo("v" + version[0] + "_" + version[1]);
        JsonNode job = d.at("/spec/job");
        assertThat(job.path("entryClass").asText()).isEqualTo(ENTRY);
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        List<String> args = new ArrayList<>();
        job.path("args").forEach(a -> args.add(a.asText()));
        acceptedByTheCli(args);

        List<String> dockerfile = Files.readAllLines(DEPLOY.resolve("kubernetes/Dockerfile"));
        assertThat(dockerfile).contains("FROM " + IMAGE);
        String jar = job.path("jarURI").asText().replaceFirst("^local://", "");
        assertThat(dockerfile).contains("COPY jobs/target/agentwatch.jar " + jar);

        List<String> keys = new ArrayList<>();
        d.at("/spec/flinkConfiguration").fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .contains(
                        "state.backend.type",
                        "execution.checkpointing.incremental",
                        "execution.checkpointing.dir",
                        "restart-strategy.type");
        assertThat(unknownKeys(keys)).as("Flink settings that do not exist").isEmpty();
    }
}

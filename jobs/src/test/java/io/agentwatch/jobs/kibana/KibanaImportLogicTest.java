package io.agentwatch.jobs.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the Kibana import: what counts as a change, and the multipart body. */
class KibanaImportLogicTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void kibanasMigrationsAreNotChangesButOurEditsAre() throws Exception {
        List<JsonNode> ours = KibanaSavedObjects.parseNdjson(KibanaSavedObjects.shipped());
        JsonNode dashboard =
                ours.stream()
                        .filter(o -> o.path("type").asText().equals("dashboard"))
                        .findFirst()
                        .orElseThrow();
        ObjectNode migrated = dashboard.deepCopy();
        // Kibana adds to stored objects (and inside their encoded JSON) when it migrates them.
        migrated.put("updated_at", "2026-11-22T10:00:00Z");
        JsonNode panels = JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText());
        ((ObjectNode) panels.get(0)).putObject("embeddableConfig").put("enhancements", "{}");
        ((ObjectNode) migrated.path("attributes")).put("panelsJSON", panels.toString());
        assertThat(KibanaSavedObjects.contains(migrated, dashboard)).isTrue();

        ObjectNode edited = dashboard.deepCopy();
        ((ObjectNode) edited.path("attributes")).put("title", "renamed by hand");
        assertThat(KibanaSavedObjects.contains(edited, dashboard)).isFalse();

        JsonNode bulkGet =
                JSON.createObjectNode()
                        .set(
                                "saved_objects",
                                JSON.createArrayNode()
                                        .add(migrated)
                                        .add(
                                                JSON.createObjectNode()
                                                        .put("id", "agentwatch-events")
                                                        .set(
                                                                "error",
                                                                JSON.createObjectNode()
                                                                        .put("statusCode", 404))));
        JsonNode dataView =
                ours.stream()
                        .filter(o -> o.path("id").asText().equals("agentwatch-events"))
                        .findFirst()
                        .orElseThrow();
        assertThat(KibanaSavedObjects.differing(List.of(dashboard, dataView), bulkGet))
                .containsExactly("agentwatch-events");
    }

    @Test
    void theImportIsOneFilePartOfMultipartFormData() {
        String body =
                new String(
                        KibanaSavedObjects.multipart("b0", "{\"id\":\"x\"}\n"),
                        StandardCharsets.UTF_8);
        assertThat(body)
                .startsWith("--b0\r\nContent-Disposition: form-data; name=\"file\";")
                .contains("filename=\"agentwatch.ndjson\"")
                .contains("\r\n\r\n{\"id\":\"x\"}\n\r\n--b0--\r\n");
    }
}

package io.agentwatch.jobs.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agentwatch.jobs.elasticsearch.StackVersion;
import io.agentwatch.models.config.Resources;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * Imports agentwatch's saved objects (shipped as {@code agentwatch/kibana/agentwatch.ndjson}) into
 * a Kibana space through the saved-objects import API, with {@code overwrite=true} and the {@code
 * kbn-xsrf} header. It first reads the objects back ({@code _bulk_get}) and imports only when one
 * is missing or differs, so a second run changes nothing.
 */
public final class KibanaSavedObjects {
    public static final String RESOURCE = "/agentwatch/kibana/agentwatch.ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    /**
     * @param url Kibana's URL
     * @param space the space to import into, or null for the default space
     * @param authorization an Authorization header value, or null
     * @param ssl a TLS context for https, or null for the JVM's defaults
     */
    public KibanaSavedObjects(String url, String space, String authorization, SSLContext ssl) {
        String root = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.base = URI.create(space == null || space.isBlank() ? root : root + "/s/" + space);
        this.authorization = authorization;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    /** What {@link #install} did, as lines for people. */
    public static final class Report {
        public final List<String> lines = new ArrayList<>();
        public int changed;
    }

    public Report install() throws IOException, InterruptedException {
        Report report = new Report();
        String ndjson = shipped();
        List<JsonNode> objects = parseNdjson(ndjson);
        String version = version();
        report.lines.add("Kibana " + version + " at " + base);
        List<String> differing = differing(objects, bulkGet(objects));
        if (differing.isEmpty()) {
            report.lines.add(objects.size() + " saved objects (unchanged)");
            return report;
        }
        JsonNode result = importObjects(ndjson);
        if (!result.path("success").asBoolean()) {
            throw new IOException(
                    "Kibana did not import every saved object: " + result.path("errors"));
        }
        report.changed = differing.size();
        report.lines.add(
                result.path("successCount").asInt()
                        + " saved objects imported ("
                        + differing.size()
                        + " new or changed: "
                        + String.join(", ", differing)
                        + ")");
        return report;
    }

    /** The ids of objects Kibana lacks or holds differently from ours. */
    static List<String> differing(List<JsonNode> ours, JsonNode bulkGet) {
        List<String> out = new ArrayList<>();
        JsonNode stored = bulkGet.path("saved_objects");
        for (int i = 0; i < ours.size(); i++) {
            JsonNode o = ours.get(i);
            JsonNode s = stored.path(i);
            boolean same =
                    !s.has("error")
                            && s.path("id").asText().equals(o.path("id").asText())
                            && contains(s.path("attributes"), o.path("attributes"))
                            && contains(s.path("references"), o.path("references"));
            if (!same) {
                out.add(o.path("id").asText());
            }
        }
        return out;
    }

    /**
     * Whether {@code stored} holds everything {@code ours} says. Kibana migrates objects on import
     * (adding fields, also inside JSON-encoded strings), so extra content there is not a change.
     */
    static boolean contains(JsonNode stored, JsonNode ours) {
        if (ours.isTextual() && stored.isTextual() && looksLikeJson(ours.asText())) {
            try {
                return contains(JSON.readTree(stored.asText()), JSON.readTree(ours.asText()));
            } catch (IOException e) {
                return ours.equals(stored);
            }
        }
        if (ours.isObject()) {
            if (!stored.isObject()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = ours.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!stored.has(f.getKey()) || !contains(stored.get(f.getKey()), f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (ours.isArray()) {
            if (!stored.isArray() || stored.size() != ours.size()) {
                return false;
            }
            for (int i = 0; i < ours.size(); i++) {
                if (!contains(stored.get(i), ours.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return ours.equals(stored) || (ours.isNumber() && ours.asText().equals(stored.asText()));
    }

    private static boolean looksLikeJson(String s) {
        String t = s.strip();
        return t.startsWith("{") || t.startsWith("[");
    }

    /** The multipart/form-data body of an import: one part, {@code file}, the NDJSON. */
    static byte[] multipart(String boundary, String ndjson) {
        String body =
                "--"
                        + boundary
                        + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\";"
                        + " filename=\"agentwatch.ndjson\"\r\n"
                        + "Content-Type: application/ndjson\r\n\r\n"
                        + ndjson
                        + "\r\n--"
                        + boundary
                        + "--\r\n";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static List<JsonNode> parseNdjson(String ndjson) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private String version() throws IOException, InterruptedException {
        JsonNode status = send(request("/api/status").GET().build());
        String version = status.path("version").path("number").asText("");
        if (StackVersion.major(version) < 0) {
            throw new IOException("Kibana at " + base + " did not report its version");
        }
        StackVersion.requireSupported(
                "Kibana", version, "agentwatch's saved objects are for Kibana");
        return version;
    }

    private JsonNode bulkGet(List<JsonNode> objects) throws IOException, InterruptedException {
        ArrayNode body = JSON.createArrayNode();
        for (JsonNode o : objects) {
            body.addObject().put("type", o.path("type").asText()).put("id", o.path("id").asText());
        }
        return send(
                request("/api/saved_objects/_bulk_get")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
    }

    private JsonNode importObjects(String ndjson) throws IOException, InterruptedException {
        String boundary = "agentwatch-" + UUID.randomUUID();
        return send(
                request("/api/saved_objects/_import?overwrite=true")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, ndjson)))
                        .build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("kbn-xsrf", "agentwatch");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private JsonNode send(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("cannot reach Kibana at " + base + ": " + e.getMessage(), e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new IOException(
                    "Kibana refused the credentials (HTTP "
                            + status
                            + "): check --es-api-key or --es-user/--es-password");
        }
        if (status >= 300) {
            throw new IOException(
                    "Kibana answered HTTP "
                            + status
                            + " to "
                            + r.uri().getPath()
                            + ": "
                            + response.body());
        }
        return JSON.readTree(response.body());
    }

    static String shipped() throws IOException {
        return Resources.text(RESOURCE);
    }
}

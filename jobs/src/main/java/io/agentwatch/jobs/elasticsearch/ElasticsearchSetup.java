package io.agentwatch.jobs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.models.config.Resources;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Prepares a cluster for agentwatch: a component template of the fields all indices share and index
 * templates composed of it, with explicit mappings (from {@code dashboards/elasticsearch/}), an ILM
 * delete policy where the cluster has ILM, and retention that works without it (dated events
 * indices older than the retention are deleted). Idempotent.
 */
public final class ElasticsearchSetup {
    static final String RESOURCES = "/agentwatch/elasticsearch/";

    /** The index templates, {@code index-template-<name>.json}, in install order. */
    public static final List<String> TEMPLATES =
            List.of(
                    "events",
                    "alerts",
                    "dead-letters",
                    "agent-risk",
                    "model-findings",
                    "access-review");

    /** Component templates every index template is composed of (installed first). */
    static final String[] COMPONENTS = {"ecs-base"};

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient rest;
    private final IndexNames names;

    public ElasticsearchSetup(RestClient rest, IndexNames names) {
        this.rest = rest;
        this.names = names;
    }

    /** What {@link #install} did, as lines for people. */
    public static final class Report {
        public final List<String> lines = new ArrayList<>();
        public boolean ilm;
        public String version;

        /** Objects created or changed; 0 when everything was already as it should be. */
        public int changed;
    }

    public Report install(Duration retention) throws IOException {
        Report report = new Report();
        checkReachable();
        report.version = checkVersion();
        report.ilm = hasIlm();
        String policy = names.prefix() + "-retention";
        if (report.ilm) {
            String body =
                    resource("ilm-policy.json").replace("${retention}", retention.toDays() + "d");
            JsonNode existing = get("/_ilm/policy/" + policy);
            boolean same =
                    existing != null
                            && existing.path(policy)
                                    .path("policy")
                                    .path("phases")
                                    .equals(JSON.readTree(body).path("policy").path("phases"));
            if (!same) {
                put("/_ilm/policy/" + policy, body);
                report.changed++;
            }
            report.lines.add(
                    "ILM policy "
                            + policy
                            + ": delete after "
                            + retention.toDays()
                            + " days"
                            + (same
                                    ? " (unchanged)"
                                    : existing == null ? " (installed)" : " (updated)"));
        } else {
            report.lines.add(
                    "ILM is not available on this cluster: agentwatch deletes dated event indices"
                            + " older than "
                            + retention.toDays()
                            + " days itself");
        }
        for (String c : COMPONENTS) {
            JsonNode component = JSON.readTree(resource("component-template-" + c + ".json"));
            String name = names.prefix() + "-" + c;
            String state =
                    putIfChanged(
                            "/_component_template/" + name,
                            "component_templates",
                            "component_template",
                            component,
                            report);
            report.lines.add("component template " + name + state);
        }
        for (String t : TEMPLATES) {
            ObjectNode template =
                    (ObjectNode) JSON.readTree(resource("index-template-" + t + ".json"));
            ArrayNode composedOf = template.putArray("composed_of");
            for (String c : COMPONENTS) {
                composedOf.add(names.prefix() + "-" + c);
            }
            String pattern =
                    template.path("index_patterns")
                            .get(0)
                            .asText()
                            .replaceFirst("^agentwatch-", names.prefix() + "-");
            template.putArray("index_patterns").add(pattern);
            if (report.ilm) {
                ((ObjectNode) template.with("template").with("settings"))
                        .put("index.lifecycle.name", policy);
            }
            String name = names.prefix() + "-" + t;
            String state =
                    putIfChanged(
                            "/_index_template/" + name,
                            "index_templates",
                            "index_template",
                            template,
                            report);
            report.lines.add("index template " + name + " for " + pattern + state);
        }
        return report;
    }

    /**
     * Writes a template unless the stored one (found at {@code list[0].item} of a GET) is the same;
     * returns what happened, for the report line.
     */
    private String putIfChanged(
            String path, String list, String item, JsonNode desired, Report report)
            throws IOException {
        JsonNode existing = get(path);
        JsonNode current = existing == null ? null : existing.path(list).path(0).path(item);
        boolean same = current != null && sameTemplate(desired, current);
        if (!same) {
            put(path, JSON.writeValueAsString(desired));
            report.changed++;
        }
        return same ? " (unchanged)" : current == null ? " (installed)" : " (updated)";
    }

    /** Deletes dated events indices older than the retention; returns their names. */
    public List<String> deleteExpired(Duration retention, LocalDate today) throws IOException {
        List<String> deleted = new ArrayList<>();
        Request list = new Request("GET", "/_cat/indices/" + names.eventsPrefix() + "*");
        list.addParameter("format", "json");
        list.addParameter("h", "index");
        JsonNode indices =
                JSON.readTree(EntityUtils.toString(rest.performRequest(list).getEntity()));
        LocalDate oldestKept = today.minusDays(retention.toDays());
        for (JsonNode i : indices) {
            String index = i.path("index").asText();
            LocalDate day = names.dayOf(index);
            if (day != null && day.isBefore(oldestKept)) {
                rest.performRequest(new Request("DELETE", "/" + index));
                deleted.add(index);
            }
        }
        return deleted;
    }

    private void checkReachable() throws IOException {
        try {
            // GET / is not allowed on every cluster; health is.
            rest.performRequest(new Request("GET", "/_cluster/health"));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401 || status == 403) {
                throw new IOException(
                        "Elasticsearch refused the credentials (HTTP " + status + ")");
            }
            throw e;
        } catch (ConnectException e) {
            throw new IOException(
                    "cannot reach Elasticsearch at " + rest.getNodes() + ": " + e.getMessage(), e);
        }
    }

    /** The cluster's version; fails with a clear message on one agentwatch was not made for. */
    private String checkVersion() throws IOException {
        String version;
        try {
            // GET / is not served by every build (nor allowed to every key); node info is.
            JsonNode nodes = get("/_nodes/_local?filter_path=nodes.*.version");
            JsonNode first = nodes == null ? null : nodes.path("nodes").elements().next();
            version = first == null ? "" : first.path("version").asText("");
        } catch (ResponseException | java.util.NoSuchElementException e) {
            return "(version not readable)";
        }
        if (StackVersion.major(version) < 0) {
            return "(version not readable)";
        }
        StackVersion.requireSupported("Elasticsearch", version, "agentwatch needs Elasticsearch");
        return version;
    }

    /**
     * Whether a stored index template is the one we would install: every part we set, with settings
     * compared as Elasticsearch stores them (flattened under {@code index.}, as strings).
     */
    static boolean sameTemplate(JsonNode desired, JsonNode stored) {
        java.util.Iterator<String> fields = desired.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (f.equals("template")) {
                JsonNode d = desired.path("template");
                JsonNode st = stored.path("template");
                if (!d.path("mappings").equals(st.path("mappings"))
                        || !flatSettings(d.path("settings"))
                                .equals(flatSettings(st.path("settings")))) {
                    return false;
                }
            } else if (!desired.path(f).equals(stored.path(f))) {
                return false;
            }
        }
        return true;
    }

    private static java.util.Map<String, String> flatSettings(JsonNode settings) {
        java.util.Map<String, String> flat = new java.util.TreeMap<>();
        flatten("", settings, flat);
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        flat.forEach((k, v) -> out.put(k.startsWith("index.") ? k : "index." + k, v));
        return out;
    }

    private static void flatten(String prefix, JsonNode node, java.util.Map<String, String> out) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(e -> flatten(prefix + e.getKey() + ".", e.getValue(), out));
        } else if (!node.isMissingNode()) {
            out.put(prefix.substring(0, prefix.length() - 1), node.asText());
        }
    }

    /** A GET's JSON body, or null when the object does not exist (404). */
    private JsonNode get(String path) throws IOException {
        try {
            Response r = rest.performRequest(new Request("GET", path));
            return JSON.readTree(EntityUtils.toString(r.getEntity()));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private boolean hasIlm() throws IOException {
        try {
            rest.performRequest(new Request("GET", "/_ilm/status"));
            return true;
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 400 || status == 404 || status == 405) {
                return false; // "no handler found": a build without ILM
            }
            throw e;
        }
    }

    private void put(String path, String body) throws IOException {
        Request r = new Request("PUT", path);
        r.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        Response response = rest.performRequest(r);
        EntityUtils.consume(response.getEntity());
    }

    /** The retention in {@code retention.json}: the default when none is given. */
    public static Duration defaultRetention() throws IOException {
        String events = JSON.readTree(resource("retention.json")).path("events").asText("");
        try {
            return io.agentwatch.models.config.ConfigOption.parseDuration(events);
        } catch (RuntimeException e) {
            throw new IOException(
                    "retention.json: events must be a duration like 90d, is " + events, e);
        }
    }

    static String resource(String name) throws IOException {
        return Resources.text(RESOURCES + name);
    }
}

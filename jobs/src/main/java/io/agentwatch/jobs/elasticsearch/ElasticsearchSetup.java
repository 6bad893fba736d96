package io.agentwatch.jobs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
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
 * Prepares a cluster for agentwatch: index templates with explicit mappings (from {@code
 * dashboards/elasticsearch/}), an ILM delete policy where the cluster has ILM, and retention that
 * works without it (dated events indices older than the retention are deleted). Idempotent.
 */
public final class ElasticsearchSetup {
    static final String RESOURCES = "/agentwatch/elasticsearch/";
    static final String[] TEMPLATES = {"events", "alerts", "dead-letters", "agent-risk"};

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
    }

    public Report install(Duration retention) throws IOException {
        Report report = new Report();
        checkReachable();
        report.ilm = hasIlm();
        String policy = names.prefix() + "-retention";
        if (report.ilm) {
            String body =
                    resource("ilm-policy.json").replace("${retention}", retention.toDays() + "d");
            put("/_ilm/policy/" + policy, body);
            report.lines.add(
                    "ILM policy " + policy + ": delete after " + retention.toDays() + " days");
        } else {
            report.lines.add(
                    "ILM is not available on this cluster: agentwatch deletes dated event indices"
                            + " older than "
                            + retention.toDays()
                            + " days itself");
        }
        for (String t : TEMPLATES) {
            ObjectNode template =
                    (ObjectNode) JSON.readTree(resource("index-template-" + t + ".json"));
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
            put("/_index_template/" + names.prefix() + "-" + t, JSON.writeValueAsString(template));
            report.lines.add("index template " + names.prefix() + "-" + t + " for " + pattern);
        }
        return report;
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

    static String resource(String name) throws IOException {
        try (InputStream in = ElasticsearchSetup.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

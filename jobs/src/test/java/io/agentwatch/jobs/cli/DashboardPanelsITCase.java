package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.jobs.elasticsearch.ElasticsearchConnection;
import io.agentwatch.jobs.elasticsearch.ElasticsearchSetup;
import io.agentwatch.jobs.elasticsearch.IndexNames;
import io.agentwatch.jobs.testing.LocalElasticsearch;
import io.agentwatch.models.config.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kibana cannot run here, so the query behind every dashboard panel is run against a real
 * Elasticsearch that the pipeline filled with simulator data (with malformed lines and a document
 * Elasticsearch rejects, so the health panels have something to show): each must return data. Lens
 * columns become the aggregations Kibana would send (buckets nested in column order, metrics
 * inside); KQL queries become {@code query_string} queries (enough for the simple ones we use). The
 * HTML report read from the same Elasticsearch must show the same kinds of data.
 */
@ExtendWith(LocalElasticsearch.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DashboardPanelsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRIC = "m-";

    @TempDir Path dir;

    @Test
    void everyPanelsQueryReturnsDataFromThePipelinesOutput() throws Exception {
        Path input = dir.resolve("events.ndjson");
        CliTestSupport.simulate(input, 8, 40, 2, 2000);
        List<String> lines = new ArrayList<>(Files.readAllLines(input, StandardCharsets.UTF_8));
        lines.add("not json at all");
        lines.add(
                "{\"event_id\":\"poison-1\",\"@timestamp\":\"2026-03-10T10:00:00Z\",\"agent\":"
                        + "{\"id\":\"agent-x\"},\"action\":\"search\",\"query\":\"Zoe\"}");
        Files.write(input, lines, StandardCharsets.UTF_8);

        // A bundle, live and in shadow, so the models dashboard has findings of both slots.
        Path bundle = CliTestSupport.trainedBundle(dir, 9, 40, 4);

        IndexNames names = new IndexNames(IndexNames.DEFAULT_PREFIX);
        try (RestClient rest = ElasticsearchConnection.of(LocalElasticsearch.url()).restClient()) {
            new ElasticsearchSetup(rest, names).install(Duration.ofDays(3650));
            Request conflict = new Request("PUT", "/" + names.eventsPrefix() + "2026.03.10");
            conflict.setJsonEntity(
                    "{\"mappings\":{\"properties\":{\"agentwatch\":{\"properties\":"
                            + "{\"query\":{\"type\":\"long\"}}}}}}");
            rest.performRequest(conflict);
            CliTestSupport.run(
                    "run",
                    "--input",
                    input.toString(),
                    "--es",
                    LocalElasticsearch.url(),
                    "--es-retention",
                    "3650d",
                    "--model",
                    bundle.toString(),
                    "--shadow-model",
                    bundle.toString(),
                    "--set",
                    "model_anomaly.min_percentile=99");
            CliTestSupport.run(
                    "access-review",
                    "--es",
                    LocalElasticsearch.url(),
                    "--es-retention",
                    "3650d",
                    "--from",
                    "2026-03-01",
                    "--to",
                    "2026-04-01",
                    "--out",
                    dir.resolve("access-review.csv").toString());
            rest.performRequest(new Request("POST", "/" + names.prefix() + "-*/_refresh"));

            Map<String, JsonNode> objects = new HashMap<>();
            for (String line : Resources.text("/agentwatch/kibana/agentwatch.ndjson").split("\n")) {
                JsonNode o = JSON.readTree(line);
                objects.put(o.path("id").asText(), o);
            }
            int panels = 0;
            List<String> empty = new ArrayList<>();
            for (JsonNode o : objects.values()) {
                String type = o.path("type").asText();
                if (!type.equals("lens") && !type.equals("search")) {
                    continue;
                }
                panels++;
                String index =
                        objects.get(o.path("references").get(0).path("id").asText())
                                .path("attributes")
                                .path("title")
                                .asText();
                JsonNode result = search(rest, index, request(o));
                if (!hasData(type, result)) {
                    empty.add(o.path("attributes").path("title").asText() + " on " + index);
                }
            }
            assertThat(panels).isGreaterThanOrEqualTo(24);
            assertThat(empty).as("panels whose query returns nothing").isEmpty();
        }

        // The HTML report reads the same documents from Elasticsearch.
        Path report = dir.resolve("es-report.html");
        CliTestSupport.run(
                "report",
                "--es",
                LocalElasticsearch.url(),
                "--since",
                "3650d",
                "--out",
                report.toString());
        String html = Files.readString(report, StandardCharsets.UTF_8);
        int start = html.indexOf("var DATA = ") + "var DATA = ".length();
        JsonNode data = JSON.readTree(html.substring(start, html.indexOf(";\n", start)));
        assertThat(data.path("soc").path("openAlerts").size()).isPositive();
        assertThat(data.path("agent").path("riskOverTime").size()).isPositive();
        assertThat(data.path("card").path("byTeam").size()).isPositive();
        assertThat(data.path("health").path("eventsOverTime").size()).isPositive();
        assertThat(data.path("health").path("deadLettersByReason"))
                .extracting(s -> s.path("name").asText())
                .contains("NOT_JSON", "ELASTICSEARCH_REJECTED");
    }

    /** The search body Kibana would send for a Lens panel or a saved search. */
    private static ObjectNode request(JsonNode o) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        JsonNode a = o.path("attributes");
        if (o.path("type").asText().equals("search")) {
            JsonNode source =
                    JSON.readTree(
                            a.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
            body.put("size", 1);
            body.set("query", query(source.path("query").path("query").asText()));
            return body;
        }
        body.put("size", 0);
        body.set("query", query(a.path("state").path("query").path("query").asText()));
        JsonNode layer =
                a.path("state")
                        .path("datasourceStates")
                        .path("formBased")
                        .path("layers")
                        .elements()
                        .next();
        ObjectNode aggs = body.putObject("aggs");
        List<JsonNode> metrics = new ArrayList<>();
        Map<String, JsonNode> columns = new HashMap<>();
        layer.path("columns").fields().forEachRemaining(e -> columns.put(e.getKey(), e.getValue()));
        for (JsonNode id : layer.path("columnOrder")) {
            JsonNode c = columns.get(id.asText());
            if (!c.path("isBucketed").asBoolean()) {
                metrics.add(c);
                continue;
            }
            ObjectNode agg = aggs.putObject(id.asText());
            switch (c.path("operationType").asText()) {
                case "date_histogram" ->
                        agg.putObject("date_histogram")
                                .put("field", c.path("sourceField").asText())
                                .put("fixed_interval", "1h");
                case "terms" ->
                        agg.putObject("terms")
                                .put("field", c.path("sourceField").asText())
                                .put("size", c.path("params").path("size").asInt(10));
                case "filters" -> {
                    ObjectNode filters = agg.putObject("filters").putObject("filters");
                    for (JsonNode f : c.path("params").path("filters")) {
                        filters.set(
                                f.path("label").asText(),
                                query(f.path("input").path("query").asText()));
                    }
                }
                default -> throw new AssertionError("operation " + c.path("operationType"));
            }
            aggs = agg.putObject("aggs");
        }
        for (JsonNode m : metrics) {
            String op = m.path("operationType").asText();
            if (!op.equals("count")) {
                String es = op.equals("average") ? "avg" : op;
                aggs.putObject(METRIC + es + "-" + m.path("sourceField").asText())
                        .putObject(es)
                        .put("field", m.path("sourceField").asText());
            }
        }
        return body;
    }

    /** KQL as Lucene query_string: the operators differ only in case for the queries we use. */
    private static JsonNode query(String kql) {
        ObjectNode q = JSON.createObjectNode();
        if (kql.isBlank()) {
            q.putObject("match_all");
            return q;
        }
        String lucene =
                kql.replaceAll("\\bnot\\b", "NOT")
                        .replaceAll("\\band\\b", "AND")
                        .replaceAll("\\bor\\b", "OR");
        q.putObject("query_string").put("query", lucene);
        return q;
    }

    private static boolean hasData(String type, JsonNode result) {
        if (result.path("hits").path("total").path("value").asLong() == 0) {
            return false;
        }
        if (type.equals("search")) {
            return result.path("hits").path("hits").size() > 0;
        }
        Iterator<JsonNode> aggs = result.path("aggregations").elements();
        if (!aggs.hasNext()) {
            return true; // metrics only: the hit count is the number
        }
        JsonNode buckets = aggs.next().path("buckets");
        boolean any = false;
        for (JsonNode b : buckets.isObject() ? iterate(buckets) : buckets) {
            any |= b.path("doc_count").asLong() > 0;
        }
        // A metric (max, average) that is null in every bucket is a line Kibana cannot draw.
        Map<String, Boolean> metrics = new HashMap<>();
        metricValues(result.path("aggregations"), metrics);
        return any && !metrics.containsValue(false);
    }

    /** Whether each metric aggregation, at any depth, has a value in some bucket. */
    private static void metricValues(JsonNode node, Map<String, Boolean> found) {
        node.fields()
                .forEachRemaining(
                        f -> {
                            if (f.getKey().startsWith(METRIC)) {
                                found.merge(
                                        f.getKey(),
                                        !f.getValue().path("value").isNull(),
                                        Boolean::logicalOr);
                            } else if (f.getValue().isContainerNode()) {
                                metricValues(f.getValue(), found);
                            }
                        });
        if (node.isArray()) {
            node.forEach(n -> metricValues(n, found));
        }
    }

    private static Iterable<JsonNode> iterate(JsonNode object) {
        return object::elements;
    }

    private static JsonNode search(RestClient rest, String index, JsonNode body)
            throws IOException {
        Request r = new Request("POST", "/" + index + "/_search");
        r.setJsonEntity(body.toString());
        return JSON.readTree(EntityUtils.toString(rest.performRequest(r).getEntity()));
    }
}

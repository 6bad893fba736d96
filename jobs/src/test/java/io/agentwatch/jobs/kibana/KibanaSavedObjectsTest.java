package io.agentwatch.jobs.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.models.config.Resources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kibana cannot run here, so the saved objects in {@code dashboards/kibana/} are checked by
 * structure: unique stable ids, references that resolve, the encoded JSON strings Kibana's import
 * expects, and every field a panel, search, query or control uses present in our index templates
 * with a type its operation can use. Every problem is collected and reported at once.
 */
class KibanaSavedObjectsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEMPLATES =
            io.agentwatch.jobs.elasticsearch.ElasticsearchSetup.TEMPLATES;
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_@][\\w.@]*)\\s*:");
    private static final Set<String> NUMERIC = Set.of("long", "integer", "float", "double");

    private static final Map<String, JsonNode> objects = new LinkedHashMap<>();

    /** Index pattern (e.g. agentwatch-events-*) to its fields and their mapping types. */
    private static final Map<String, Map<String, String>> fieldsByPattern = new HashMap<>();

    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        for (String line : Resources.text("/agentwatch/kibana/agentwatch.ndjson").split("\n")) {
            if (!line.isBlank()) {
                JsonNode o = JSON.readTree(line);
                JsonNode previous = objects.put(o.path("id").asText(), o);
                assertThat(previous).as("duplicate id %s", o.path("id").asText()).isNull();
            }
        }
        for (String t : TEMPLATES) {
            JsonNode template =
                    JSON.readTree(
                            Resources.text(
                                    "/agentwatch/elasticsearch/index-template-" + t + ".json"));
            Map<String, String> fields = new HashMap<>();
            for (JsonNode component : template.path("composed_of")) {
                String name = component.asText().replaceFirst("^agentwatch-", "");
                JsonNode c =
                        JSON.readTree(
                                Resources.text(
                                        "/agentwatch/elasticsearch/component-template-"
                                                + name
                                                + ".json"));
                collect("", c.path("template").path("mappings"), fields);
            }
            collect("", template.path("template").path("mappings"), fields);
            fieldsByPattern.put(template.path("index_patterns").get(0).asText(), fields);
        }
    }

    private static void collect(String prefix, JsonNode mapping, Map<String, String> out) {
        mapping.path("properties")
                .fields()
                .forEachRemaining(
                        e -> {
                            String path = prefix + e.getKey();
                            if (e.getValue().has("type")) {
                                out.put(path, e.getValue().path("type").asText());
                            }
                            collect(path + ".", e.getValue(), out);
                        });
    }

    @Test
    void theDashboardsAndTheirDataViewsAreThere() {
        assertThat(objects)
                .containsKeys(
                        "agentwatch-dashboard-soc-overview",
                        "agentwatch-dashboard-agent-investigation",
                        "agentwatch-dashboard-card-data-access",
                        "agentwatch-dashboard-pipeline-health",
                        "agentwatch-dashboard-models",
                        "agentwatch-dashboard-access-review",
                        "agentwatch-access-review",
                        "agentwatch-model-findings",
                        "agentwatch-events",
                        "agentwatch-alerts",
                        "agentwatch-agent-risk",
                        "agentwatch-dead-letters");
    }

    @Test
    void everyObjectIsWellFormedAndEveryReferenceAndFieldResolves() throws IOException {
        for (JsonNode o : objects.values()) {
            String id = o.path("id").asText();
            Map<String, JsonNode> refs = references(o);
            switch (o.path("type").asText()) {
                case "index-pattern" -> checkDataView(id, o.path("attributes"));
                case "search" -> checkSearch(id, o.path("attributes"), refs);
                case "lens" -> checkLens(id, o.path("attributes"), refs);
                case "dashboard" -> checkDashboard(id, o.path("attributes"), refs);
                default -> problems.add(id + ": unexpected type " + o.path("type"));
            }
        }
        assertThat(problems).as("problems in dashboards/kibana/agentwatch.ndjson").isEmpty();
    }

    /** Reference name to reference; checks each points at an object of its type. */
    private Map<String, JsonNode> references(JsonNode o) {
        Map<String, JsonNode> refs = new HashMap<>();
        for (JsonNode r : o.path("references")) {
            String name = r.path("name").asText();
            if (refs.put(name, r) != null) {
                problems.add(o.path("id").asText() + ": reference name " + name + " twice");
            }
            JsonNode target = objects.get(r.path("id").asText());
            if (target == null || !target.path("type").asText().equals(r.path("type").asText())) {
                problems.add(o.path("id").asText() + ": reference " + r + " does not resolve");
            }
        }
        return refs;
    }

    private void checkDataView(String id, JsonNode a) {
        Map<String, String> fields = fieldsByPattern.get(a.path("title").asText());
        if (fields == null) {
            problems.add(id + ": title " + a.path("title") + " is no index template's pattern");
            return;
        }
        expectField(id, fields, a.path("timeFieldName").asText(), Set.of("date"));
        for (String encoded : List.of("fields", "fieldFormatMap", "runtimeFieldMap")) {
            parse(id + " " + encoded, a.path(encoded));
        }
    }

    private void checkSearch(String id, JsonNode a, Map<String, JsonNode> refs) {
        JsonNode source =
                parse(
                        id + " searchSourceJSON",
                        a.path("kibanaSavedObjectMeta").path("searchSourceJSON"));
        if (source == null) {
            return;
        }
        Map<String, String> fields = fieldsOf(id, refs.get(source.path("indexRefName").asText()));
        if (fields == null) {
            return;
        }
        for (JsonNode c : a.path("columns")) {
            expectField(id, fields, c.asText(), null);
        }
        checkKql(id, fields, source.path("query").path("query").asText());
    }

    private void checkLens(String id, JsonNode a, Map<String, JsonNode> refs) {
        JsonNode state = a.path("state");
        JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
        if (!layers.isObject() || layers.isEmpty()) {
            problems.add(id + ": no formBased layers");
            return;
        }
        Set<String> columnIds = new HashSet<>();
        Map<String, String> fields = null;
        for (Map.Entry<String, JsonNode> layer : iterable(layers)) {
            fields = fieldsOf(id, refs.get("indexpattern-datasource-layer-" + layer.getKey()));
            if (fields == null) {
                continue;
            }
            JsonNode columns = layer.getValue().path("columns");
            List<String> order = new ArrayList<>();
            layer.getValue().path("columnOrder").forEach(c -> order.add(c.asText()));
            List<String> keys = new ArrayList<>();
            columns.fieldNames().forEachRemaining(keys::add);
            if (!new HashSet<>(order).equals(new HashSet<>(keys))) {
                problems.add(id + ": columnOrder " + order + " is not the columns " + keys);
            }
            for (Map.Entry<String, JsonNode> c : iterable(columns)) {
                columnIds.add(c.getKey());
                checkColumn(id + " column " + c.getKey(), fields, c.getValue(), keys);
            }
        }
        for (String used : usedColumnIds(state.path("visualization"))) {
            if (!columnIds.contains(used)) {
                problems.add(
                        id + ": the visualisation uses column " + used + ", which is not defined");
            }
        }
        if (fields != null) {
            checkKql(id, fields, state.path("query").path("query").asText());
        }
    }

    private void checkColumn(
            String where, Map<String, String> fields, JsonNode c, List<String> columns) {
        String op = c.path("operationType").asText();
        if (c.has("timeShift") && !c.path("timeShift").asText().matches("\\d+[smhdwMy]|previous")) {
            problems.add(
                    where + ": time shift " + c.path("timeShift") + " is not one Kibana takes");
        }
        String field = c.path("sourceField").asText(null);
        switch (op) {
            case "count" -> {}
            case "date_histogram" -> expectField(where, fields, field, Set.of("date"));
            case "terms" -> {
                expectField(
                        where,
                        fields,
                        field,
                        Set.of("keyword", "ip", "long", "integer", "boolean"));
                JsonNode orderBy = c.path("params").path("orderBy");
                if (orderBy.path("type").asText().equals("column")
                        && !columns.contains(orderBy.path("columnId").asText())) {
                    problems.add(where + ": ordered by a column that does not exist");
                }
            }
            case "max", "min", "average", "sum", "median" ->
                    expectField(where, fields, field, NUMERIC);
            case "unique_count" -> expectField(where, fields, field, null);
            case "filters" ->
                    c.path("params")
                            .path("filters")
                            .forEach(
                                    f ->
                                            checkKql(
                                                    where,
                                                    fields,
                                                    f.path("input").path("query").asText()));
            default -> problems.add(where + ": operation " + op + " is not checked by this test");
        }
    }

    /** Column ids a Lens visualisation state refers to (accessors, x, split, table, pie). */
    private static Set<String> usedColumnIds(JsonNode visualization) {
        Set<String> used = new HashSet<>();
        for (JsonNode layer : visualization.path("layers")) {
            layer.path("accessors").forEach(x -> used.add(x.asText()));
            layer.path("primaryGroups").forEach(x -> used.add(x.asText()));
            layer.path("metrics").forEach(x -> used.add(x.asText()));
            for (String key : List.of("xAccessor", "splitAccessor")) {
                if (layer.hasNonNull(key)) {
                    used.add(layer.path(key).asText());
                }
            }
        }
        visualization.path("columns").forEach(c -> used.add(c.path("columnId").asText()));
        return used;
    }

    private void checkDashboard(String id, JsonNode a, Map<String, JsonNode> refs) {
        JsonNode panels = parse(id + " panelsJSON", a.path("panelsJSON"));
        parse(id + " optionsJSON", a.path("optionsJSON"));
        parse(id + " searchSourceJSON", a.path("kibanaSavedObjectMeta").path("searchSourceJSON"));
        if (panels == null) {
            return;
        }
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode p : panels) {
            String ref = p.path("panelIndex").asText() + ":" + p.path("panelRefName").asText();
            if (!refs.containsKey(ref)) {
                problems.add(id + ": panel " + ref + " has no reference");
            }
            JsonNode g = p.path("gridData");
            int[] box = {
                g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()
            };
            if (box[0] < 0 || box[0] + box[2] > 48 || box[2] <= 0 || box[3] <= 0) {
                problems.add(id + ": panel " + ref + " does not fit the 48-column grid");
            }
            for (int[] other : boxes) {
                if (box[0] < other[0] + other[2]
                        && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3]
                        && other[1] < box[1] + box[3]) {
                    problems.add(id + ": panel " + ref + " overlaps another");
                }
            }
            boxes.add(box);
        }
        JsonNode controls = a.path("controlGroupInput");
        if (!controls.isMissingNode()) {
            JsonNode controlPanels =
                    parse(id + " controlGroupInput.panelsJSON", controls.path("panelsJSON"));
            parse(
                    id + " controlGroupInput.ignoreParentSettingsJSON",
                    controls.path("ignoreParentSettingsJSON"));
            if (controlPanels != null) {
                for (JsonNode c : controlPanels) {
                    JsonNode input = c.path("explicitInput");
                    Map<String, String> fields =
                            fieldsOf(id, refs.get(input.path("dataViewRefName").asText()));
                    if (fields != null) {
                        expectField(
                                id + " control", fields, input.path("fieldName").asText(), null);
                    }
                }
            }
        }
    }

    /** The fields of the data view a reference points at; null (and a problem) if none. */
    private Map<String, String> fieldsOf(String id, JsonNode reference) {
        if (reference == null || !reference.path("type").asText().equals("index-pattern")) {
            problems.add(id + ": no data-view reference where one is needed");
            return null;
        }
        JsonNode view = objects.get(reference.path("id").asText());
        return view == null
                ? null
                : fieldsByPattern.get(view.path("attributes").path("title").asText());
    }

    private void checkKql(String where, Map<String, String> fields, String kql) {
        Matcher m = KQL_FIELD.matcher(kql);
        while (m.find()) {
            expectField(where + " query", fields, m.group(1), null);
        }
    }

    private void expectField(
            String where, Map<String, String> fields, String field, Set<String> types) {
        String type = field == null ? null : fields.get(field);
        if (type == null) {
            problems.add(where + ": field " + field + " is not in the index template");
        } else if (types != null && !types.contains(type)) {
            problems.add(where + ": field " + field + " is " + type + ", not one of " + types);
        }
    }

    /** A string attribute holding JSON, parsed; null (and a problem) if it is not one. */
    private JsonNode parse(String where, JsonNode encoded) {
        if (!encoded.isTextual()) {
            problems.add(where + ": must be a JSON-encoded string");
            return null;
        }
        try {
            return JSON.readTree(encoded.asText());
        } catch (IOException e) {
            problems.add(where + ": not JSON (" + e.getMessage() + ")");
            return null;
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}

package io.agentwatch.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.jobs.elasticsearch.DocumentScan;
import io.agentwatch.jobs.elasticsearch.IndexNames;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.models.event.Timestamps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.elasticsearch.client.RestClient;

/**
 * The numbers behind the HTML report's five views, read from a run's NDJSON output or from
 * Elasticsearch (the same documents): SOC overview, the riskiest agent's investigation, card-data
 * access, access review and pipeline health. Time series are per hour (event time). Holds counts
 * and ids, never raw data.
 */
public final class ReportData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR = 3_600_000L;
    private static final int PAGE = 5_000;

    private final Map<String, JsonNode> alerts = new TreeMap<>();
    private final Map<String, Map<Long, Integer>> alertsBySeverity = new TreeMap<>();
    private final Map<String, Double> maxRisk = new HashMap<>();
    private final Map<String, TreeMap<Long, Double>> riskOverTime = new HashMap<>();
    private final Map<String, Map<Long, Integer>> eventsByAction = new TreeMap<>();
    private final Map<String, Map<Long, Integer>> cardByAction = new TreeMap<>();
    private final Map<String, Integer> cardByTeam = new TreeMap<>();
    private final Map<String, Integer> cardTicket = new TreeMap<>();
    private final Map<String, Map<Long, Integer>> deadByReason = new TreeMap<>();
    private final Map<String, AgentActivity> agents = new HashMap<>();

    /** The latest period's access review row of each role and field. */
    private final Map<String, JsonNode> reviewRows = new TreeMap<>();

    /** What the investigation view needs of one agent. */
    private static final class AgentActivity {
        final Map<Long, Integer> eventsByHour = new TreeMap<>();

        /** Per hour: the sum and count of the events' usual-for-this-hour baseline. */
        final Map<Long, double[]> usualByHour = new TreeMap<>();

        final Map<String, Integer> sensitiveFields = new TreeMap<>();
        final Map<String, Integer> places = new TreeMap<>();
    }

    /** From a run's NDJSON output folder. */
    public static ReportData read(Path folder) throws IOException {
        ReportData d = new ReportData();
        d.each(folder, NdjsonFileSinks.ALERTS_PREFIX, d::alert);
        d.each(folder, NdjsonFileSinks.AGENT_RISK_PREFIX, d::risk);
        d.each(folder, NdjsonFileSinks.EVENTS_PREFIX, d::event);
        d.each(folder, NdjsonFileSinks.DEAD_LETTERS_PREFIX, d::deadLetter);
        d.each(folder, NdjsonFileSinks.ACCESS_REVIEW_PREFIX, d::accessReview);
        d.finish();
        return d;
    }

    /** From Elasticsearch: the documents since {@code fromMillis} (event time) in our indices. */
    public static ReportData read(RestClient rest, IndexNames names, long fromMillis)
            throws IOException {
        ReportData d = new ReportData();
        d.each(rest, names.alerts(), fromMillis, d::alert);
        d.each(rest, names.agentRisk(), fromMillis, d::risk);
        d.each(rest, names.eventsPrefix() + "*", fromMillis, d::event);
        d.each(rest, names.deadLetters(), fromMillis, d::deadLetter);
        d.each(rest, names.accessReview(), fromMillis, d::accessReview);
        d.finish();
        return d;
    }

    private void each(RestClient rest, String index, long fromMillis, Consumer<JsonNode> sink)
            throws IOException {
        DocumentScan.each(rest, index, fromMillis, Long.MAX_VALUE, sink);
    }

    private void finish() {
        for (JsonNode a : alerts.values()) {
            alertsBySeverity
                    .computeIfAbsent(
                            a.path("agentwatch").path("alert").path("severity").asText(),
                            k -> new TreeMap<>())
                    .merge(hour(a), 1, Integer::sum);
        }
    }

    private void each(Path folder, String prefix, Consumer<JsonNode> sink) throws IOException {
        NdjsonFileSinks.documents(folder, prefix, sink);
    }

    private static long hour(JsonNode doc) {
        return Math.floorDiv(Timestamps.parseMillis(doc.path("@timestamp").asText()), HOUR) * HOUR;
    }

    private void alert(JsonNode a) {
        String id = a.path("agentwatch").path("alert").path("id").asText();
        alerts.merge(
                id,
                a,
                (x, y) -> revision(y) >= revision(x) ? y : x); // the file holds every revision
    }

    private static int revision(JsonNode a) {
        return a.path("agentwatch").path("alert").path("revision").asInt();
    }

    private void risk(JsonNode r) {
        String agent = r.path("user").path("id").asText();
        double score = r.path("agentwatch").path("risk").path("score").asDouble();
        maxRisk.merge(agent, score, Math::max);
        riskOverTime
                .computeIfAbsent(agent, k -> new TreeMap<>())
                .put(Timestamps.parseMillis(r.path("@timestamp").asText()), score);
    }

    private void event(JsonNode e) {
        String action = e.path("event").path("action").asText();
        long hour = hour(e);
        eventsByAction.computeIfAbsent(action, k -> new TreeMap<>()).merge(hour, 1, Integer::sum);
        JsonNode aw = e.path("agentwatch");
        boolean card =
                aw.path("card_data").path("targeted").asBoolean()
                        || (action.equals("reveal")
                                && contains(aw.path("sensitivity").path("classes"), "PCI"));
        if (card) {
            cardByAction.computeIfAbsent(action, k -> new TreeMap<>()).merge(hour, 1, Integer::sum);
            cardByTeam.merge(aw.path("agent").path("team").asText("(none)"), 1, Integer::sum);
            cardTicket.merge(
                    aw.path("ticket").has("id") ? "with a ticket" : "without a ticket",
                    1,
                    Integer::sum);
        }
        AgentActivity a =
                agents.computeIfAbsent(
                        e.path("user").path("id").asText(), k -> new AgentActivity());
        a.eventsByHour.merge(hour, 1, Integer::sum);
        JsonNode usual = aw.path("baseline").path("usual_hour_events");
        if (usual.isNumber()) {
            double[] sumCount = a.usualByHour.computeIfAbsent(hour, k -> new double[2]);
            sumCount[0] += usual.asDouble();
            sumCount[1]++;
        }
        if (!aw.path("sensitivity").path("max").asText().equals("NONE")) {
            aw.path("fields").forEach(f -> a.sensitiveFields.merge(f.asText(), 1, Integer::sum));
        }
        JsonNode source = e.path("source");
        if (source.has("ip")) {
            a.places.merge(
                    source.path("geo").path("country_iso_code").asText("?")
                            + " "
                            + source.path("ip").asText(),
                    1,
                    Integer::sum);
        }
    }

    /** Roles only (teams are in the CSV and Kibana); a later period replaces an earlier one. */
    private void accessReview(JsonNode d) {
        JsonNode r = d.path("agentwatch").path("access_review");
        if (!r.path("group_kind").asText().equals("role")) {
            return;
        }
        String key = r.path("group").asText() + "\u0000" + r.path("field").asText();
        JsonNode before = reviewRows.get(key);
        if (before == null
                || before.path("@timestamp").asText().compareTo(d.path("@timestamp").asText())
                        <= 0) {
            reviewRows.put(key, d);
        }
    }

    private void deadLetter(JsonNode d) {
        deadByReason
                .computeIfAbsent(
                        d.path("agentwatch").path("dead_letter").path("reason").asText(),
                        k -> new TreeMap<>())
                .merge(hour(d), 1, Integer::sum);
    }

    private static String join(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return String.join(", ", out);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The agent with the highest risk, whom the investigation view shows; null if none. */
    String riskiestAgent() {
        return maxRisk.entrySet().stream()
                .max(
                        Map.Entry.<String, Double>comparingByValue()
                                .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** Everything the page's charts draw, as one JSON object. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode soc = root.putObject("soc");
        soc.set("alertsBySeverity", series(alertsBySeverity));
        ArrayNode open = soc.putArray("openAlerts");
        alerts.values().stream()
                .filter(
                        a ->
                                a.path("agentwatch")
                                        .path("alert")
                                        .path("status")
                                        .asText()
                                        .equals("open"))
                .sorted(
                        Comparator.comparingDouble(
                                a -> -a.path("event").path("risk_score").asDouble()))
                .limit(50)
                .forEach(
                        a ->
                                open.addObject()
                                        .put("agent", a.path("user").path("id").asText())
                                        .put(
                                                "severity",
                                                a.path("agentwatch")
                                                        .path("alert")
                                                        .path("severity")
                                                        .asText())
                                        .put("rules", join(a.path("rule").path("id")))
                                        .put("reason", a.path("message").asText())
                                        .put(
                                                "status",
                                                a.path("agentwatch")
                                                        .path("alert")
                                                        .path("status")
                                                        .asText()));
        soc.set("topRiskyAgents", top(maxRisk, 10));
        Map<String, Integer> byRule = new TreeMap<>();
        Map<String, Integer> byTeam = new TreeMap<>();
        for (JsonNode a : alerts.values()) {
            a.path("rule").path("id").forEach(r -> byRule.merge(r.asText(), 1, Integer::sum));
            byTeam.merge(
                    a.path("agentwatch").path("agent").path("team").asText("(none)"),
                    1,
                    Integer::sum);
        }
        soc.set("alertsByDetector", top(byRule, 20));
        soc.set("alertsByTeam", top(byTeam, 20));

        ObjectNode agent = root.putObject("agent");
        String riskiest = riskiestAgent();
        agent.put("id", riskiest);
        if (riskiest != null) {
            ArrayNode risk = agent.putArray("riskOverTime");
            riskOverTime.get(riskiest).forEach((t, v) -> risk.addArray().add(t).add(v));
            AgentActivity a = agents.getOrDefault(riskiest, new AgentActivity());
            ObjectNode activity = agent.putObject("activityByHour");
            ArrayNode events = activity.putArray("events");
            a.eventsByHour.forEach((t, n) -> events.addArray().add(t).add(n));
            ArrayNode usual = activity.putArray("usual");
            a.usualByHour.forEach(
                    (t, sc) ->
                            usual.addArray().add(t).add(Math.round(sc[0] / sc[1] * 100) / 100.0));
            agent.set("sensitiveFields", top(a.sensitiveFields, 15));
            agent.set("places", top(a.places, 15));
            ArrayNode theirs = agent.putArray("alerts");
            alerts.values().stream()
                    .filter(x -> x.path("user").path("id").asText().equals(riskiest))
                    .forEach(
                            x ->
                                    theirs.addObject()
                                            .put(
                                                    "severity",
                                                    x.path("agentwatch")
                                                            .path("alert")
                                                            .path("severity")
                                                            .asText())
                                            .put("reason", x.path("message").asText()));
        }

        ObjectNode card = root.putObject("card");
        card.set("overTime", series(cardByAction));
        card.set("byTeam", top(cardByTeam, 20));
        card.set("ticketContext", top(cardTicket, 2));

        ObjectNode review = root.putObject("review");
        Map<String, Map<String, Integer>> mix = new TreeMap<>();
        ArrayNode rows = review.putArray("rows");
        for (JsonNode d : reviewRows.values()) {
            JsonNode r = d.path("agentwatch").path("access_review");
            String recommendation = r.path("recommendation").asText();
            mix.computeIfAbsent(recommendation, k -> new TreeMap<>())
                    .merge(r.path("group").asText(), 1, Integer::sum);
            String sensitivity = r.path("sensitivity").asText();
            boolean sensitive = sensitivity.equals("PCI") || sensitivity.equals("SENSITIVE_PII");
            if (sensitive || r.path("evidence").size() > 0) {
                List<String> agentsToReview = new java.util.ArrayList<>();
                r.path("evidence").forEach(a -> agentsToReview.add(a.path("agent_id").asText()));
                rows.addObject()
                        .put("role", r.path("group").asText())
                        .put("field", r.path("field").asText())
                        .put("sensitivity", sensitivity)
                        .put("recommendation", recommendation)
                        .put(
                                "agents",
                                r.path("agents_accessed").asInt()
                                        + " of "
                                        + r.path("agents_in_group").asInt())
                        .put("ticket", Math.round(100 * r.path("ticket_share").asDouble()) + "%")
                        .put("review", String.join(", ", agentsToReview));
            }
        }
        ArrayNode mixSeries = review.putArray("mix");
        mix.forEach(
                (recommendation, byRole) -> {
                    ObjectNode s = mixSeries.addObject().put("name", recommendation);
                    ArrayNode data = s.putArray("data");
                    byRole.forEach((role, n) -> data.addArray().add(role).add(n));
                });

        ObjectNode health = root.putObject("health");
        health.set("eventsOverTime", series(eventsByAction));
        health.set("deadLettersByReason", series(deadByReason));
        return root;
    }

    /** Named series of [hour, count] points. */
    private static ArrayNode series(Map<String, Map<Long, Integer>> byName) {
        ArrayNode out = JSON.createArrayNode();
        byName.forEach(
                (name, points) -> {
                    ObjectNode s = out.addObject().put("name", name);
                    ArrayNode data = s.putArray("data");
                    points.forEach((t, n) -> data.addArray().add(t).add(n));
                });
        return out;
    }

    /** The largest entries, as [name, value] pairs, largest first. */
    private static <N extends Number> ArrayNode top(Map<String, N> values, int n) {
        ArrayNode out = JSON.createArrayNode();
        values.entrySet().stream()
                .sorted(
                        Comparator.comparingDouble(
                                        (Map.Entry<String, N> e) -> -e.getValue().doubleValue())
                                .thenComparing(Map.Entry::getKey))
                .limit(n)
                .forEach(e -> out.addArray().add(e.getKey()).add(e.getValue().doubleValue()));
        return out;
    }
}

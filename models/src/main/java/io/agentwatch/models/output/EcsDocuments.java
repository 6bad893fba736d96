package io.agentwatch.models.output;

import static io.agentwatch.models.event.JsonFields.idObject;
import static io.agentwatch.models.event.JsonFields.optional;
import static io.agentwatch.models.event.JsonFields.resource;
import static io.agentwatch.models.event.JsonFields.source;
import static io.agentwatch.models.event.JsonFields.stringArray;

import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.ModelFeature;
import io.agentwatch.models.detect.Severity;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.Timestamps;
import io.agentwatch.models.event.Utf8JsonWriter;
import io.agentwatch.models.review.FieldReview;
import io.agentwatch.models.risk.AgentRisk;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.risk.AlertFinding;
import io.agentwatch.models.sensitivity.SensitivityClass;

/**
 * The documents agentwatch writes (to Elasticsearch or NDJSON files), with Elastic Common Schema
 * names; what ECS lacks lives under {@code agentwatch.*}. Inputs are already masked.
 */
public final class EcsDocuments {
    public static final String ALERT_STATUS_OPEN = "open";

    // One writer per thread, reused for every document; schubfach for doubles (locations, scores):
    // a fraction of the JDK's Double.toString cost.
    private static final ThreadLocal<Utf8JsonWriter> WRITER =
            ThreadLocal.withInitial(() -> new Utf8JsonWriter(true));
    private static final SensitivityClass[] CLASSES = SensitivityClass.values();

    // The event document's names and fixed values, encoded once: one document is written per event.
    private static final Utf8JsonWriter.Name N_TIMESTAMP = new Utf8JsonWriter.Name("@timestamp");
    private static final Utf8JsonWriter.Name N_EVENT = new Utf8JsonWriter.Name("event");
    private static final Utf8JsonWriter.Name N_ID = new Utf8JsonWriter.Name("id");
    private static final Utf8JsonWriter.Name N_ACTION = new Utf8JsonWriter.Name("action");
    private static final Utf8JsonWriter.Name N_KIND = new Utf8JsonWriter.Name("kind");
    private static final Utf8JsonWriter.Name N_CATEGORY = new Utf8JsonWriter.Name("category");
    private static final Utf8JsonWriter.Name N_TYPE = new Utf8JsonWriter.Name("type");
    private static final Utf8JsonWriter.Name N_OUTCOME = new Utf8JsonWriter.Name("outcome");
    private static final Utf8JsonWriter.Name N_DATASET = new Utf8JsonWriter.Name("dataset");
    private static final Utf8JsonWriter.Name N_USER_AGENT = new Utf8JsonWriter.Name("user_agent");
    private static final Utf8JsonWriter.Name N_ORIGINAL = new Utf8JsonWriter.Name("original");
    private static final Utf8JsonWriter.Name N_RELATED = new Utf8JsonWriter.Name("related");
    private static final Utf8JsonWriter.Name N_USER = new Utf8JsonWriter.Name("user");
    private static final Utf8JsonWriter.Name N_IP = new Utf8JsonWriter.Name("ip");
    private static final Utf8JsonWriter.Name N_AGENTWATCH = new Utf8JsonWriter.Name("agentwatch");
    private static final Utf8JsonWriter.Name N_CUSTOMER = new Utf8JsonWriter.Name("customer");
    private static final Utf8JsonWriter.Name N_TICKET = new Utf8JsonWriter.Name("ticket");
    private static final Utf8JsonWriter.Name N_SESSION = new Utf8JsonWriter.Name("session");
    private static final Utf8JsonWriter.Name N_QUERY = new Utf8JsonWriter.Name("query");
    private static final Utf8JsonWriter.Name N_FIELDS = new Utf8JsonWriter.Name("fields");
    private static final Utf8JsonWriter.Name N_RESULT_COUNT =
            new Utf8JsonWriter.Name("result_count");
    private static final Utf8JsonWriter.Name N_SENSITIVITY = new Utf8JsonWriter.Name("sensitivity");
    private static final Utf8JsonWriter.Name N_CLASSES = new Utf8JsonWriter.Name("classes");
    private static final Utf8JsonWriter.Name N_MAX = new Utf8JsonWriter.Name("max");
    private static final Utf8JsonWriter.Name N_CARD_DATA = new Utf8JsonWriter.Name("card_data");
    private static final Utf8JsonWriter.Name N_TARGETED = new Utf8JsonWriter.Name("targeted");
    private static final Utf8JsonWriter.Name N_INTENT = new Utf8JsonWriter.Name("intent");
    private static final Utf8JsonWriter.Name N_BASELINE = new Utf8JsonWriter.Name("baseline");
    private static final Utf8JsonWriter.Name N_USUAL_HOUR_EVENTS =
            new Utf8JsonWriter.Name("usual_hour_events");
    private static final Utf8JsonWriter.Name N_EXTRA = new Utf8JsonWriter.Name("extra");
    private static final Utf8JsonWriter.Name N_AGENT = new Utf8JsonWriter.Name("agent");
    private static final Utf8JsonWriter.Name N_TEAM = new Utf8JsonWriter.Name("team");
    private static final Utf8JsonWriter.Name N_TIMEZONE = new Utf8JsonWriter.Name("timezone");
    private static final Utf8JsonWriter.Name N_NAME = new Utf8JsonWriter.Name("name");
    private static final Utf8JsonWriter.Name N_ROLES = new Utf8JsonWriter.Name("roles");
    private static final Utf8JsonWriter.Literal V_EVENT = new Utf8JsonWriter.Literal("event");
    private static final Utf8JsonWriter.Literal V_AUTHENTICATION =
            new Utf8JsonWriter.Literal("authentication");
    private static final Utf8JsonWriter.Literal V_DATABASE = new Utf8JsonWriter.Literal("database");
    private static final Utf8JsonWriter.Literal V_FAILURE = new Utf8JsonWriter.Literal("failure");
    private static final Utf8JsonWriter.Literal V_ACCESS_DATASET =
            new Utf8JsonWriter.Literal("agentwatch.access");
    private static final Utf8JsonWriter.Literal[] ACTION_NAMES =
            names(Action.values(), a -> a.wireName());
    private static final Utf8JsonWriter.Literal[] ECS_TYPES =
            names(Action.values(), EcsDocuments::ecsType);
    private static final Utf8JsonWriter.Literal[] OUTCOME_NAMES =
            names(io.agentwatch.models.event.Outcome.values(), o -> o.wireName());
    private static final Utf8JsonWriter.Literal[] CLASS_NAMES = names(CLASSES, Enum::name);
    private static final Utf8JsonWriter.Literal[] INTENT_NAMES =
            names(io.agentwatch.models.event.CardDataIntent.values(), Enum::name);

    private static <E extends Enum<E>> Utf8JsonWriter.Literal[] names(
            E[] values, java.util.function.Function<E, String> text) {
        Utf8JsonWriter.Literal[] out = new Utf8JsonWriter.Literal[values.length];
        for (E v : values) {
            out[v.ordinal()] = new Utf8JsonWriter.Literal(text.apply(v));
        }
        return out;
    }

    private EcsDocuments() {}

    public static String event(AccessEvent e) {
        return write(w -> writeEvent(w, e));
    }

    /**
     * {@link #event} as one NDJSON line in UTF-8 (the document and a newline), written as bytes
     * from the start: one document per input event is the biggest output, a string would be encoded
     * twice (characters, then bytes), and one array is one write to the file.
     */
    public static byte[] eventLine(AccessEvent e) {
        return eventUtf8(e, true);
    }

    /**
     * {@link #event} in UTF-8, for a sink that sends bytes (Elasticsearch's): the same reason as
     * {@link #eventLine}, without the newline.
     */
    public static byte[] eventBytes(AccessEvent e) {
        return eventUtf8(e, false);
    }

    private static byte[] eventUtf8(AccessEvent e, boolean newline) {
        Utf8JsonWriter w = WRITER.get().reset();
        writeEvent(w, e);
        return w.toBytes(newline);
    }

    /** An alert revision as it is first written: status {@code open}. */
    public static String alert(Alert a) {
        return write(w -> writeAlert(w, a, true));
    }

    /**
     * An alert revision as an update of the stored alert: everything but the status, which belongs
     * to the analyst once the alert exists.
     */
    public static String alertUpdate(Alert a) {
        return write(w -> writeAlert(w, a, false));
    }

    public static String agentRisk(AgentRisk r) {
        return write(w -> writeAgentRisk(w, r));
    }

    public static String deadLetter(DeadLetter d) {
        return write(w -> writeDeadLetter(w, d));
    }

    /** One group's use of one field over a period, with the recommendation. */
    public static String accessReview(FieldReview r, long from, long to) {
        return write(w -> writeAccessReview(w, r, from, to));
    }

    /** A model's finding about one agent-hour, live or shadow, as written for review. */
    public static String modelFinding(Finding f) {
        return write(w -> writeModelFinding(w, f));
    }

    private static void writeEvent(Utf8JsonWriter w, AccessEvent e) {
        w.startObject();
        w.name(N_TIMESTAMP);
        w.value(Timestamps.format(e.timestamp));
        w.name(N_EVENT);
        w.startObject();
        w.name(N_ID);
        w.value(e.eventId);
        w.name(N_ACTION);
        w.value(ACTION_NAMES[e.action.ordinal()]);
        w.name(N_KIND);
        w.value(V_EVENT);
        w.name(N_CATEGORY);
        w.startArray();
        w.value(isAuthentication(e.action) ? V_AUTHENTICATION : V_DATABASE);
        w.endArray();
        w.name(N_TYPE);
        w.startArray();
        w.value(ECS_TYPES[e.action.ordinal()]);
        w.endArray();
        if (e.outcome != null) {
            w.name(N_OUTCOME);
            w.value(OUTCOME_NAMES[e.outcome.ordinal()]);
        } else if (e.action == Action.LOGIN_FAILED) {
            w.name(N_OUTCOME);
            w.value(V_FAILURE);
        }
        w.name(N_DATASET);
        w.value(V_ACCESS_DATASET);
        w.endObject();

        writeUser(w, e.agentId, e.agentName, e.agentRole);
        source(w, e);
        if (e.userAgent != null) {
            w.name(N_USER_AGENT);
            w.startObject();
            w.name(N_ORIGINAL);
            w.value(e.userAgent);
            w.endObject();
        }
        w.name(N_RELATED);
        w.startObject();
        w.name(N_USER);
        w.startArray();
        w.value(e.agentId);
        w.endArray();
        if (e.sourceIp != null) {
            w.name(N_IP);
            w.startArray();
            w.value(e.sourceIp);
            w.endArray();
        }
        w.endObject();

        w.name(N_AGENTWATCH);
        w.startObject();
        agent(w, e.agentTeam, e.agentTimezone);
        idObject(w, N_CUSTOMER, e.customerId);
        idObject(w, N_TICKET, e.ticketId);
        idObject(w, N_SESSION, e.sessionId);
        resource(w, e);
        optional(w, N_QUERY, e.query);
        stringArray(w, N_FIELDS, e.fields);
        if (e.resultCount != null) {
            w.name(N_RESULT_COUNT);
            w.value(e.resultCount);
        }
        w.name(N_SENSITIVITY);
        w.startObject();
        w.name(N_CLASSES);
        w.startArray();
        for (SensitivityClass c : CLASSES) {
            if (c != SensitivityClass.NONE && c.in(e.sensitivity)) {
                w.value(CLASS_NAMES[c.ordinal()]);
            }
        }
        w.endArray();
        w.name(N_MAX);
        w.value(CLASS_NAMES[SensitivityClass.highest(e.sensitivity).ordinal()]);
        w.endObject();
        w.name(N_CARD_DATA);
        w.startObject();
        w.name(N_TARGETED);
        w.value(e.targetsCardData());
        w.name(N_INTENT);
        w.value(INTENT_NAMES[e.cardDataIntent.ordinal()]);
        w.endObject();
        if (!Float.isNaN(e.usualHourEvents)) {
            w.name(N_BASELINE);
            w.startObject();
            w.name(N_USUAL_HOUR_EVENTS);
            w.value(e.usualHourEvents);
            w.endObject();
        }
        if (e.extraJson != null) {
            w.name(N_EXTRA);
            w.rawValue(e.extraJson);
        }
        w.endObject();
        w.endObject();
    }

    private static void writeAlert(Utf8JsonWriter w, Alert a, boolean withStatus) {
        w.startObject();
        w.field("@timestamp", Timestamps.format(a.opened));
        detectionEvent(
                w, a.alertId, "alert", a.maxRisk, a.severity, a.start, a.end, "agentwatch.alert");
        // Every rule that contributed, in the order they fired: "alerts by detector" counts each.
        w.objectField("rule");
        w.arrayField("id");
        for (AlertFinding f : a.findings) {
            w.value(f.ruleId);
        }
        w.endArray();
        w.arrayField("name");
        for (AlertFinding f : a.findings) {
            w.value(f.latest.ruleName);
        }
        w.endArray();
        w.arrayField("version");
        for (AlertFinding f : a.findings) {
            w.value(String.valueOf(f.latest.ruleVersion));
        }
        w.endArray();
        w.endObject();
        writeUser(w, a.agentId, a.agentName, a.agentRole);
        w.field("message", a.reason);
        w.objectField("agentwatch");
        agent(w, a.agentTeam, null);
        w.objectField("alert");
        w.field("id", a.alertId);
        if (withStatus) {
            w.field("status", ALERT_STATUS_OPEN);
        }
        w.field("severity", a.severity.label());
        w.field("revision", a.revision);
        w.field("risk", a.risk);
        w.field("max_risk", a.maxRisk);
        w.arrayField("findings");
        for (AlertFinding f : a.findings) {
            writeFinding(w, f);
        }
        w.endArray();
        w.arrayField("event_ids");
        for (String id : a.eventIds) {
            w.value(id);
        }
        w.endArray();
        w.endObject();
        w.endObject();
        w.endObject();
    }

    private static void writeFinding(Utf8JsonWriter w, AlertFinding a) {
        Finding f = a.latest;
        w.startObject();
        w.field("id", a.findingId);
        w.field("rule_id", a.ruleId);
        w.field("rule_version", String.valueOf(f.ruleVersion));
        w.field("severity", a.severity.label());
        w.field("count", a.count);
        w.field("contribution", round(a.contribution));
        w.field("start", Timestamps.format(a.start));
        w.field("end", Timestamps.format(a.end));
        w.field("detected_at", Timestamps.format(a.detectedAt));
        w.field("reason", f.reason);
        w.field("observed", f.observed);
        w.field("threshold", round(f.threshold));
        w.field("window_minutes", f.windowMinutes);
        w.field("basis", f.basis);
        w.objectField("baseline");
        w.objectField("agent");
        if (f.agentBaselineMean != null) {
            w.field("mean", round(f.agentBaselineMean));
            w.field("deviation", round(f.agentBaselineDeviation));
        }
        w.field("windows", f.agentBaselineWindows);
        w.endObject();
        w.objectField("peer");
        optional(w, "group", f.peerGroup);
        if (f.peerBaselineMean != null) {
            w.field("mean", round(f.peerBaselineMean));
            w.field("deviation", round(f.peerBaselineDeviation));
        }
        w.field("samples", f.peerBaselineSamples);
        w.endObject();
        w.endObject();
        if (f.modelId != null) {
            writeModel(w, f);
        }
        stringArray(w, "event_ids", a.eventIds);
        w.endObject();
    }

    /** {@code model}: which bundle scored the hour, how odd it was, and why. */
    private static void writeModel(Utf8JsonWriter w, Finding f) {
        w.objectField("model");
        w.field("id", f.modelId);
        w.field("slot", f.shadow ? "shadow" : "live");
        w.field("percentile", f.modelPercentile);
        w.arrayField("features");
        if (f.modelFeatures != null) {
            for (ModelFeature m : f.modelFeatures) {
                w.startObject();
                w.field("name", m.name);
                w.field("value", m.value);
                if (m.agentUsual != null) {
                    w.field("agent_usual", m.agentUsual);
                }
                w.field("peer_usual", m.peerUsual);
                w.field("deviation", m.deviation);
                w.endObject();
            }
        }
        w.endArray();
        w.endObject();
    }

    /** {@code event.*} of what detection produced (alerts, model findings): ECS intrusion info. */
    private static void detectionEvent(
            Utf8JsonWriter w,
            String id,
            String kind,
            double riskScore,
            Severity severity,
            long start,
            long end,
            String dataset) {
        w.objectField("event");
        w.field("id", id);
        w.field("kind", kind);
        w.arrayField("category");
        w.value("intrusion_detection");
        w.endArray();
        w.arrayField("type");
        w.value("info");
        w.endArray();
        w.field("risk_score", riskScore);
        w.field("severity", severity.ecsValue());
        w.field("start", Timestamps.format(start));
        w.field("end", Timestamps.format(end));
        w.field("dataset", dataset);
        w.endObject();
    }

    private static void writeModelFinding(Utf8JsonWriter w, Finding f) {
        w.startObject();
        w.field("@timestamp", Timestamps.format(f.start));
        detectionEvent(
                w,
                f.findingId,
                "event",
                round(f.riskScore),
                f.severity,
                f.start,
                f.end,
                "agentwatch.model_finding");
        w.objectField("rule");
        w.field("id", f.ruleId);
        w.field("name", f.ruleName);
        w.field("version", String.valueOf(f.ruleVersion));
        w.endObject();
        writeUser(w, f.agentId, f.agentName, f.agentRole);
        w.field("message", f.reason);
        w.objectField("agentwatch");
        agent(w, f.agentTeam, null);
        w.objectField("finding");
        w.field("id", f.findingId);
        w.field("severity", f.severity.label());
        w.field("threshold", round(f.threshold));
        writeModel(w, f);
        stringArray(w, "event_ids", f.eventIds);
        w.endObject();
        w.endObject();
        w.endObject();
    }

    private static void writeAccessReview(Utf8JsonWriter w, FieldReview r, long from, long to) {
        w.startObject();
        w.field("@timestamp", Timestamps.format(to));
        w.objectField("event");
        w.field("kind", "metric");
        w.field("dataset", "agentwatch.access_review");
        w.field("start", Timestamps.format(from));
        w.field("end", Timestamps.format(to));
        w.endObject();
        w.field("message", r.reason);
        w.objectField("agentwatch");
        w.objectField("access_review");
        w.field("group_kind", r.groupKind);
        w.field("group", r.group);
        w.field("field", r.field);
        w.field("sensitivity", r.sensitivity);
        w.field("recommendation", r.recommendation.label());
        w.field("agents_in_group", r.agentsInGroup);
        w.field("agents_accessed", r.agentsAccessed);
        w.field("agent_share", round(r.agentShare()));
        w.field("accesses", r.accesses);
        w.field("ticket_share", round(r.ticketShare()));
        w.field("customers", r.customers);
        w.arrayField("evidence");
        for (FieldReview.AgentUse a : r.evidence) {
            w.startObject();
            w.field("agent_id", a.agentId());
            w.field("accesses", a.accesses());
            w.field("without_ticket", a.withoutTicket());
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.endObject();
        w.endObject();
    }

    private static void writeAgentRisk(Utf8JsonWriter w, AgentRisk r) {
        w.startObject();
        w.field("@timestamp", Timestamps.format(r.timestamp));
        w.objectField("event");
        w.field("kind", "state");
        w.field("dataset", "agentwatch.agent_risk");
        w.endObject();
        writeUser(w, r.agentId, r.agentName, r.agentRole);
        w.objectField("agentwatch");
        agent(w, r.agentTeam, null);
        w.objectField("risk");
        w.field("score", r.risk);
        w.field("level", r.level);
        w.field("previous", r.previousRisk);
        w.field("contribution", r.contribution);
        optional(w, "rule_id", r.ruleId);
        optional(w, "finding_id", r.findingId);
        optional(w, "alert_id", r.alertId);
        w.endObject();
        w.endObject();
        w.endObject();
    }

    private static void writeDeadLetter(Utf8JsonWriter w, DeadLetter d) {
        w.startObject();
        w.field("@timestamp", Timestamps.format(d.timestamp));
        w.objectField("event");
        w.field("kind", "pipeline_error");
        w.field("dataset", "agentwatch.dead_letter");
        w.endObject();
        w.objectField("error");
        w.field("type", d.reason);
        w.field("message", d.message);
        w.endObject();
        w.objectField("agentwatch");
        w.objectField("dead_letter");
        w.field("reason", d.reason);
        w.field("field", d.field);
        w.field("raw", d.raw);
        w.field("raw_bytes", d.rawBytes);
        w.field("raw_truncated", d.rawTruncated);
        optional(w, "source", d.source);
        w.field("offset", d.offset);
        w.endObject();
        w.endObject();
        w.endObject();
    }

    /** {@code agentwatch.agent}: what ECS has no place for about the agent. */
    private static void agent(Utf8JsonWriter w, String team, String timezone) {
        if (team != null || timezone != null) {
            w.name(N_AGENT);
            w.startObject();
            optional(w, N_TEAM, team);
            optional(w, N_TIMEZONE, timezone);
            w.endObject();
        }
    }

    private static void writeUser(Utf8JsonWriter w, String id, String name, String role) {
        w.name(N_USER);
        w.startObject();
        w.name(N_ID);
        w.value(id);
        optional(w, N_NAME, name);
        if (role != null) {
            w.name(N_ROLES);
            w.startArray();
            w.value(role);
            w.endArray();
        }
        w.endObject();
    }

    private static boolean isAuthentication(Action a) {
        return a == Action.LOGIN || a == Action.LOGIN_FAILED || a == Action.LOGOUT;
    }

    private static String ecsType(Action a) {
        switch (a) {
            case LOGIN:
            case LOGIN_FAILED:
                return "start";
            case LOGOUT:
                return "end";
            case UPDATE:
                return "change";
            case DELETE:
                return "deletion";
            default:
                return "access";
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private interface Body {
        void write(Utf8JsonWriter w);
    }

    private static String write(Body body) {
        Utf8JsonWriter w = WRITER.get().reset();
        body.write(w);
        return w.toString();
    }
}

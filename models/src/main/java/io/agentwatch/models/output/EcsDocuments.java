package io.agentwatch.models.output;

import static io.agentwatch.models.event.JsonFields.idObject;
import static io.agentwatch.models.event.JsonFields.optional;
import static io.agentwatch.models.event.JsonFields.resource;
import static io.agentwatch.models.event.JsonFields.source;
import static io.agentwatch.models.event.JsonFields.stringArray;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.ModelFeature;
import io.agentwatch.models.detect.Severity;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.Timestamps;
import io.agentwatch.models.review.FieldReview;
import io.agentwatch.models.risk.AgentRisk;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.risk.AlertFinding;
import io.agentwatch.models.sensitivity.SensitivityClass;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The documents agentwatch writes (to Elasticsearch or NDJSON files), with Elastic Common Schema
 * names; what ECS lacks lives under {@code agentwatch.*}. Inputs are already masked.
 */
public final class EcsDocuments {
    public static final String ALERT_STATUS_OPEN = "open";

    // Schubfach for doubles (locations, scores): a fraction of the JDK's Double.toString cost.
    private static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .build()
                    .setCodec(new ObjectMapper());
    private static final SensitivityClass[] CLASSES = SensitivityClass.values();

    // The event document's names and fixed values, pre-encoded (Jackson encodes a String name or
    // value character by character, and one document is written per event).
    private static final SerializedString N_TIMESTAMP = new SerializedString("@timestamp");
    private static final SerializedString N_EVENT = new SerializedString("event");
    private static final SerializedString N_ID = new SerializedString("id");
    private static final SerializedString N_ACTION = new SerializedString("action");
    private static final SerializedString N_KIND = new SerializedString("kind");
    private static final SerializedString N_CATEGORY = new SerializedString("category");
    private static final SerializedString N_TYPE = new SerializedString("type");
    private static final SerializedString N_OUTCOME = new SerializedString("outcome");
    private static final SerializedString N_DATASET = new SerializedString("dataset");
    private static final SerializedString N_USER_AGENT = new SerializedString("user_agent");
    private static final SerializedString N_ORIGINAL = new SerializedString("original");
    private static final SerializedString N_RELATED = new SerializedString("related");
    private static final SerializedString N_USER = new SerializedString("user");
    private static final SerializedString N_IP = new SerializedString("ip");
    private static final SerializedString N_AGENTWATCH = new SerializedString("agentwatch");
    private static final SerializedString N_CUSTOMER = new SerializedString("customer");
    private static final SerializedString N_TICKET = new SerializedString("ticket");
    private static final SerializedString N_SESSION = new SerializedString("session");
    private static final SerializedString N_QUERY = new SerializedString("query");
    private static final SerializedString N_FIELDS = new SerializedString("fields");
    private static final SerializedString N_RESULT_COUNT = new SerializedString("result_count");
    private static final SerializedString N_SENSITIVITY = new SerializedString("sensitivity");
    private static final SerializedString N_CLASSES = new SerializedString("classes");
    private static final SerializedString N_MAX = new SerializedString("max");
    private static final SerializedString N_CARD_DATA = new SerializedString("card_data");
    private static final SerializedString N_TARGETED = new SerializedString("targeted");
    private static final SerializedString N_INTENT = new SerializedString("intent");
    private static final SerializedString N_BASELINE = new SerializedString("baseline");
    private static final SerializedString N_USUAL_HOUR_EVENTS =
            new SerializedString("usual_hour_events");
    private static final SerializedString N_EXTRA = new SerializedString("extra");
    private static final SerializedString N_AGENT = new SerializedString("agent");
    private static final SerializedString N_TEAM = new SerializedString("team");
    private static final SerializedString N_TIMEZONE = new SerializedString("timezone");
    private static final SerializedString N_NAME = new SerializedString("name");
    private static final SerializedString N_ROLES = new SerializedString("roles");
    private static final SerializedString V_EVENT = new SerializedString("event");
    private static final SerializedString V_AUTHENTICATION = new SerializedString("authentication");
    private static final SerializedString V_DATABASE = new SerializedString("database");
    private static final SerializedString V_FAILURE = new SerializedString("failure");
    private static final SerializedString V_ACCESS_DATASET =
            new SerializedString("agentwatch.access");
    private static final SerializedString[] ACTION_NAMES =
            names(Action.values(), a -> a.wireName());
    private static final SerializedString[] ECS_TYPES =
            names(Action.values(), EcsDocuments::ecsType);
    private static final SerializedString[] OUTCOME_NAMES =
            names(io.agentwatch.models.event.Outcome.values(), o -> o.wireName());
    private static final SerializedString[] CLASS_NAMES = names(CLASSES, Enum::name);
    private static final SerializedString[] INTENT_NAMES =
            names(io.agentwatch.models.event.CardDataIntent.values(), Enum::name);

    private static <E extends Enum<E>> SerializedString[] names(
            E[] values, java.util.function.Function<E, String> text) {
        SerializedString[] out = new SerializedString[values.length];
        for (E v : values) {
            out[v.ordinal()] = new SerializedString(text.apply(v));
        }
        return out;
    }

    private EcsDocuments() {}

    public static String event(AccessEvent e) {
        return write(g -> writeEvent(g, e));
    }

    /**
     * {@link #event} as one NDJSON line in UTF-8 (the document and a newline), written as bytes
     * from the start: one document per input event is the biggest output, a string would be encoded
     * twice (characters, then bytes), and one array is one write to the file.
     */
    public static byte[] eventLine(AccessEvent e) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeEvent(g, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** An alert revision as it is first written: status {@code open}. */
    public static String alert(Alert a) {
        return write(g -> writeAlert(g, a, true));
    }

    /**
     * An alert revision as an update of the stored alert: everything but the status, which belongs
     * to the analyst once the alert exists.
     */
    public static String alertUpdate(Alert a) {
        return write(g -> writeAlert(g, a, false));
    }

    public static String agentRisk(AgentRisk r) {
        return write(g -> writeAgentRisk(g, r));
    }

    public static String deadLetter(DeadLetter d) {
        return write(g -> writeDeadLetter(g, d));
    }

    /** One group's use of one field over a period, with the recommendation. */
    public static String accessReview(FieldReview r, long from, long to) {
        return write(g -> writeAccessReview(g, r, from, to));
    }

    /** A model's finding about one agent-hour, live or shadow, as written for review. */
    public static String modelFinding(Finding f) {
        return write(g -> writeModelFinding(g, f));
    }

    private static void writeEvent(JsonGenerator g, AccessEvent e) throws IOException {
        g.writeStartObject();
        g.writeFieldName(N_TIMESTAMP);
        g.writeString(Timestamps.format(e.timestamp));
        g.writeFieldName(N_EVENT);
        g.writeStartObject();
        g.writeFieldName(N_ID);
        g.writeString(e.eventId);
        g.writeFieldName(N_ACTION);
        g.writeString(ACTION_NAMES[e.action.ordinal()]);
        g.writeFieldName(N_KIND);
        g.writeString(V_EVENT);
        g.writeFieldName(N_CATEGORY);
        g.writeStartArray();
        g.writeString(isAuthentication(e.action) ? V_AUTHENTICATION : V_DATABASE);
        g.writeEndArray();
        g.writeFieldName(N_TYPE);
        g.writeStartArray();
        g.writeString(ECS_TYPES[e.action.ordinal()]);
        g.writeEndArray();
        if (e.outcome != null) {
            g.writeFieldName(N_OUTCOME);
            g.writeString(OUTCOME_NAMES[e.outcome.ordinal()]);
        } else if (e.action == Action.LOGIN_FAILED) {
            g.writeFieldName(N_OUTCOME);
            g.writeString(V_FAILURE);
        }
        g.writeFieldName(N_DATASET);
        g.writeString(V_ACCESS_DATASET);
        g.writeEndObject();

        writeUser(g, e.agentId, e.agentName, e.agentRole);
        source(g, e);
        if (e.userAgent != null) {
            g.writeFieldName(N_USER_AGENT);
            g.writeStartObject();
            g.writeFieldName(N_ORIGINAL);
            g.writeString(e.userAgent);
            g.writeEndObject();
        }
        g.writeFieldName(N_RELATED);
        g.writeStartObject();
        g.writeFieldName(N_USER);
        g.writeStartArray();
        g.writeString(e.agentId);
        g.writeEndArray();
        if (e.sourceIp != null) {
            g.writeFieldName(N_IP);
            g.writeStartArray();
            g.writeString(e.sourceIp);
            g.writeEndArray();
        }
        g.writeEndObject();

        g.writeFieldName(N_AGENTWATCH);
        g.writeStartObject();
        agent(g, e.agentTeam, e.agentTimezone);
        idObject(g, N_CUSTOMER, e.customerId);
        idObject(g, N_TICKET, e.ticketId);
        idObject(g, N_SESSION, e.sessionId);
        resource(g, e);
        optional(g, N_QUERY, e.query);
        stringArray(g, N_FIELDS, e.fields);
        if (e.resultCount != null) {
            g.writeFieldName(N_RESULT_COUNT);
            g.writeNumber(e.resultCount);
        }
        g.writeFieldName(N_SENSITIVITY);
        g.writeStartObject();
        g.writeFieldName(N_CLASSES);
        g.writeStartArray();
        for (SensitivityClass c : CLASSES) {
            if (c != SensitivityClass.NONE && c.in(e.sensitivity)) {
                g.writeString(CLASS_NAMES[c.ordinal()]);
            }
        }
        g.writeEndArray();
        g.writeFieldName(N_MAX);
        g.writeString(CLASS_NAMES[SensitivityClass.highest(e.sensitivity).ordinal()]);
        g.writeEndObject();
        g.writeFieldName(N_CARD_DATA);
        g.writeStartObject();
        g.writeFieldName(N_TARGETED);
        g.writeBoolean(e.targetsCardData());
        g.writeFieldName(N_INTENT);
        g.writeString(INTENT_NAMES[e.cardDataIntent.ordinal()]);
        g.writeEndObject();
        if (!Float.isNaN(e.usualHourEvents)) {
            g.writeFieldName(N_BASELINE);
            g.writeStartObject();
            g.writeFieldName(N_USUAL_HOUR_EVENTS);
            g.writeNumber(e.usualHourEvents);
            g.writeEndObject();
        }
        if (e.extraJson != null) {
            g.writeFieldName(N_EXTRA);
            g.writeRawValue(e.extraJson);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeAlert(JsonGenerator g, Alert a, boolean withStatus)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("@timestamp", Timestamps.format(a.opened));
        detectionEvent(
                g, a.alertId, "alert", a.maxRisk, a.severity, a.start, a.end, "agentwatch.alert");
        // Every rule that contributed, in the order they fired: "alerts by detector" counts each.
        g.writeObjectFieldStart("rule");
        g.writeArrayFieldStart("id");
        for (AlertFinding f : a.findings) {
            g.writeString(f.ruleId);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("name");
        for (AlertFinding f : a.findings) {
            g.writeString(f.latest.ruleName);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("version");
        for (AlertFinding f : a.findings) {
            g.writeString(String.valueOf(f.latest.ruleVersion));
        }
        g.writeEndArray();
        g.writeEndObject();
        writeUser(g, a.agentId, a.agentName, a.agentRole);
        g.writeStringField("message", a.reason);
        g.writeObjectFieldStart("agentwatch");
        agent(g, a.agentTeam, null);
        g.writeObjectFieldStart("alert");
        g.writeStringField("id", a.alertId);
        if (withStatus) {
            g.writeStringField("status", ALERT_STATUS_OPEN);
        }
        g.writeStringField("severity", a.severity.label());
        g.writeNumberField("revision", a.revision);
        g.writeNumberField("risk", a.risk);
        g.writeNumberField("max_risk", a.maxRisk);
        g.writeArrayFieldStart("findings");
        for (AlertFinding f : a.findings) {
            writeFinding(g, f);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("event_ids");
        for (String id : a.eventIds) {
            g.writeString(id);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeFinding(JsonGenerator g, AlertFinding a) throws IOException {
        Finding f = a.latest;
        g.writeStartObject();
        g.writeStringField("id", a.findingId);
        g.writeStringField("rule_id", a.ruleId);
        g.writeStringField("rule_version", String.valueOf(f.ruleVersion));
        g.writeStringField("severity", a.severity.label());
        g.writeNumberField("count", a.count);
        g.writeNumberField("contribution", round(a.contribution));
        g.writeStringField("start", Timestamps.format(a.start));
        g.writeStringField("end", Timestamps.format(a.end));
        g.writeStringField("detected_at", Timestamps.format(a.detectedAt));
        g.writeStringField("reason", f.reason);
        g.writeNumberField("observed", f.observed);
        g.writeNumberField("threshold", round(f.threshold));
        g.writeNumberField("window_minutes", f.windowMinutes);
        g.writeStringField("basis", f.basis);
        g.writeObjectFieldStart("baseline");
        g.writeObjectFieldStart("agent");
        if (f.agentBaselineMean != null) {
            g.writeNumberField("mean", round(f.agentBaselineMean));
            g.writeNumberField("deviation", round(f.agentBaselineDeviation));
        }
        g.writeNumberField("windows", f.agentBaselineWindows);
        g.writeEndObject();
        g.writeObjectFieldStart("peer");
        optional(g, "group", f.peerGroup);
        if (f.peerBaselineMean != null) {
            g.writeNumberField("mean", round(f.peerBaselineMean));
            g.writeNumberField("deviation", round(f.peerBaselineDeviation));
        }
        g.writeNumberField("samples", f.peerBaselineSamples);
        g.writeEndObject();
        g.writeEndObject();
        if (f.modelId != null) {
            writeModel(g, f);
        }
        stringArray(g, "event_ids", a.eventIds);
        g.writeEndObject();
    }

    /** {@code model}: which bundle scored the hour, how odd it was, and why. */
    private static void writeModel(JsonGenerator g, Finding f) throws IOException {
        g.writeObjectFieldStart("model");
        g.writeStringField("id", f.modelId);
        g.writeStringField("slot", f.shadow ? "shadow" : "live");
        g.writeNumberField("percentile", f.modelPercentile);
        g.writeArrayFieldStart("features");
        if (f.modelFeatures != null) {
            for (ModelFeature m : f.modelFeatures) {
                g.writeStartObject();
                g.writeStringField("name", m.name);
                g.writeNumberField("value", m.value);
                if (m.agentUsual != null) {
                    g.writeNumberField("agent_usual", m.agentUsual);
                }
                g.writeNumberField("peer_usual", m.peerUsual);
                g.writeNumberField("deviation", m.deviation);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code event.*} of what detection produced (alerts, model findings): ECS intrusion info. */
    private static void detectionEvent(
            JsonGenerator g,
            String id,
            String kind,
            double riskScore,
            Severity severity,
            long start,
            long end,
            String dataset)
            throws IOException {
        g.writeObjectFieldStart("event");
        g.writeStringField("id", id);
        g.writeStringField("kind", kind);
        g.writeArrayFieldStart("category");
        g.writeString("intrusion_detection");
        g.writeEndArray();
        g.writeArrayFieldStart("type");
        g.writeString("info");
        g.writeEndArray();
        g.writeNumberField("risk_score", riskScore);
        g.writeNumberField("severity", severity.ecsValue());
        g.writeStringField("start", Timestamps.format(start));
        g.writeStringField("end", Timestamps.format(end));
        g.writeStringField("dataset", dataset);
        g.writeEndObject();
    }

    private static void writeModelFinding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("@timestamp", Timestamps.format(f.start));
        detectionEvent(
                g,
                f.findingId,
                "event",
                round(f.riskScore),
                f.severity,
                f.start,
                f.end,
                "agentwatch.model_finding");
        g.writeObjectFieldStart("rule");
        g.writeStringField("id", f.ruleId);
        g.writeStringField("name", f.ruleName);
        g.writeStringField("version", String.valueOf(f.ruleVersion));
        g.writeEndObject();
        writeUser(g, f.agentId, f.agentName, f.agentRole);
        g.writeStringField("message", f.reason);
        g.writeObjectFieldStart("agentwatch");
        agent(g, f.agentTeam, null);
        g.writeObjectFieldStart("finding");
        g.writeStringField("id", f.findingId);
        g.writeStringField("severity", f.severity.label());
        g.writeNumberField("threshold", round(f.threshold));
        writeModel(g, f);
        stringArray(g, "event_ids", f.eventIds);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeAccessReview(JsonGenerator g, FieldReview r, long from, long to)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("@timestamp", Timestamps.format(to));
        g.writeObjectFieldStart("event");
        g.writeStringField("kind", "metric");
        g.writeStringField("dataset", "agentwatch.access_review");
        g.writeStringField("start", Timestamps.format(from));
        g.writeStringField("end", Timestamps.format(to));
        g.writeEndObject();
        g.writeStringField("message", r.reason);
        g.writeObjectFieldStart("agentwatch");
        g.writeObjectFieldStart("access_review");
        g.writeStringField("group_kind", r.groupKind);
        g.writeStringField("group", r.group);
        g.writeStringField("field", r.field);
        g.writeStringField("sensitivity", r.sensitivity);
        g.writeStringField("recommendation", r.recommendation.label());
        g.writeNumberField("agents_in_group", r.agentsInGroup);
        g.writeNumberField("agents_accessed", r.agentsAccessed);
        g.writeNumberField("agent_share", round(r.agentShare()));
        g.writeNumberField("accesses", r.accesses);
        g.writeNumberField("ticket_share", round(r.ticketShare()));
        g.writeNumberField("customers", r.customers);
        g.writeArrayFieldStart("evidence");
        for (FieldReview.AgentUse a : r.evidence) {
            g.writeStartObject();
            g.writeStringField("agent_id", a.agentId());
            g.writeNumberField("accesses", a.accesses());
            g.writeNumberField("without_ticket", a.withoutTicket());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeAgentRisk(JsonGenerator g, AgentRisk r) throws IOException {
        g.writeStartObject();
        g.writeStringField("@timestamp", Timestamps.format(r.timestamp));
        g.writeObjectFieldStart("event");
        g.writeStringField("kind", "state");
        g.writeStringField("dataset", "agentwatch.agent_risk");
        g.writeEndObject();
        writeUser(g, r.agentId, r.agentName, r.agentRole);
        g.writeObjectFieldStart("agentwatch");
        agent(g, r.agentTeam, null);
        g.writeObjectFieldStart("risk");
        g.writeNumberField("score", r.risk);
        g.writeStringField("level", r.level);
        g.writeNumberField("previous", r.previousRisk);
        g.writeNumberField("contribution", r.contribution);
        optional(g, "rule_id", r.ruleId);
        optional(g, "finding_id", r.findingId);
        optional(g, "alert_id", r.alertId);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeDeadLetter(JsonGenerator g, DeadLetter d) throws IOException {
        g.writeStartObject();
        g.writeStringField("@timestamp", Timestamps.format(d.timestamp));
        g.writeObjectFieldStart("event");
        g.writeStringField("kind", "pipeline_error");
        g.writeStringField("dataset", "agentwatch.dead_letter");
        g.writeEndObject();
        g.writeObjectFieldStart("error");
        g.writeStringField("type", d.reason);
        g.writeStringField("message", d.message);
        g.writeEndObject();
        g.writeObjectFieldStart("agentwatch");
        g.writeObjectFieldStart("dead_letter");
        g.writeStringField("reason", d.reason);
        g.writeStringField("field", d.field);
        g.writeStringField("raw", d.raw);
        g.writeNumberField("raw_bytes", d.rawBytes);
        g.writeBooleanField("raw_truncated", d.rawTruncated);
        optional(g, "source", d.source);
        g.writeNumberField("offset", d.offset);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** {@code agentwatch.agent}: what ECS has no place for about the agent. */
    private static void agent(JsonGenerator g, String team, String timezone) throws IOException {
        if (team != null || timezone != null) {
            g.writeFieldName(N_AGENT);
            g.writeStartObject();
            optional(g, N_TEAM, team);
            optional(g, N_TIMEZONE, timezone);
            g.writeEndObject();
        }
    }

    private static void writeUser(JsonGenerator g, String id, String name, String role)
            throws IOException {
        g.writeFieldName(N_USER);
        g.writeStartObject();
        g.writeFieldName(N_ID);
        g.writeString(id);
        optional(g, N_NAME, name);
        if (role != null) {
            g.writeFieldName(N_ROLES);
            g.writeStartArray();
            g.writeString(role);
            g.writeEndArray();
        }
        g.writeEndObject();
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
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.setRootValueSeparator(new SerializedString(""));
            body.write(g);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }
}

package io.agentwatch.models.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes an {@link AccessEvent} as one contract-v1 JSON object, fields always in the same order
 * (the simulator's output must be byte-identical for the same seed).
 */
public final class ContractWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ContractWriter() {}

    public static String toJson(AccessEvent e) {
        StringWriter w = new StringWriter(384);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    /** Writes the event followed by a newline. The stream is not closed. */
    public static void writeLine(JsonGenerator g, OutputStream out, AccessEvent e)
            throws IOException {
        write(g, e);
        g.flush();
        out.write('\n');
    }

    public static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        return g;
    }

    public static void write(JsonGenerator g, AccessEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("event_id", e.eventId);
        g.writeStringField("@timestamp", Timestamps.format(e.timestamp));
        g.writeObjectFieldStart("agent");
        g.writeStringField("id", e.agentId);
        optional(g, "name", e.agentName);
        optional(g, "role", e.agentRole);
        optional(g, "team", e.agentTeam);
        optional(g, "timezone", e.agentTimezone);
        g.writeEndObject();
        g.writeStringField("action", e.action.wireName());
        if (e.outcome != null) {
            g.writeStringField("outcome", e.outcome.wireName());
        }
        if (e.resourceType != null || e.resourceId != null) {
            g.writeObjectFieldStart("resource");
            optional(g, "type", e.resourceType);
            optional(g, "id", e.resourceId);
            g.writeEndObject();
        }
        idObject(g, "customer", e.customerId);
        idObject(g, "ticket", e.ticketId);
        optional(g, "query", e.query);
        if (e.fields != null) {
            g.writeArrayFieldStart("fields");
            for (String f : e.fields) {
                g.writeString(f);
            }
            g.writeEndArray();
        }
        if (e.resultCount != null) {
            g.writeNumberField("result_count", e.resultCount);
        }
        if (e.sourceIp != null || e.sourceCountry != null || e.sourceLat != null) {
            g.writeObjectFieldStart("source");
            optional(g, "ip", e.sourceIp);
            if (e.sourceCountry != null || e.sourceLat != null) {
                g.writeObjectFieldStart("geo");
                optional(g, "country_iso_code", e.sourceCountry);
                if (e.sourceLat != null && e.sourceLon != null) {
                    g.writeObjectFieldStart("location");
                    g.writeNumberField("lat", e.sourceLat);
                    g.writeNumberField("lon", e.sourceLon);
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        idObject(g, "session", e.sessionId);
        optional(g, "user_agent", e.userAgent);
        g.writeEndObject();
    }

    private static void idObject(JsonGenerator g, String name, String id) throws IOException {
        if (id != null) {
            g.writeObjectFieldStart(name);
            g.writeStringField("id", id);
            g.writeEndObject();
        }
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}

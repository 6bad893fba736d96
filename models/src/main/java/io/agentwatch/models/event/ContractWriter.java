package io.agentwatch.models.event;

import static io.agentwatch.models.event.JsonFields.idObject;
import static io.agentwatch.models.event.JsonFields.optional;
import static io.agentwatch.models.event.JsonFields.resource;
import static io.agentwatch.models.event.JsonFields.source;
import static io.agentwatch.models.event.JsonFields.stringArray;

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
        resource(g, e);
        idObject(g, "customer", e.customerId);
        idObject(g, "ticket", e.ticketId);
        optional(g, "query", e.query);
        stringArray(g, "fields", e.fields);
        if (e.resultCount != null) {
            g.writeNumberField("result_count", e.resultCount);
        }
        source(g, e);
        idObject(g, "session", e.sessionId);
        optional(g, "user_agent", e.userAgent);
        g.writeEndObject();
    }
}

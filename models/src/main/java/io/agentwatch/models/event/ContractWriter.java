package io.agentwatch.models.event;

import static io.agentwatch.models.event.JsonFields.idObject;
import static io.agentwatch.models.event.JsonFields.optional;
import static io.agentwatch.models.event.JsonFields.resource;
import static io.agentwatch.models.event.JsonFields.source;
import static io.agentwatch.models.event.JsonFields.stringArray;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an {@link AccessEvent} as one contract-v1 JSON object, fields always in the same order
 * (the simulator's output must be byte-identical for the same seed).
 */
public final class ContractWriter {
    // Doubles as Double.toString writes them: the contract's lines stay as they always were.
    private static final ThreadLocal<Utf8JsonWriter> WRITER =
            ThreadLocal.withInitial(() -> new Utf8JsonWriter(false));

    private static final Utf8JsonWriter.Name EVENT_ID = new Utf8JsonWriter.Name("event_id");
    private static final Utf8JsonWriter.Name TIMESTAMP = new Utf8JsonWriter.Name("@timestamp");
    private static final Utf8JsonWriter.Name AGENT = new Utf8JsonWriter.Name("agent");
    private static final Utf8JsonWriter.Name ID = new Utf8JsonWriter.Name("id");
    private static final Utf8JsonWriter.Name NAME = new Utf8JsonWriter.Name("name");
    private static final Utf8JsonWriter.Name ROLE = new Utf8JsonWriter.Name("role");
    private static final Utf8JsonWriter.Name TEAM = new Utf8JsonWriter.Name("team");
    private static final Utf8JsonWriter.Name TIMEZONE = new Utf8JsonWriter.Name("timezone");
    private static final Utf8JsonWriter.Name ACTION = new Utf8JsonWriter.Name("action");
    private static final Utf8JsonWriter.Name OUTCOME = new Utf8JsonWriter.Name("outcome");
    private static final Utf8JsonWriter.Name CUSTOMER = new Utf8JsonWriter.Name("customer");
    private static final Utf8JsonWriter.Name TICKET = new Utf8JsonWriter.Name("ticket");
    private static final Utf8JsonWriter.Name QUERY = new Utf8JsonWriter.Name("query");
    private static final Utf8JsonWriter.Name FIELDS = new Utf8JsonWriter.Name("fields");
    private static final Utf8JsonWriter.Name RESULT_COUNT = new Utf8JsonWriter.Name("result_count");
    private static final Utf8JsonWriter.Name SESSION = new Utf8JsonWriter.Name("session");
    private static final Utf8JsonWriter.Name USER_AGENT = new Utf8JsonWriter.Name("user_agent");

    private ContractWriter() {}

    public static String toJson(AccessEvent e) {
        return written(e).toString();
    }

    /** The event as UTF-8 JSON, without a newline. */
    public static byte[] toBytes(AccessEvent e) {
        return written(e).toBytes(false);
    }

    /** Writes the event followed by a newline. The stream is not closed. */
    public static void writeLine(OutputStream out, AccessEvent e) throws IOException {
        written(e).writeTo(out);
        out.write('\n');
    }

    private static Utf8JsonWriter written(AccessEvent e) {
        Utf8JsonWriter w = WRITER.get().reset();
        write(w, e);
        return w;
    }

    private static void write(Utf8JsonWriter w, AccessEvent e) {
        w.startObject();
        w.name(EVENT_ID);
        w.value(e.eventId);
        w.name(TIMESTAMP);
        w.value(Timestamps.format(e.timestamp));
        w.name(AGENT);
        w.startObject();
        w.name(ID);
        w.value(e.agentId);
        optional(w, NAME, e.agentName);
        optional(w, ROLE, e.agentRole);
        optional(w, TEAM, e.agentTeam);
        optional(w, TIMEZONE, e.agentTimezone);
        w.endObject();
        w.name(ACTION);
        w.value(e.action.wireName());
        if (e.outcome != null) {
            w.name(OUTCOME);
            w.value(e.outcome.wireName());
        }
        resource(w, e);
        idObject(w, CUSTOMER, e.customerId);
        idObject(w, TICKET, e.ticketId);
        optional(w, QUERY, e.query);
        stringArray(w, FIELDS, e.fields);
        if (e.resultCount != null) {
            w.name(RESULT_COUNT);
            w.value(e.resultCount);
        }
        source(w, e);
        idObject(w, SESSION, e.sessionId);
        optional(w, USER_AGENT, e.userAgent);
        w.endObject();
    }
}

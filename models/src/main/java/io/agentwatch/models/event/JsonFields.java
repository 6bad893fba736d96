package io.agentwatch.models.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writing helpers shared by the input contract and the ECS outputs, which name several objects the
 * same way ({@code source.*}, {@code resource.*}, {@code {"id": ...}} objects).
 */
public final class JsonFields {
    private JsonFields() {}

    /** Writes {@code name: value} unless the value is null. */
    public static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** Writes {@code name: {"id": id}} unless the id is null. */
    public static void idObject(JsonGenerator g, String name, String id) throws IOException {
        if (id != null) {
            g.writeObjectFieldStart(name);
            g.writeStringField("id", id);
            g.writeEndObject();
        }
    }

    /** Writes {@code resource: {type, id}} when either is known. */
    public static void resource(JsonGenerator g, AccessEvent e) throws IOException {
        if (e.resourceType != null || e.resourceId != null) {
            g.writeObjectFieldStart("resource");
            optional(g, "type", e.resourceType);
            optional(g, "id", e.resourceId);
            g.writeEndObject();
        }
    }

    /** Writes {@code source: {ip, geo: {country_iso_code, location: {lat, lon}}}} when known. */
    public static void source(JsonGenerator g, AccessEvent e) throws IOException {
        if (e.sourceIp == null && e.sourceCountry == null && e.sourceLat == null) {
            return;
        }
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

    /** Writes {@code name: [values...]} unless the array is null. */
    public static void stringArray(JsonGenerator g, String name, String[] values)
            throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }
}

package io.agentwatch.models.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * Writing helpers shared by the input contract and the ECS outputs, which name several objects the
 * same way ({@code source.*}, {@code resource.*}, {@code {"id": ...}} objects).
 */
public final class JsonFields {
    // Names as pre-encoded UTF-8: a document per event is written with them, and Jackson encodes a
    // String name character by character every time.
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString RESOURCE = new SerializedString("resource");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString IP = new SerializedString("ip");
    private static final SerializedString GEO = new SerializedString("geo");
    private static final SerializedString COUNTRY = new SerializedString("country_iso_code");
    private static final SerializedString LOCATION = new SerializedString("location");
    private static final SerializedString LAT = new SerializedString("lat");
    private static final SerializedString LON = new SerializedString("lon");

    private JsonFields() {}

    /** Writes {@code name: value} unless the value is null. */
    public static void optional(JsonGenerator g, SerializableString name, String value)
            throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    /** Writes {@code name: {"id": id}} unless the id is null. */
    public static void idObject(JsonGenerator g, SerializableString name, String id)
            throws IOException {
        if (id != null) {
            g.writeFieldName(name);
            g.writeStartObject();
            g.writeFieldName(ID);
            g.writeString(id);
            g.writeEndObject();
        }
    }

    /** Writes {@code name: [values...]} unless the array is null. */
    public static void stringArray(JsonGenerator g, SerializableString name, String[] values)
            throws IOException {
        if (values != null) {
            g.writeFieldName(name);
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

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
            g.writeFieldName(RESOURCE);
            g.writeStartObject();
            optional(g, TYPE, e.resourceType);
            optional(g, ID, e.resourceId);
            g.writeEndObject();
        }
    }

    /** Writes {@code source: {ip, geo: {country_iso_code, location: {lat, lon}}}} when known. */
    public static void source(JsonGenerator g, AccessEvent e) throws IOException {
        if (e.sourceIp == null && e.sourceCountry == null && e.sourceLat == null) {
            return;
        }
        g.writeFieldName(SOURCE);
        g.writeStartObject();
        optional(g, IP, e.sourceIp);
        if (e.sourceCountry != null || e.sourceLat != null) {
            g.writeFieldName(GEO);
            g.writeStartObject();
            optional(g, COUNTRY, e.sourceCountry);
            if (e.sourceLat != null && e.sourceLon != null) {
                g.writeFieldName(LOCATION);
                g.writeStartObject();
                g.writeFieldName(LAT);
                g.writeNumber(e.sourceLat);
                g.writeFieldName(LON);
                g.writeNumber(e.sourceLon);
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

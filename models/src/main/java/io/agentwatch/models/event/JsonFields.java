package io.agentwatch.models.event;

/**
 * Writing helpers shared by the input contract and the ECS outputs, which name several objects the
 * same way ({@code source.*}, {@code resource.*}, {@code {"id": ...}} objects).
 */
public final class JsonFields {
    // Names encoded once: a document per event is written with them.
    private static final Utf8JsonWriter.Name ID = new Utf8JsonWriter.Name("id");
    private static final Utf8JsonWriter.Name TYPE = new Utf8JsonWriter.Name("type");
    private static final Utf8JsonWriter.Name RESOURCE = new Utf8JsonWriter.Name("resource");
    private static final Utf8JsonWriter.Name SOURCE = new Utf8JsonWriter.Name("source");
    private static final Utf8JsonWriter.Name IP = new Utf8JsonWriter.Name("ip");
    private static final Utf8JsonWriter.Name GEO = new Utf8JsonWriter.Name("geo");
    private static final Utf8JsonWriter.Name COUNTRY = new Utf8JsonWriter.Name("country_iso_code");
    private static final Utf8JsonWriter.Name LOCATION = new Utf8JsonWriter.Name("location");
    private static final Utf8JsonWriter.Name LAT = new Utf8JsonWriter.Name("lat");
    private static final Utf8JsonWriter.Name LON = new Utf8JsonWriter.Name("lon");

    private JsonFields() {}

    /** Writes {@code name: value} unless the value is null. */
    public static void optional(Utf8JsonWriter w, Utf8JsonWriter.Name name, String value) {
        if (value != null) {
            w.name(name);
            w.value(value);
        }
    }

    /** Writes {@code name: value} unless the value is null. */
    public static void optional(Utf8JsonWriter w, String name, String value) {
        if (value != null) {
            w.field(name, value);
        }
    }

    /** Writes {@code name: {"id": id}} unless the id is null. */
    public static void idObject(Utf8JsonWriter w, Utf8JsonWriter.Name name, String id) {
        if (id != null) {
            w.name(name);
            w.startObject();
            w.name(ID);
            w.value(id);
            w.endObject();
        }
    }

    /** Writes {@code name: [values...]} unless the array is null. */
    public static void stringArray(Utf8JsonWriter w, Utf8JsonWriter.Name name, String[] values) {
        if (values != null) {
            w.name(name);
            w.startArray();
            for (String v : values) {
                w.value(v);
            }
            w.endArray();
        }
    }

    /** Writes {@code name: [values...]} unless the array is null. */
    public static void stringArray(Utf8JsonWriter w, String name, String[] values) {
        if (values != null) {
            w.arrayField(name);
            for (String v : values) {
                w.value(v);
            }
            w.endArray();
        }
    }

    /** Writes {@code resource: {type, id}} when either is known. */
    public static void resource(Utf8JsonWriter w, AccessEvent e) {
        if (e.resourceType != null || e.resourceId != null) {
            w.name(RESOURCE);
            w.startObject();
            optional(w, TYPE, e.resourceType);
            optional(w, ID, e.resourceId);
            w.endObject();
        }
    }

    /** Writes {@code source: {ip, geo: {country_iso_code, location: {lat, lon}}}} when known. */
    public static void source(Utf8JsonWriter w, AccessEvent e) {
        if (e.sourceIp == null && e.sourceCountry == null && e.sourceLat == null) {
            return;
        }
        w.name(SOURCE);
        w.startObject();
        optional(w, IP, e.sourceIp);
        if (e.sourceCountry != null || e.sourceLat != null) {
            w.name(GEO);
            w.startObject();
            optional(w, COUNTRY, e.sourceCountry);
            if (e.sourceLat != null && e.sourceLon != null) {
                w.name(LOCATION);
                w.startObject();
                w.name(LAT);
                w.value((double) e.sourceLat);
                w.name(LON);
                w.value((double) e.sourceLon);
                w.endObject();
            }
            w.endObject();
        }
        w.endObject();
    }
}

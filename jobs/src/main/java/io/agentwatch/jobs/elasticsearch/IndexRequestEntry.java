package io.agentwatch.jobs.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * One document for Elasticsearch: index, deterministic id, JSON body. Created once (a replay writes
 * nothing twice), or, when it has an update body, upserted: created from the body if absent, else
 * updated with the update body (which leaves out what analysts own, such as an alert's status).
 * Buffered by the sink and kept in checkpoints, so it is plain and small.
 */
public final class IndexRequestEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    final String index;
    final String id;
    final byte[] json;

    /** The partial document applied when it exists already; null: create only. */
    final byte[] update;

    /** A dead letter made from a rejected document: if this is rejected too, it is dropped. */
    final boolean deadLetter;

    public IndexRequestEntry(String index, String id, String json, boolean deadLetter) {
        this(index, id, json.getBytes(StandardCharsets.UTF_8), null, deadLetter);
    }

    /** A document whose JSON is UTF-8 already: not decoded to a string and encoded back. */
    public static IndexRequestEntry ofUtf8(
            String index, String id, byte[] json, boolean deadLetter) {
        return new IndexRequestEntry(index, id, json, null, deadLetter);
    }

    IndexRequestEntry(String index, String id, byte[] json, byte[] update, boolean deadLetter) {
        this.index = index;
        this.id = id;
        this.json = json;
        this.update = update;
        this.deadLetter = deadLetter;
    }

    /** A document created from {@code json} if absent, else updated with {@code update}. */
    public static IndexRequestEntry upsert(String index, String id, String json, String update) {
        return new IndexRequestEntry(
                index,
                id,
                json.getBytes(StandardCharsets.UTF_8),
                update.getBytes(StandardCharsets.UTF_8),
                false);
    }

    public boolean isUpsert() {
        return update != null;
    }

    public String index() {
        return index;
    }

    public String id() {
        return id;
    }

    public String json() {
        return new String(json, StandardCharsets.UTF_8);
    }

    long sizeInBytes() {
        return json.length
                + (update == null ? 0 : update.length)
                + index.length()
                + id.length()
                + 64;
    }
}

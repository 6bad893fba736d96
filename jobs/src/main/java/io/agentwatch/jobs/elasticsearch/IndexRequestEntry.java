package io.agentwatch.jobs.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * One document to create in Elasticsearch: index, deterministic id, JSON body. Buffered by the sink
 * and kept in checkpoints, so it is plain and small.
 */
public final class IndexRequestEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    final String index;
    final String id;
    final byte[] json;

    /** A dead letter made from a rejected document: if this is rejected too, it is dropped. */
    final boolean deadLetter;

    public IndexRequestEntry(String index, String id, String json, boolean deadLetter) {
        this(index, id, json.getBytes(StandardCharsets.UTF_8), deadLetter);
    }

    IndexRequestEntry(String index, String id, byte[] json, boolean deadLetter) {
        this.index = index;
        this.id = id;
        this.json = json;
        this.deadLetter = deadLetter;
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
        return json.length + index.length() + id.length() + 64;
    }
}

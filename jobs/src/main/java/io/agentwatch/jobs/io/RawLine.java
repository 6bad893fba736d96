package io.agentwatch.jobs.io;

/**
 * One input record as bytes, before any decoding, with where it came from. Bytes, not a String:
 * invalid UTF-8 must reach the parser to be dead-lettered, not be silently replaced.
 */
public class RawLine {
    /** The record's bytes; for an over-long record only a prefix (see {@link #length}). */
    public byte[] bytes;

    /** The record's true length in bytes. */
    public int length;

    /** A file path or a topic. */
    public String source;

    /** 1-based line number in a file, or a Kafka offset. */
    public long offset;

    public RawLine() {}

    public RawLine(byte[] bytes, int length, String source, long offset) {
        this.bytes = bytes;
        this.length = length;
        this.source = source;
        this.offset = offset;
    }

    public boolean truncated() {
        return length > bytes.length;
    }
}

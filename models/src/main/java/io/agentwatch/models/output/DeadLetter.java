package io.agentwatch.models.output;

import io.agentwatch.models.event.InvalidEvent;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A record that broke the contract, kept with its reason and where it came from. The raw text is
 * masked (card numbers) and truncated before it is stored. A Flink POJO.
 */
public class DeadLetter {
    /** Longest raw text kept, in characters. */
    public static final int MAX_RAW_CHARS = 8 * 1024;

    /** When the job rejected it (processing time, epoch millis). */
    public long timestamp;

    public String reason;
    public String field;
    public String message;
    public String raw;
    public int rawBytes;
    public boolean rawTruncated;

    /** Where the record came from: a file path or a topic. */
    public String source;

    /** Line number in a file (1-based) or Kafka offset; -1 when unknown. */
    public long offset = -1;

    public DeadLetter() {}

    public static DeadLetter of(
            InvalidEvent error,
            byte[] bytes,
            int off,
            int len,
            String source,
            long offset,
            long now) {
        DeadLetter d = new DeadLetter();
        d.timestamp = now;
        d.reason = error.reason().name();
        d.field = error.field();
        d.message = CardNumbers.mask(error.message());
        d.rawBytes = len;
        int keep = Math.min(len, MAX_RAW_CHARS * 4);
        String text = decodeLeniently(bytes, off, keep);
        d.rawTruncated = keep < len || text.length() > MAX_RAW_CHARS;
        if (text.length() > MAX_RAW_CHARS) {
            text = text.substring(0, MAX_RAW_CHARS);
        }
        d.raw = CardNumbers.mask(text);
        // Masked like every string that leaves: a file name or topic can hold a number that is a
        // card.
        d.source = CardNumbers.mask(source);
        d.offset = offset;
        return d;
    }

    /** Invalid UTF-8 becomes U+FFFD here: the dead letter must be storable, the event was not. */
    private static String decodeLeniently(byte[] bytes, int off, int len) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, off, len))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
    }
}

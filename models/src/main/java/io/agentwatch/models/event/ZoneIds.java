package io.agentwatch.models.event;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * The agents' time zones as records write them, each decoded and checked once: a contact centre's
 * records carry a few zones over and over, and every record has one. Thread-safe without locks: a
 * slot holds an immutable entry, and two threads that fill one slot at once only lose a cached
 * entry.
 */
final class ZoneIds {
    /** Slots, a power of two; a zone whose slot another zone took is decoded again. */
    private static final int SLOTS = 256;

    private record Entry(byte[] bytes, String id, boolean valid) {}

    private final Entry[] slots = new Entry[SLOTS];

    /**
     * The zone written (UTF-8, without escapes) at {@code b[off, off + len)}, or null when it is
     * not an IANA zone id.
     */
    String idOrNull(byte[] b, int off, int len) {
        Entry e = entry(b, off, len);
        return e.valid ? e.id : null;
    }

    boolean isZoneId(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return entry(bytes, 0, bytes.length).valid;
    }

    private Entry entry(byte[] b, int off, int len) {
        int h = 0;
        for (int k = off; k < off + len; k++) {
            h = 31 * h + b[k];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = slots[slot];
        if (e != null
                && e.bytes.length == len
                && Arrays.equals(e.bytes, 0, len, b, off, off + len)) {
            return e;
        }
        String id = new String(b, off, len, StandardCharsets.UTF_8);
        e = new Entry(Arrays.copyOfRange(b, off, off + len), id, valid(id));
        slots[slot] = e;
        return e;
    }

    private static boolean valid(String id) {
        // Only region ids (Europe/Dublin) or UTC: a raw offset like +02:00 is not an IANA id.
        if (id.indexOf('/') <= 0 && !id.equals("UTC")) {
            return false;
        }
        try {
            ZoneId.of(id);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}

package io.agentwatch.jobs.types;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.CardDataIntent;
import io.agentwatch.models.event.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes an {@link AccessEvent} field by field: a bit mask of the fields present, then each one,
 * strings as UTF-8 with their length, enums as their ordinal. Every event crosses several tasks of
 * the job, and Flink's POJO serializer spends most of that on reflection and its thread-local
 * string buffers.
 *
 * <p>Strings are read through a scratch buffer of the serializer's own, not a byte array apiece (a
 * tenth of what the detectors' task allocated), and the fields whose values recur (roles, teams,
 * zones, countries, user agents, field names) come from {@link RecurringStrings}; so each thread
 * gets its own copy ({@link #duplicate()}, which Flink calls for every thread that serializes).
 *
 * <p>Events are never kept in state, only shipped between tasks, so a change of the layout needs no
 * migration; it still bumps {@link Snapshot}'s version.
 */
public final class AccessEventSerializer extends TypeSerializer<AccessEvent> {
    private static final long serialVersionUID = 1L;

    private static final Action[] ACTIONS = Action.values();
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final CardDataIntent[] INTENTS = CardDataIntent.values();

    /** Roles, teams, zones, countries, user agents and field names of a contact centre's day. */
    private static final int RECURRING_SLOTS = 1024;

    private transient byte[] scratch;
    private transient RecurringStrings recurring;

    @Override
    public TypeSerializer<AccessEvent> duplicate() {
        return new AccessEventSerializer();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public AccessEvent createInstance() {
        return new AccessEvent();
    }

    @Override
    public AccessEvent copy(AccessEvent from) {
        AccessEvent to = new AccessEvent();
        to.eventId = from.eventId;
        to.timestamp = from.timestamp;
        to.agentId = from.agentId;
        to.agentName = from.agentName;
        to.agentRole = from.agentRole;
        to.agentTeam = from.agentTeam;
        to.agentTimezone = from.agentTimezone;
        to.action = from.action;
        to.outcome = from.outcome;
        to.resourceType = from.resourceType;
        to.resourceId = from.resourceId;
        to.customerId = from.customerId;
        to.ticketId = from.ticketId;
        to.query = from.query;
        to.fields = from.fields == null ? null : from.fields.clone();
        to.resultCount = from.resultCount;
        to.sourceIp = from.sourceIp;
        to.sourceCountry = from.sourceCountry;
        to.sourceLat = from.sourceLat;
        to.sourceLon = from.sourceLon;
        to.sessionId = from.sessionId;
        to.userAgent = from.userAgent;
        to.extraJson = from.extraJson;
        to.cardDataIntent = from.cardDataIntent;
        to.sensitivity = from.sensitivity;
        to.usualHourEvents = from.usualHourEvents;
        return to;
    }

    @Override
    public AccessEvent copy(AccessEvent from, AccessEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(AccessEvent e, DataOutputView out) throws IOException {
        int present =
                bit(e.eventId, 0)
                        | bit(e.agentId, 1)
                        | bit(e.agentName, 2)
                        | bit(e.agentRole, 3)
                        | bit(e.agentTeam, 4)
                        | bit(e.agentTimezone, 5)
                        | bit(e.action, 6)
                        | bit(e.outcome, 7)
                        | bit(e.resourceType, 8)
                        | bit(e.resourceId, 9)
                        | bit(e.customerId, 10)
                        | bit(e.ticketId, 11)
                        | bit(e.query, 12)
                        | bit(e.fields, 13)
                        | bit(e.resultCount, 14)
                        | bit(e.sourceIp, 15)
                        | bit(e.sourceCountry, 16)
                        | bit(e.sourceLat, 17)
                        | bit(e.sourceLon, 18)
                        | bit(e.sessionId, 19)
                        | bit(e.userAgent, 20)
                        | bit(e.extraJson, 21)
                        | bit(e.cardDataIntent, 22);
        out.writeInt(present);
        out.writeLong(e.timestamp);
        out.writeInt(e.sensitivity);
        out.writeFloat(e.usualHourEvents);
        writeString(e.eventId, out);
        writeString(e.agentId, out);
        writeString(e.agentName, out);
        writeString(e.agentRole, out);
        writeString(e.agentTeam, out);
        writeString(e.agentTimezone, out);
        if (e.action != null) {
            out.writeByte(e.action.ordinal());
        }
        if (e.outcome != null) {
            out.writeByte(e.outcome.ordinal());
        }
        writeString(e.resourceType, out);
        writeString(e.resourceId, out);
        writeString(e.customerId, out);
        writeString(e.ticketId, out);
        writeString(e.query, out);
        if (e.fields != null) {
            out.writeInt(e.fields.length);
            for (String f : e.fields) {
                out.writeBoolean(f != null);
                writeString(f, out);
            }
        }
        if (e.resultCount != null) {
            out.writeInt(e.resultCount);
        }
        writeString(e.sourceIp, out);
        writeString(e.sourceCountry, out);
        if (e.sourceLat != null) {
            out.writeDouble(e.sourceLat);
        }
        if (e.sourceLon != null) {
            out.writeDouble(e.sourceLon);
        }
        writeString(e.sessionId, out);
        writeString(e.userAgent, out);
        writeString(e.extraJson, out);
        if (e.cardDataIntent != null) {
            out.writeByte(e.cardDataIntent.ordinal());
        }
    }

    private static int bit(Object field, int index) {
        return field == null ? 0 : 1 << index;
    }

    @Override
    public AccessEvent deserialize(DataInputView in) throws IOException {
        AccessEvent e = new AccessEvent();
        int present = in.readInt();
        e.timestamp = in.readLong();
        e.sensitivity = in.readInt();
        e.usualHourEvents = in.readFloat();
        e.eventId = has(present, 0) ? readString(in) : null;
        e.agentId = has(present, 1) ? readString(in) : null;
        e.agentName = has(present, 2) ? readString(in) : null;
        e.agentRole = has(present, 3) ? readRecurring(in) : null;
        e.agentTeam = has(present, 4) ? readRecurring(in) : null;
        e.agentTimezone = has(present, 5) ? readRecurring(in) : null;
        e.action = has(present, 6) ? ACTIONS[in.readByte()] : null;
        e.outcome = has(present, 7) ? OUTCOMES[in.readByte()] : null;
        e.resourceType = has(present, 8) ? readRecurring(in) : null;
        e.resourceId = has(present, 9) ? readString(in) : null;
        e.customerId = has(present, 10) ? readString(in) : null;
        e.ticketId = has(present, 11) ? readString(in) : null;
        e.query = has(present, 12) ? readString(in) : null;
        if (has(present, 13)) {
            String[] fields = new String[in.readInt()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = in.readBoolean() ? readRecurring(in) : null;
            }
            e.fields = fields;
        }
        e.resultCount = has(present, 14) ? in.readInt() : null;
        e.sourceIp = has(present, 15) ? readString(in) : null;
        e.sourceCountry = has(present, 16) ? readRecurring(in) : null;
        e.sourceLat = has(present, 17) ? in.readDouble() : null;
        e.sourceLon = has(present, 18) ? in.readDouble() : null;
        e.sessionId = has(present, 19) ? readString(in) : null;
        e.userAgent = has(present, 20) ? readRecurring(in) : null;
        e.extraJson = has(present, 21) ? readString(in) : null;
        e.cardDataIntent = has(present, 22) ? INTENTS[in.readByte()] : null;
        return e;
    }

    @Override
    public AccessEvent deserialize(AccessEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    private static boolean has(int present, int field) {
        return (present & (1 << field)) != 0;
    }

    /**
     * A present string (an absent one is in the mask and writes nothing). The JDK's encoder is
     * vectorised, and beats a copy char by char into the scratch buffer despite its array.
     */
    private static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private String readString(DataInputView in) throws IOException {
        int n = readIntoScratch(in);
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    /** A string of a field whose values recur from event to event ({@link RecurringStrings}). */
    private String readRecurring(DataInputView in) throws IOException {
        int n = readIntoScratch(in);
        if (recurring == null) {
            recurring = new RecurringStrings(RECURRING_SLOTS);
        }
        return recurring.of(scratch, n);
    }

    /** A string's UTF-8 bytes into the scratch buffer; returns how many. */
    private int readIntoScratch(DataInputView in) throws IOException {
        int n = in.readInt();
        in.readFully(scratch(n), 0, n);
        return n;
    }

    private byte[] scratch(int length) {
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(256, length)];
        }
        return scratch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessEventSerializer;
    }

    @Override
    public int hashCode() {
        return AccessEventSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<AccessEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The layout's version; a change of the layout is a new version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AccessEvent> {
        public Snapshot() {
            super(AccessEventSerializer::new);
        }
    }
}

package io.agentwatch.models.state;

import io.agentwatch.models.detect.LinearCounting;
import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.review.AgentFieldUse;
import io.agentwatch.models.review.OpenAccessUsage;

/**
 * The compact layout of an agent's access usage in one review period ({@link StateWriter}): field
 * uses as variable-length counts and each field's customer bitmap as the gaps between its bits when
 * that is shorter (a field used for a few customers). Times are relative to the period's start.
 *
 * <p>An agent's open period ({@link OpenAccessUsage}, in the detectors' state) is written in the
 * same layout as a closed one, as it was before it had a layout of its own on the heap, so
 * checkpoints restore across that change.
 */
public final class AccessUsageCodec {
    private AccessUsageCodec() {}

    public static long timeBase(AgentAccessUsage u) {
        return u.periodStart == Long.MIN_VALUE ? 0 : u.periodStart;
    }

    public static long timeBase(OpenAccessUsage u) {
        return u.periodStart == Long.MIN_VALUE ? 0 : u.periodStart;
    }

    public static void write(StateWriter w, OpenAccessUsage u) {
        writePeriod(w, u.agentId, u.agentRole, u.agentTeam, u.periodStart, u.periodEnd);
        if (u.fieldCount == 0) {
            w.varInt(0);
        } else {
            w.varInt(arrayLength(u.fieldCount) + 1);
            w.varInt(u.fieldCount);
            for (int i = 0; i < u.fieldCount; i++) {
                w.bool(true);
                writeFieldUse(w, u.fields[i], u.accesses(i), u.withTicket(i), u.customers(i));
            }
        }
        w.signedInt(u.fieldCount);
    }

    /**
     * The length the open period's array of field uses had with {@code n} fields in it (8, doubled
     * as needed, at most one past {@link AgentAccessUsage#MAX_FIELDS}), which the layout records.
     */
    private static int arrayLength(int n) {
        int length = 8;
        while (length < n) {
            length = Math.min(2 * length, AgentAccessUsage.MAX_FIELDS + 1);
        }
        return length;
    }

    public static OpenAccessUsage readOpen(StateReader r) {
        OpenAccessUsage u = new OpenAccessUsage();
        u.agentId = r.string();
        u.agentRole = r.string();
        u.agentTeam = r.string();
        u.periodStart = r.time();
        u.periodEnd = r.time();
        // The length the array of field uses had is not kept: the heap layout grows its own way.
        int length = r.varInt() - 1;
        int used = length < 0 ? 0 : r.varInt();
        u.makeRoom(used);
        for (int i = 0; i < used; i++) {
            AgentFieldUse f = readFieldUse(r);
            if (f == null) {
                throw new IllegalStateException(
                        "access usage of " + u.agentId + ": field use " + i + " missing");
            }
            if (f.customers != null && f.customers.length != LinearCounting.LONGS) {
                throw new IllegalStateException(
                        "access usage of "
                                + u.agentId
                                + ": field "
                                + f.field
                                + " has a bitmap of "
                                + f.customers.length
                                + " longs, not "
                                + LinearCounting.LONGS);
            }
            u.set(i, f.field, f.accesses, f.withTicket, f.customers);
        }
        u.fieldCount = r.signedInt();
        if (u.fieldCount != used) {
            throw new IllegalStateException(
                    "access usage of "
                            + u.agentId
                            + ": "
                            + used
                            + " field uses but a count of "
                            + u.fieldCount);
        }
        return u;
    }

    public static void write(StateWriter w, AgentAccessUsage u) {
        writePeriod(w, u.agentId, u.agentRole, u.agentTeam, u.periodStart, u.periodEnd);
        if (u.fields == null) {
            w.varInt(0);
        } else {
            int used = 0;
            for (int i = u.fields.length - 1; i >= 0; i--) {
                if (u.fields[i] != null) {
                    used = i + 1;
                    break;
                }
            }
            w.varInt(u.fields.length + 1);
            w.varInt(used);
            for (int i = 0; i < used; i++) {
                write(w, u.fields[i]);
            }
        }
        w.signedInt(u.fieldCount);
    }

    public static AgentAccessUsage read(StateReader r) {
        AgentAccessUsage u = new AgentAccessUsage();
        u.agentId = r.string();
        u.agentRole = r.string();
        u.agentTeam = r.string();
        u.periodStart = r.time();
        u.periodEnd = r.time();
        int length = r.varInt() - 1;
        if (length >= 0) {
            u.fields = new AgentFieldUse[length];
            for (int i = 0, used = r.varInt(); i < used; i++) {
                u.fields[i] = readFieldUse(r);
            }
        }
        u.fieldCount = r.signedInt();
        return u;
    }

    private static void writePeriod(
            StateWriter w, String agentId, String role, String team, long start, long end) {
        w.string(agentId);
        w.string(role);
        w.string(team);
        w.time(start);
        w.time(end);
    }

    private static void write(StateWriter w, AgentFieldUse f) {
        w.bool(f != null);
        if (f != null) {
            writeFieldUse(w, f.field, f.accesses, f.withTicket, f.customers);
        }
    }

    private static void writeFieldUse(
            StateWriter w, String field, long accesses, long withTicket, long[] customers) {
        w.string(field);
        w.relative(accesses, 0);
        w.relative(withTicket, 0);
        w.bitmap(customers);
    }

    private static AgentFieldUse readFieldUse(StateReader r) {
        if (!r.bool()) {
            return null;
        }
        AgentFieldUse f = new AgentFieldUse();
        f.field = r.string();
        f.accesses = r.relative(0);
        f.withTicket = r.relative(0);
        f.customers = r.bitmap();
        return f;
    }
}

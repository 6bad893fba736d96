package io.agentwatch.models.state;

import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.review.AgentFieldUse;

/**
 * The compact layout of an agent's access usage in one review period ({@link StateWriter}): field
 * uses as variable-length counts and each field's customer bitmap as the gaps between its bits when
 * that is shorter (a field used for a few customers). Times are relative to the period's start.
 */
public final class AccessUsageCodec {
    private AccessUsageCodec() {}

    public static long timeBase(AgentAccessUsage u) {
        return u.periodStart == Long.MIN_VALUE ? 0 : u.periodStart;
    }

    public static void write(StateWriter w, AgentAccessUsage u) {
        w.string(u.agentId);
        w.string(u.agentRole);
        w.string(u.agentTeam);
        w.time(u.periodStart);
        w.time(u.periodEnd);
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

    private static void write(StateWriter w, AgentFieldUse f) {
        w.bool(f != null);
        if (f != null) {
            w.string(f.field);
            w.relative(f.accesses, 0);
            w.relative(f.withTicket, 0);
            w.bitmap(f.customers);
        }
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

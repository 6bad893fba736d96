package io.agentwatch.models.review;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.LinearCounting;
import io.agentwatch.models.event.AccessEvent;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;

/**
 * Counts one agent's use of customer data fields per period, event by event, into its {@link
 * AgentAccessUsage} (the agent's keyed state in the job, a map entry offline). Periods are aligned
 * to Monday 00:00 UTC (the epoch was a Thursday), so weekly reviews are calendar weeks; an event
 * older than the open period counts in the open period.
 */
public final class AccessUsageCounter implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 1970-01-05, the first Monday of the epoch. */
    static final long ALIGN = Duration.ofDays(4).toMillis();

    private final long periodMillis;

    public AccessUsageCounter(Duration period) {
        this.periodMillis = period.toMillis();
    }

    /** Periods of {@code access_review.period}. */
    public static AccessUsageCounter of(Settings settings) {
        return new AccessUsageCounter(settings.get(AgentwatchOptions.ACCESS_REVIEW_PERIOD));
    }

    /** One period holding any realistic time: an offline review of its whole input. */
    public static AccessUsageCounter wholeInput() {
        return new AccessUsageCounter(Duration.ofDays(1_000_000));
    }

    public long periodMillis() {
        return periodMillis;
    }

    public long periodStart(long time) {
        return Math.floorDiv(time - ALIGN, periodMillis) * periodMillis + ALIGN;
    }

    /**
     * Counts a successful event. Returns the agent's summary of the period it closed when the event
     * starts a later period (the state then holds the new period), else null.
     */
    public AgentAccessUsage add(AgentAccessUsage s, AccessEvent e) {
        return add(s, e, e.timestamp);
    }

    /**
     * As {@link #add(AgentAccessUsage, AccessEvent)}, counting the event in the period of {@code
     * time} (the job passes its event time when the event's own period has been reviewed already).
     */
    public AgentAccessUsage add(AgentAccessUsage s, AccessEvent e, long time) {
        if (!e.succeeded()) {
            return null;
        }
        long start = periodStart(time);
        AgentAccessUsage closed = null;
        if (s.periodStart != Long.MIN_VALUE && start > s.periodStart) {
            closed = close(s);
        }
        if (s.periodStart == Long.MIN_VALUE) {
            s.periodStart = start;
            s.periodEnd = start + periodMillis;
        }
        s.agentId = e.agentId;
        if (e.agentRole != null) {
            s.agentRole = e.agentRole;
        }
        if (e.agentTeam != null) {
            s.agentTeam = e.agentTeam;
        }
        if (e.fields != null) {
            for (String field : e.fields) {
                if (field != null && !field.isEmpty()) {
                    count(use(s, field), e);
                }
            }
        }
        return closed;
    }

    /**
     * The open period's summary, the state emptied for the next; null when no period is open. An
     * agent active in a period with no field use is still in the summary: it counts as an active
     * agent of its groups.
     */
    public AgentAccessUsage close(AgentAccessUsage s) {
        if (s.periodStart == Long.MIN_VALUE) {
            return null;
        }
        AgentAccessUsage out = new AgentAccessUsage();
        out.agentId = s.agentId;
        out.agentRole = s.agentRole;
        out.agentTeam = s.agentTeam;
        out.periodStart = s.periodStart;
        out.periodEnd = s.periodEnd;
        out.fields =
                s.fields == null ? new AgentFieldUse[0] : Arrays.copyOf(s.fields, s.fieldCount);
        out.fieldCount = s.fieldCount;
        s.periodStart = Long.MIN_VALUE;
        s.fields = null;
        s.fieldCount = 0;
        return out;
    }

    private static AgentFieldUse use(AgentAccessUsage s, String field) {
        AgentFieldUse u = find(s, field);
        if (u != null) {
            return u;
        }
        if (s.fieldCount >= AgentAccessUsage.MAX_FIELDS) {
            // Bounded state: the rarest tail of fields shares one entry.
            u = find(s, AgentAccessUsage.OTHER);
            if (u != null) {
                return u;
            }
            field = AgentAccessUsage.OTHER;
        }
        if (s.fields == null) {
            s.fields = new AgentFieldUse[8];
        } else if (s.fieldCount == s.fields.length) {
            s.fields =
                    Arrays.copyOf(
                            s.fields,
                            Math.min(2 * s.fields.length, AgentAccessUsage.MAX_FIELDS + 1));
        }
        u = new AgentFieldUse();
        u.field = field;
        s.fields[s.fieldCount++] = u;
        return u;
    }

    private static AgentFieldUse find(AgentAccessUsage s, String field) {
        // Each event names a few fields and an agent uses dozens: compare the strings' cached
        // hashes first, and their characters only when those match.
        int h = field.hashCode();
        for (int i = 0; i < s.fieldCount; i++) {
            String known = s.fields[i].field;
            if (known.hashCode() == h && known.equals(field)) {
                return s.fields[i];
            }
        }
        return null;
    }

    private static void count(AgentFieldUse u, AccessEvent e) {
        u.accesses++;
        if (e.ticketId != null) {
            u.withTicket++;
        }
        if (e.customerId != null) {
            u.customers = LinearCounting.add(u.customers, e.customerId);
        }
    }
}

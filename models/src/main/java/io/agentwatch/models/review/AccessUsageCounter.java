package io.agentwatch.models.review;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.LinearCounting;
import io.agentwatch.models.event.AccessEvent;
import java.io.Serializable;
import java.time.Duration;

/**
 * Counts one agent's use of customer data fields per period, event by event, into its {@link
 * OpenAccessUsage} (part of the agent's keyed state in the job, a map entry offline), and makes the
 * period's {@link AgentAccessUsage} when it closes. Periods are aligned to Monday 00:00 UTC (the
 * epoch was a Thursday), so weekly reviews are calendar weeks; an event older than the open period
 * counts in the open period.
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
    public AgentAccessUsage add(OpenAccessUsage s, AccessEvent e) {
        return add(s, e, e.timestamp);
    }

    /**
     * As {@link #add(OpenAccessUsage, AccessEvent)}, counting the event in the period of {@code
     * time} (the job passes its event time when the event's own period has been reviewed already).
     */
    public AgentAccessUsage add(OpenAccessUsage s, AccessEvent e, long time) {
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
            count(s, e);
        }
        return closed;
    }

    /**
     * The open period's summary, the state emptied for the next; null when no period is open. An
     * agent active in a period with no field use is still in the summary: it counts as an active
     * agent of its groups.
     */
    public AgentAccessUsage close(OpenAccessUsage s) {
        if (s.periodStart == Long.MIN_VALUE) {
            return null;
        }
        AgentAccessUsage out = new AgentAccessUsage();
        out.agentId = s.agentId;
        out.agentRole = s.agentRole;
        out.agentTeam = s.agentTeam;
        out.periodStart = s.periodStart;
        out.periodEnd = s.periodEnd;
        out.fields = new AgentFieldUse[s.fieldCount];
        for (int i = 0; i < s.fieldCount; i++) {
            AgentFieldUse u = new AgentFieldUse();
            u.field = s.fields[i];
            u.accesses = s.accesses(i);
            u.withTicket = s.withTicket(i);
            u.customers = s.customers(i);
            out.fields[i] = u;
        }
        out.fieldCount = s.fieldCount;
        s.periodStart = Long.MIN_VALUE;
        s.clearFields();
        return out;
    }

    private static void count(OpenAccessUsage s, AccessEvent e) {
        // The bit is the same for every field of the event, so its fields' bits are adjacent.
        int bit = e.customerId == null ? -1 : LinearCounting.bit(e.customerId);
        boolean ticket = e.ticketId != null;
        for (String field : e.fields) {
            if (field != null && !field.isEmpty()) {
                s.count(index(s, field), ticket, bit);
            }
        }
    }

    /** Where the field's counts are, making room for it when it is new. */
    private static int index(OpenAccessUsage s, String field) {
        int i = find(s, field);
        if (i >= 0) {
            return i;
        }
        if (s.fieldCount >= AgentAccessUsage.MAX_FIELDS) {
            // Bounded state: the rarest tail of fields shares one entry.
            i = find(s, AgentAccessUsage.OTHER);
            if (i >= 0) {
                return i;
            }
            field = AgentAccessUsage.OTHER;
        }
        s.makeRoom(s.fieldCount + 1);
        s.fields[s.fieldCount] = field;
        return s.fieldCount++;
    }

    private static int find(OpenAccessUsage s, String field) {
        // The job's events share one string per field name, so names are compared by reference
        // first, then by their cached hashes, and by their characters only when those match.
        String[] fields = s.fields;
        int h = field.hashCode();
        for (int i = 0, n = s.fieldCount; i < n; i++) {
            String known = fields[i];
            if (known == field || (known.hashCode() == h && known.equals(field))) {
                return i;
            }
        }
        return -1;
    }
}

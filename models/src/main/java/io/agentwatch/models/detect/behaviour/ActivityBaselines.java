package io.agentwatch.models.detect.behaviour;

import io.agentwatch.models.detect.RobustRate;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.Fnv64;
import io.agentwatch.models.sensitivity.SensitivityClass;

/** Updates an {@link ActivityBaseline} with each event, and answers what it knows. */
final class ActivityBaselines {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;
    private static final Action[] ACTIONS = Action.values();
    private static final SensitivityClass[] CLASSES = SensitivityClass.values();
    static final int RATES = ACTIONS.length + CLASSES.length;

    private ActivityBaselines() {}

    /**
     * Remembers the event: its hour of the week (the agent's local time, worked out by the caller),
     * window counts, address and user agent.
     */
    static void observe(
            ActivityBaseline b,
            AccessEvent e,
            long windowMillis,
            boolean succeeded,
            int hourOfWeek) {
        long window = Math.floorDiv(e.timestamp, windowMillis) * windowMillis;
        if (b.windowCounts == null) {
            b.windowCounts = new int[RATES];
            b.rates = new double[RATES * RobustRate.STRIDE];
        }
        if (b.windowStart == Long.MIN_VALUE) {
            b.windowStart = window;
        } else if (window > b.windowStart) {
            // Only windows the agent was active in count: nights and days off do not dilute it.
            for (int i = 0; i < RATES; i++) {
                RobustRate.update(b.rates, i * RobustRate.STRIDE, b.windowCounts[i], 0.05, 3, 1);
                b.windowCounts[i] = 0;
            }
            b.windowStart = window;
        }
        b.windowCounts[e.action.ordinal()]++;
        for (SensitivityClass c : CLASSES) {
            if (c != SensitivityClass.NONE && c.in(e.sensitivity)) {
                b.windowCounts[ACTIONS.length + c.ordinal()]++;
            }
        }
        if (!succeeded) {
            return;
        }
        countHourOfWeek(b, hourOfWeek, e.timestamp);
        if (e.sourceIp != null) {
            rememberIp(b, e.sourceIp, e.timestamp);
        }
        if (e.userAgent != null) {
            rememberUserAgent(b, e.userAgent.hashCode(), e.timestamp);
        }
    }

    /** The agent's rate of this action per active window. */
    static RobustRate rate(ActivityBaseline b, Action a) {
        return b.rates == null ? null : RobustRate.of(b.rates, a.ordinal() * RobustRate.STRIDE);
    }

    /** The agent's rate of events touching this sensitivity class per active window. */
    static RobustRate rate(ActivityBaseline b, SensitivityClass c) {
        return b.rates == null
                ? null
                : RobustRate.of(b.rates, (ACTIONS.length + c.ordinal()) * RobustRate.STRIDE);
    }

    /** When the agent first worked from this address, or {@link Long#MIN_VALUE} if never. */
    static long ipFirstSeen(ActivityBaseline b, String ip) {
        int i = ipIndex(b, Fnv64.of(ip));
        return i < 0 ? Long.MIN_VALUE : b.sources[ActivityBaseline.IP_FIRST_SEEN + i];
    }

    static boolean knowsUserAgent(ActivityBaseline b, String userAgent) {
        return userAgentIndex(b, userAgent.hashCode()) >= 0;
    }

    /** Events in this local hour of the day, over the days of the week. */
    static int hourOfDayCount(ActivityBaseline b, int hour) {
        int n = 0;
        for (int i = hour * 7, end = i + 7; i < end; i++) {
            n += b.hourOfWeek[i];
        }
        return n;
    }

    /**
     * The agent's usual number of successful events in this local hour: this hour of the week
     * averaged over the weeks the profile spans, or in its first week this hour of the day averaged
     * over its days; NaN before a day of history. Worked out at the hour's first event and kept for
     * the hour, so an unusual hour does not raise its own baseline.
     */
    static float usualEventsThisHour(ActivityBaseline b, long t, int hourOfWeek) {
        if (hourOfWeek == b.usualSlot && Math.abs(t - b.usualAt) < HOUR) {
            return b.usualHourEvents;
        }
        if (t < b.usualAt) {
            // A late event of an earlier hour: answered, but the current hour's value stays.
            return usualEvents(b, t, hourOfWeek);
        }
        b.usualSlot = hourOfWeek;
        b.usualAt = t;
        b.usualHourEvents = usualEvents(b, t, hourOfWeek);
        return b.usualHourEvents;
    }

    private static float usualEvents(ActivityBaseline b, long t, int hourOfWeek) {
        if (b.hourOfWeek == null || b.hourOfWeekSince == Long.MIN_VALUE) {
            return Float.NaN;
        }
        long known = t - b.hourOfWeekSince;
        if (known >= WEEK) {
            return (float)
                    (b.hourOfWeek[ActivityBaseline.index(hourOfWeek)] * (double) WEEK / known);
        }
        if (known >= DAY) {
            return (float) (hourOfDayCount(b, hourOfWeek % 24) * (double) DAY / known);
        }
        return Float.NaN;
    }

    private static void countHourOfWeek(ActivityBaseline b, int hourOfWeek, long t) {
        int slot = ActivityBaseline.index(hourOfWeek);
        if (b.hourOfWeek == null) {
            b.hourOfWeek = new short[168];
        }
        if (b.hourOfWeekSince == Long.MIN_VALUE) {
            b.hourOfWeekSince = t;
        }
        if (b.hourOfWeek[slot] == Short.MAX_VALUE) {
            b.hourOfWeekSince = t - Math.max(0, t - b.hourOfWeekSince) / 2;
            b.hourOfWeekTotal = 0;
            for (int i = 0; i < b.hourOfWeek.length; i++) {
                b.hourOfWeek[i] = (short) (b.hourOfWeek[i] / 2);
                b.hourOfWeekTotal += b.hourOfWeek[i];
            }
        }
        b.hourOfWeek[slot]++;
        b.hourOfWeekTotal++;
    }

    private static void rememberIp(ActivityBaseline b, String ip, long t) {
        long hash = Fnv64.of(ip);
        int i = ipIndex(b, hash);
        long[] a = sources(b);
        if (i < 0) {
            if (b.ips == null) {
                b.ips = new String[ActivityBaseline.MAX_IPS];
            }
            i =
                    b.ipCount < ActivityBaseline.MAX_IPS
                            ? b.ipCount++
                            : leastRecent(a, ActivityBaseline.IP_LAST_SEEN, b.ipCount);
            b.ips[i] = ip;
            a[ActivityBaseline.IP_HASHES + i] = hash;
            a[ActivityBaseline.IP_FIRST_SEEN + i] = t;
        }
        int last = ActivityBaseline.IP_LAST_SEEN + i;
        a[last] = Math.max(a[last], t);
    }

    private static void rememberUserAgent(ActivityBaseline b, int hash, long t) {
        int i = userAgentIndex(b, hash);
        long[] a = sources(b);
        if (i < 0) {
            i =
                    b.userAgentCount < ActivityBaseline.MAX_USER_AGENTS
                            ? b.userAgentCount++
                            : leastRecent(
                                    a, ActivityBaseline.USER_AGENT_LAST_SEEN, b.userAgentCount);
            a[ActivityBaseline.USER_AGENTS + i] = hash;
            a[ActivityBaseline.USER_AGENT_FIRST_SEEN + i] = t;
        }
        int last = ActivityBaseline.USER_AGENT_LAST_SEEN + i;
        a[last] = Math.max(a[last], t);
    }

    private static long[] sources(ActivityBaseline b) {
        if (b.sources == null) {
            b.sources = new long[ActivityBaseline.SOURCES];
        }
        return b.sources;
    }

    private static int ipIndex(ActivityBaseline b, long hash) {
        for (int i = 0; i < b.ipCount; i++) {
            if (b.sources[ActivityBaseline.IP_HASHES + i] == hash) {
                return i;
            }
        }
        return -1;
    }

    private static int userAgentIndex(ActivityBaseline b, int hash) {
        for (int i = 0; i < b.userAgentCount; i++) {
            if (b.sources[ActivityBaseline.USER_AGENTS + i] == hash) {
                return i;
            }
        }
        return -1;
    }

    /** The slot seen longest ago: the one a new address or user agent replaces. */
    private static int leastRecent(long[] a, int lastSeen, int count) {
        int oldest = 0;
        for (int i = 1; i < count; i++) {
            if (a[lastSeen + i] < a[lastSeen + oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }
}

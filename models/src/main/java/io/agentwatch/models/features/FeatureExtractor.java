package io.agentwatch.models.features;

import static io.agentwatch.models.features.AgentHourFeatures.*;

import io.agentwatch.models.detect.LinearCounting;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.AgentClock;
import io.agentwatch.models.sensitivity.SensitivityClass;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Turns one agent's events, in the order they come, into {@link AgentHourFeatures} vectors, one per
 * active hour. The job calls it per event with the agent's keyed state (and closes an hour by an
 * event-time timer); {@link FeatureTable} calls it the same way over files. An event older than the
 * open hour counts in the open hour, so the same events in the same order always give the same
 * vectors.
 */
public final class FeatureExtractor implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Active hours before the agent's own usual values are trusted (ratios are 1 until then). */
    public static final int MIN_USUAL_WINDOWS = 8;

    /** Days of activity before an hour of the day can be "rarely worked". */
    static final int MIN_PROFILE_DAYS = 2;

    /** An hour of the day holding less than this share of the agent's activity is rarely worked. */
    static final double RARE_HOUR_SHARE = 0.02;

    /** Weight of the newest hour in the agent's usual values: about the last 20 active hours. */
    static final double USUAL_WEIGHT = 0.05;

    private static final long DAY = 86_400_000L;
    private static final int HALVE_AT = 1 << 20;

    /**
     * Counts the event in its agent's open hour. Returns the hour it closed when the event starts a
     * later one, else null.
     */
    public FeatureWindow onEvent(AgentFeatureState s, AccessEvent e) {
        long window = Math.floorDiv(e.timestamp, WINDOW_MILLIS) * WINDOW_MILLIS;
        FeatureWindow closed = null;
        if (s.windowStart != Long.MIN_VALUE && window > s.windowStart) {
            closed = close(s, e.agentId);
        }
        if (s.windowStart == Long.MIN_VALUE) {
            open(s, window);
        }
        count(s, e);
        return closed;
    }

    /** The end of the open hour (when a timer should close it), or {@link Long#MIN_VALUE}. */
    public static long openWindowEnd(AgentFeatureState s) {
        return s.windowStart == Long.MIN_VALUE ? Long.MIN_VALUE : s.windowStart + WINDOW_MILLIS;
    }

    /** Closes the open hour (its end has passed, or the input ended); null when none is open. */
    public FeatureWindow close(AgentFeatureState s, String agentId) {
        if (s.windowStart == Long.MIN_VALUE) {
            return null;
        }
        FeatureWindow w = new FeatureWindow();
        w.agentId = agentId;
        w.agentRole = s.agentRole;
        w.agentTeam = s.agentTeam;
        w.windowStart = s.windowStart;
        w.windowEnd = s.windowStart + WINDOW_MILLIS;
        double[] v = new double[SIZE];
        for (int i = 0; i < AgentFeatureState.COUNTED; i++) {
            v[i] = s.tallies[i];
        }
        v[DISTINCT_CUSTOMERS] =
                Math.min(LinearCounting.estimate(s.customerBits), s.customerAccesses);
        v[UNTICKETED_SHARE] =
                s.customerAccesses == 0 ? 0 : (double) s.unticketed / s.customerAccesses;
        v[OFF_PROFILE_SHARE] = (double) s.offProfile / Math.max(1, s.tallies[EVENTS]);
        v[NEW_COUNTRY] = s.newCountry ? 1 : 0;
        v[NEW_IP] = s.newIp ? 1 : 0;
        boolean known = s.windows >= MIN_USUAL_WINDOWS;
        v[EVENTS_VS_OWN] = known ? ratio(v[EVENTS], s.usual[EVENTS]) : 1;
        v[CUSTOMERS_VS_OWN] = known ? ratio(v[DISTINCT_CUSTOMERS], s.usual[DISTINCT_CUSTOMERS]) : 1;
        v[CARD_SEARCHES_VS_OWN] = known ? ratio(v[CARD_SEARCHES], s.usual[CARD_SEARCHES]) : 1;
        w.values = v;
        if (known) {
            w.agentUsual = new double[SIZE];
            for (int i = 0; i < SIZE; i++) {
                w.agentUsual[i] = s.usual[i];
            }
        }
        w.eventIds = Arrays.copyOf(s.eventIds, s.eventIdCount);
        learnUsual(s, v);
        s.windowStart = Long.MIN_VALUE;
        return w;
    }

    private static double ratio(double value, double usual) {
        return (value + 1) / (usual + 1);
    }

    private static void learnUsual(AgentFeatureState s, double[] v) {
        if (s.usual == null) {
            s.usual = new float[SIZE];
        }
        for (int i = 0; i < SIZE; i++) {
            s.usual[i] =
                    s.windows == 0
                            ? (float) v[i]
                            : (float) (s.usual[i] + USUAL_WEIGHT * (v[i] - s.usual[i]));
        }
        s.windows++;
    }

    private static void open(AgentFeatureState s, long window) {
        s.windowStart = window;
        if (s.tallies == null) {
            s.tallies = new int[AgentFeatureState.TALLIES];
            s.eventIds = new String[AgentFeatureState.MAX_EVENT_IDS];
            s.notable = new boolean[AgentFeatureState.MAX_EVENT_IDS];
        } else {
            Arrays.fill(s.tallies, 0, AgentFeatureState.COUNTED, 0);
            Arrays.fill(s.eventIds, null);
            Arrays.fill(s.notable, false);
        }
        if (s.customerBits != null) {
            Arrays.fill(s.customerBits, 0L);
        }
        s.customerAccesses = 0;
        s.unticketed = 0;
        s.offProfile = 0;
        s.newCountry = false;
        s.newIp = false;
        s.eventIdCount = 0;
    }

    private static void count(AgentFeatureState s, AccessEvent e) {
        int[] c = s.tallies;
        c[EVENTS]++;
        switch (e.action) {
            case SEARCH -> {
                c[SEARCHES]++;
                if (e.targetsCardData()) {
                    c[CARD_SEARCHES]++;
                }
            }
            case VIEW -> c[VIEWS]++;
            case REVEAL -> c[REVEALS]++;
            case EXPORT -> {
                c[EXPORTS]++;
                c[EXPORT_ROWS] += e.resultCount == null ? 0 : e.resultCount;
            }
            case LOGIN_FAILED -> c[LOGIN_FAILURES]++;
            default -> {}
        }
        boolean pci = SensitivityClass.PCI.in(e.sensitivity);
        boolean sensitive = SensitivityClass.SENSITIVE_PII.in(e.sensitivity);
        if (pci) {
            c[PCI_EVENTS]++;
        }
        if (sensitive) {
            c[SENSITIVE_PII_EVENTS]++;
        }
        if (PeerSampler.isCustomerAccess(e)) {
            s.customerBits = LinearCounting.add(s.customerBits, e.customerId);
            s.customerAccesses++;
            if (e.ticketId == null) {
                s.unticketed++;
            }
        }
        rememberEventId(
                s, e.eventId, pci || sensitive || e.targetsCardData() || e.action == Action.EXPORT);
        if (e.agentRole != null) {
            s.agentRole = e.agentRole;
        }
        if (e.agentTeam != null) {
            s.agentTeam = e.agentTeam;
        }
        learnPlace(s, e);
    }

    /** The hour-of-day profile, active days, countries and addresses. */
    private static void learnPlace(AgentFeatureState s, AccessEvent e) {
        int[] t = s.tallies;
        int hour = AgentFeatureState.HOUR_OF_DAY + AgentClock.hourOfWeek(e) % 24;
        if (s.activeDays >= MIN_PROFILE_DAYS && t[hour] < RARE_HOUR_SHARE * s.hourTotal) {
            s.offProfile++;
        }
        long day = Math.floorDiv(e.timestamp, DAY);
        if (day != s.lastActiveDay) {
            s.activeDays++;
            s.lastActiveDay = day;
        }
        boolean succeeded = e.succeeded();
        if (!succeeded) {
            return;
        }
        if (t[hour] == HALVE_AT) {
            s.hourTotal = 0;
            for (int h = AgentFeatureState.HOUR_OF_DAY;
                    h < AgentFeatureState.HOUR_OF_DAY + 24;
                    h++) {
                t[h] /= 2;
                s.hourTotal += t[h];
            }
        }
        t[hour]++;
        s.hourTotal++;
        boolean history = s.windows > 0;
        if (e.sourceCountry != null) {
            int h = e.sourceCountry.hashCode();
            int max = AgentFeatureState.MAX_COUNTRIES;
            if (!contains(t, AgentFeatureState.COUNTRIES, Math.min(s.countryCount, max), h)) {
                s.newCountry |= history;
                t[AgentFeatureState.COUNTRIES + s.countryCount++ % max] = h;
            }
        }
        if (e.sourceIp != null) {
            int h = e.sourceIp.hashCode();
            int max = AgentFeatureState.MAX_IPS;
            if (!contains(t, AgentFeatureState.IPS, Math.min(s.ipCount, max), h)) {
                s.newIp |= history;
                t[AgentFeatureState.IPS + s.ipCount++ % max] = h;
            }
        }
    }

    private static boolean contains(int[] a, int from, int length, int h) {
        for (int i = from; i < from + length; i++) {
            if (a[i] == h) {
                return true;
            }
        }
        return false;
    }

    /** Keeps notable events first: a notable event takes the place of an ordinary one. */
    private static void rememberEventId(AgentFeatureState s, String id, boolean notable) {
        if (s.eventIdCount < s.eventIds.length) {
            s.notable[s.eventIdCount] = notable;
            s.eventIds[s.eventIdCount++] = id;
            return;
        }
        if (notable) {
            for (int i = 0; i < s.eventIds.length; i++) {
                if (!s.notable[i]) {
                    s.eventIds[i] = id;
                    s.notable[i] = true;
                    return;
                }
            }
        }
    }
}

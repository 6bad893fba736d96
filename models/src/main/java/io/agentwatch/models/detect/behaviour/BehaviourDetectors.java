package io.agentwatch.models.detect.behaviour;

import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.detect.PeerGroups;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.detect.RobustRate;
import io.agentwatch.models.detect.Severity;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.AgentClock;
import io.agentwatch.models.event.Fnv64;
import io.agentwatch.models.event.Outcome;
import io.agentwatch.models.event.Timestamps;
import io.agentwatch.models.sensitivity.SensitivityClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The per-agent behaviour detectors, as pure functions of (state, event): each looks at the event
 * against what the state remembers, may raise an alert on the event that completes its evidence,
 * and then the shared memory (last seen, countries, location, profile) is updated.
 *
 * <ul>
 *   <li>{@code dormant_account}: activity after a long idle time;
 *   <li>{@code data_theft_sequence}: search, then view, then a PCI reveal, then an export, all
 *       within minutes: the steps of taking card data out, in order;
 *   <li>{@code low_and_slow}: card-data searches outside any ticket, few a day but persistent over
 *       days (a long-horizon count, since the agent's own short-term baseline would learn them);
 *   <li>{@code pci_reveal_without_ticket}: PCI fields revealed with no ticket, or for a customer
 *       the ticket in context was never linked to;
 *   <li>{@code credential_stuffing}: a burst of failed logins, then a success;
 *   <li>{@code impossible_travel}: two locations too far apart for the time between them;
 *   <li>{@code new_country}: activity from a country the agent never worked from;
 *   <li>{@code bulk_access}: far more distinct customers in a window than the agent's own baseline,
 *       or an export of many records;
 *   <li>{@code off_hours}: activity in an hour of day the agent is never active in.
 * </ul>
 */
public final class BehaviourDetectors implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    private static final long TRAVEL_EPISODE = HOUR;
    private static final long OFF_HOURS_EPISODE = 4 * HOUR;
    private static final int BULK_MIN_WINDOWS = 8;
    private static final int LOW_AND_SLOW_SLOTS = 28;
    private static final double EARTH_KM = 6371.0;

    private final BehaviourConfig config;

    public BehaviourDetectors(BehaviourConfig config) {
        this.config = config;
    }

    /** Peer baselines by group name ({@link PeerGroups}); null when a group has none yet. */
    public interface Peers {
        PeerBaseline get(String group);

        Peers NONE = group -> null;
    }

    /** Runs every detector on the event (no peer baselines), then updates the agent's memory. */
    public List<Finding> onEvent(AgentBehaviourState s, AccessEvent e) {
        return onEvent(s, e, Peers.NONE);
    }

    /**
     * Runs every detector on the event, enriches it with the agent's usual events this hour ({@link
     * AccessEvent#usualHourEvents}), then updates the agent's memory.
     */
    public List<Finding> onEvent(AgentBehaviourState s, AccessEvent e, Peers peers) {
        // The agent's local hour of the week, worked out once: a time-zone conversion per event.
        int hourOfWeek = AgentClock.hourOfWeek(e);
        List<Finding> alerts = null;
        alerts = add(alerts, dormantAccount(s, e));
        alerts = add(alerts, pciRevealWithoutTicket(s, e));
        alerts = add(alerts, credentialStuffing(s, e));
        alerts = add(alerts, impossibleTravel(s, e));
        alerts = add(alerts, newCountry(s, e, peers));
        alerts = add(alerts, bulkAccess(s, e, peers));
        alerts = add(alerts, bulkExport(e));
        alerts = add(alerts, offHours(s, e, hourOfWeek % 24));
        alerts = add(alerts, lowAndSlow(s, e));
        alerts = add(alerts, dataTheftSequence(s, e));
        e.usualHourEvents = ActivityBaselines.usualEventsThisHour(s, e.timestamp, hourOfWeek);
        remember(s, e, hourOfWeek);
        return alerts == null ? List.of() : alerts;
    }

    // ---------------------------------------------------------------- detectors

    Finding dormantAccount(AgentBehaviourState s, AccessEvent e) {
        if (s.lastSeen == Long.MIN_VALUE || e.timestamp - s.lastSeen < config.dormantIdleMillis) {
            return null;
        }
        long days = (e.timestamp - s.lastSeen) / DAY;
        Finding a =
                alert(
                        "dormant_account",
                        "Dormant account active again",
                        Severity.MEDIUM,
                        55,
                        e,
                        e.timestamp);
        a.observed = days;
        a.threshold = config.dormantIdleMillis / (double) DAY;
        a.reason =
                String.format(
                        Locale.ROOT,
                        "Agent %s was active again after %d days without any activity (last seen"
                                + " %s).",
                        e.agentId,
                        days,
                        Timestamps.format(s.lastSeen));
        return a;
    }

    Finding pciRevealWithoutTicket(AgentBehaviourState s, AccessEvent e) {
        if (e.action != Action.REVEAL
                || !SensitivityClass.PCI.in(e.sensitivity)
                || e.outcome == Outcome.FAILURE) {
            return null;
        }
        boolean linked =
                e.ticketId != null
                        && (e.customerId == null || isLinked(s, e.ticketId, e.customerId));
        if (linked) {
            return null;
        }
        boolean sameEpisode =
                s.pciEpisodeLast != Long.MIN_VALUE
                        && e.timestamp - s.pciEpisodeLast <= config.pciEpisodeMillis;
        s.pciEpisodeLast = e.timestamp;
        if (sameEpisode) {
            s.pciEpisodeCount++;
            return null;
        }
        s.pciEpisodeStart = e.timestamp;
        s.pciEpisodeCount = 1;
        Finding a =
                alert(
                        "pci_reveal_without_ticket",
                        "Card data revealed without ticket context",
                        Severity.HIGH,
                        70,
                        e,
                        e.timestamp);
        a.observed = 1;
        a.reason =
                e.ticketId == null
                        ? String.format(
                                Locale.ROOT,
                                "Agent %s revealed payment-card data of customer %s with no ticket"
                                        + " in context.",
                                e.agentId,
                                e.customerId)
                        : String.format(
                                Locale.ROOT,
                                "Agent %s revealed payment-card data of customer %s under ticket"
                                        + " %s, which their work never linked to that customer.",
                                e.agentId,
                                e.customerId,
                                e.ticketId);
        return a;
    }

    Finding credentialStuffing(AgentBehaviourState s, AccessEvent e) {
        boolean failed =
                e.action == Action.LOGIN_FAILED
                        || (e.action == Action.LOGIN && e.outcome == Outcome.FAILURE);
        if (failed) {
            if (s.failures == null) {
                s.failures = new long[AgentBehaviourState.MAX_FAILURES];
            }
            if (s.failureCount == s.failures.length) {
                System.arraycopy(s.failures, 1, s.failures, 0, s.failures.length - 1);
                s.failureCount--;
            }
            s.failures[s.failureCount++] = e.timestamp;
            return null;
        }
        if (e.action != Action.LOGIN || s.failureCount == 0) {
            return null;
        }
        int recent = 0;
        long first = Long.MAX_VALUE;
        for (int i = 0; i < s.failureCount; i++) {
            if (e.timestamp - s.failures[i] <= config.stuffingWindowMillis) {
                recent++;
                first = Math.min(first, s.failures[i]);
            }
        }
        s.failureCount = 0;
        s.failures = null;
        if (recent < config.stuffingMinFailures) {
            return null;
        }
        Finding a =
                alert(
                        "credential_stuffing",
                        "Burst of failed logins, then a success",
                        Severity.CRITICAL,
                        85,
                        e,
                        first);
        a.observed = recent;
        a.threshold = config.stuffingMinFailures;
        a.reason =
                String.format(
                        Locale.ROOT,
                        "%d failed logins for agent %s within %d minutes, then a successful login"
                                + " from %s%s%s.",
                        recent,
                        e.agentId,
                        Math.max(1, (e.timestamp - first) / 60_000),
                        e.sourceIp == null ? "an unknown address" : e.sourceIp,
                        e.sourceCountry == null ? "" : " (" + e.sourceCountry + ")",
                        sourceNovelty(s, e));
        return a;
    }

    Finding impossibleTravel(AgentBehaviourState s, AccessEvent e) {
        if (e.sourceLat == null
                || e.sourceLon == null
                || e.outcome == Outcome.FAILURE
                || e.action == Action.LOGIN_FAILED) {
            return null;
        }
        if (s.lastLocationTime == Long.MIN_VALUE) {
            return null;
        }
        double km = distanceKm(s.lastLat, s.lastLon, e.sourceLat, e.sourceLon);
        double hours = Math.max(0, e.timestamp - s.lastLocationTime) / (double) HOUR;
        double kmh = hours == 0 ? Double.POSITIVE_INFINITY : km / hours;
        if (km < config.travelMinKm || kmh <= config.travelMaxKmh) {
            return null;
        }
        if (s.travelLastAlert != Long.MIN_VALUE
                && e.timestamp - s.travelLastAlert < TRAVEL_EPISODE) {
            return null; // one alert per episode, not one per switch between the two places
        }
        s.travelLastAlert = e.timestamp;
        Finding a =
                alert(
                        "impossible_travel",
                        "Impossible travel between two locations",
                        Severity.HIGH,
                        75,
                        e,
                        s.lastLocationTime);
        a.observed = Math.round(Double.isInfinite(kmh) ? km : kmh);
        a.threshold = config.travelMaxKmh;
        a.reason =
                String.format(
                        Locale.ROOT,
                        "Agent %s was in %s and %.0f minutes later in %s, %.0f km away (%s; the"
                                + " limit is %.0f km/h).",
                        e.agentId,
                        s.lastLocationCountry == null ? "one place" : s.lastLocationCountry,
                        hours * 60,
                        e.sourceCountry == null ? "another" : e.sourceCountry,
                        km,
                        Double.isInfinite(kmh)
                                ? "at the same moment"
                                : String.format(Locale.ROOT, "%.0f km/h", kmh),
                        config.travelMaxKmh);
        return a;
    }

    /** Whether the agent has too little history to be judged against their own baselines. */
    private boolean isNew(AgentBehaviourState s) {
        return s.activeDays < config.peerMinActiveDays;
    }

    /** The group's baseline when it has enough samples to judge by. */
    private PeerBaseline trusted(Peers peers, String group) {
        PeerBaseline b = peers.get(group);
        return b != null && b.samples >= config.peerMinSamples ? b : null;
    }

    /** What the agent's own baseline says about this login's address and user agent. */
    private static String sourceNovelty(AgentBehaviourState s, AccessEvent e) {
        StringBuilder b = new StringBuilder();
        if (e.sourceIp != null) {
            long seen = ActivityBaselines.ipFirstSeen(s, e.sourceIp);
            b.append(
                    seen == Long.MIN_VALUE
                            ? "; an address the agent never used"
                            : "; an address the agent has used since " + Timestamps.format(seen));
        }
        if (e.userAgent != null && !ActivityBaselines.knowsUserAgent(s, e.userAgent)) {
            b.append(", with a user agent never seen for them");
        }
        return b.toString();
    }

    Finding newCountry(AgentBehaviourState s, AccessEvent e, Peers peers) {
        if (e.sourceCountry == null
                || e.outcome == Outcome.FAILURE
                || e.action == Action.LOGIN_FAILED
                || knowsCountry(s, e.sourceCountry)) {
            return null;
        }
        String known =
                s.countries == null
                        ? ""
                        : String.join(", ", Arrays.copyOf(s.countries, s.countryCount));
        boolean experienced = s.events >= config.newCountryMinHistory && s.countryCount > 0;
        learnCountry(s, e.sourceCountry, e.timestamp);
        if (!experienced) {
            return isNew(s) ? newToTeam(e, peers) : null;
        }
        Finding a = newCountryFinding(e);
        a.reason =
                String.format(
                        Locale.ROOT,
                        "Agent %s worked from %s for the first time; before, only from %s.",
                        e.agentId,
                        e.sourceCountry,
                        known);
        return a;
    }

    private Finding newCountryFinding(AccessEvent e) {
        return alert(
                "new_country", "Activity from a new country", Severity.MEDIUM, 50, e, e.timestamp);
    }

    /**
     * A new agent working from a country no established agent of their team works from: judged
     * against the team, since the agent has no history of their own.
     */
    private Finding newToTeam(AccessEvent e, Peers peers) {
        PeerBaseline team = trusted(peers, PeerGroups.team(e.agentTeam));
        if (team == null
                || peers.get(PeerGroups.teamCountry(e.agentTeam, e.sourceCountry)) != null) {
            return null;
        }
        Finding a = newCountryFinding(e);
        a.basis = "peer";
        a.peerGroup = PeerGroups.team(e.agentTeam);
        a.peerBaselineSamples = team.samples;
        a.reason =
                String.format(
                        Locale.ROOT,
                        "Agent %s, new to the job, worked from %s, where no established agent of"
                                + " team %s works (%d agent-days of the team known).",
                        e.agentId,
                        e.sourceCountry,
                        e.agentTeam,
                        team.samples);
        return a;
    }

    Finding bulkAccess(AgentBehaviourState s, AccessEvent e, Peers peers) {
        if (!PeerSampler.isCustomerAccess(e)) {
            return null;
        }
        long window = Math.floorDiv(e.timestamp, config.bulkWindowMillis) * config.bulkWindowMillis;
        if (window > s.bulkWindowStart) {
            if (s.bulkWindowStart != Long.MIN_VALUE) {
                s.bulkRate.update(s.bulkDistinct, 0.05, 3, 2);
            }
            s.bulkWindowStart = window;
            s.bulkDistinct = 0;
            s.bulkAccesses = 0;
            if (s.bulkHashes != null) {
                Arrays.fill(s.bulkHashes, 0);
            }
        }
        s.bulkAccesses++;
        if (addCustomer(s, e.customerId)) {
            s.bulkDistinct++;
        }
        if (s.bulkLastAlert != Long.MIN_VALUE
                && e.timestamp - s.bulkLastAlert < config.bulkWindowMillis) {
            return null; // one alert per episode, even when it spans two windows
        }
        if (s.bulkDistinct < config.bulkMinCustomers) {
            return null; // below the floor whatever the baselines say: no lookups per event
        }
        RobustRate rate = s.bulkRate;
        boolean known = rate.samples >= BULK_MIN_WINDOWS;
        // A new agent is judged by the distinct customers per window of their role (their own
        // baseline is not trusted yet); an established one by their own.
        PeerBaseline peer =
                known && !isNew(s) ? null : trusted(peers, PeerGroups.customerAccess(e.agentRole));
        double threshold =
                Math.max(
                        config.bulkMinCustomers,
                        peer != null
                                ? peer.threshold(config.bulkK, 2)
                                : known ? rate.threshold(config.bulkK, 2) : 0);
        if (s.bulkDistinct < threshold) {
            return null;
        }
        s.bulkLastAlert = e.timestamp;
        Finding a =
                alert(
                        "bulk_access",
                        "Bulk access to customer records",
                        Severity.HIGH,
                        70,
                        e,
                        s.bulkWindowStart);
        a.observed = s.bulkDistinct;
        a.threshold = threshold;
        a.basis = peer != null ? "peer" : known ? "agent" : "cold_start";
        if (known) {
            a.agentBaselineMean = rate.mean;
            a.agentBaselineDeviation = rate.deviation;
        }
        a.agentBaselineWindows = rate.samples;
        if (peer != null) {
            a.peerGroup = peer.group;
            a.peerBaselineMean = peer.mean;
            a.peerBaselineDeviation = peer.deviation;
            a.peerBaselineSamples = peer.samples;
        }
        a.findingId = "bulk_access:" + e.agentId + ":" + s.bulkWindowStart;
        a.reason =
                String.format(
                        Locale.ROOT,
                        "Agent %s accessed %d distinct customers (%d records) within %d minutes;"
                                + " %s (alert threshold %.0f).",
                        e.agentId,
                        s.bulkDistinct,
                        s.bulkAccesses,
                        config.bulkWindowMillis / 60_000,
                        peer != null
                                ? String.format(
                                        Locale.ROOT,
                                        "they have too little history of their own, and their %s"
                                                + " peers see %.1f per window",
                                        e.agentRole,
                                        peer.mean)
                                : known
                                        ? String.format(
                                                Locale.ROOT,
                                                "their own baseline is %.1f distinct customers per"
                                                        + " window",
                                                rate.mean)
                                        : "they have no baseline of their own yet",
                        threshold);
        return a;
    }

    Finding bulkExport(AccessEvent e) {
        if (e.action != Action.EXPORT
                || e.resultCount == null
                || e.resultCount < config.bulkExportRows) {
            return null;
        }
        Finding a =
                alert(
                        "bulk_access",
                        "Bulk access to customer records",
                        Severity.HIGH,
                        75,
                        e,
                        e.timestamp);
        a.findingId = "bulk_access:" + e.agentId + ":export:" + e.timestamp;
        a.observed = e.resultCount;
        a.threshold = config.bulkExportRows;
        a.reason =
                String.format(
                        Locale.ROOT,
                        "Agent %s exported %d records%s (alert threshold %d).",
                        e.agentId,
                        e.resultCount,
                        e.resourceType == null ? "" : " of " + e.resourceType,
                        config.bulkExportRows);
        return a;
    }

    /**
     * @param hour the agent's local hour of the day
     */
    Finding offHours(AgentBehaviourState s, AccessEvent e, int hour) {
        if (e.action == Action.LOGIN_FAILED || e.outcome == Outcome.FAILURE) {
            return null;
        }
        if (s.hourOfWeek == null || s.activeDays < config.offHoursMinActiveDays) {
            return null;
        }
        // Hours of the day, from the hour-of-week profile: shifts repeat daily, days off are off.
        ActivityBaseline b = s;
        int atHour = ActivityBaselines.hourOfDayCount(b, hour);
        double share =
                (atHour
                                + ActivityBaselines.hourOfDayCount(b, (hour + 23) % 24)
                                + ActivityBaselines.hourOfDayCount(b, (hour + 1) % 24))
                        / (double) Math.max(1, b.hourOfWeekTotal);
        if (share > config.offHoursMaxShare) {
            return null;
        }
        if (s.offHoursLastAlert != Long.MIN_VALUE
                && e.timestamp - s.offHoursLastAlert < OFF_HOURS_EPISODE) {
            return null;
        }
        s.offHoursLastAlert = e.timestamp;
        Finding a =
                alert(
                        "off_hours",
                        "Activity outside the agent's working hours",
                        Severity.MEDIUM,
                        50,
                        e,
                        e.timestamp);
        a.observed = atHour;
        a.threshold = config.offHoursMaxShare;
        a.basis = "agent";
        a.reason =
                String.format(
                        Locale.ROOT,
                        "Agent %s was active at %02d:00 local time (%s), an hour that holds %.1f%%"
                                + " of their activity over %d active days.",
                        e.agentId,
                        hour,
                        e.agentTimezone == null ? "UTC" : e.agentTimezone,
                        share * 100,
                        s.activeDays);
        return a;
    }

    Finding lowAndSlow(AgentBehaviourState s, AccessEvent e) {
        if (!e.targetsCardData() || e.ticketId != null) {
            return null;
        }
        int day = (int) Math.floorDiv(e.timestamp, DAY);
        if (s.unticketedCardDays == null) {
            s.unticketedCardDays = new int[LOW_AND_SLOW_SLOTS];
            s.unticketedCardCounts = new int[LOW_AND_SLOW_SLOTS];
        }
        int slot = Math.floorMod(day, LOW_AND_SLOW_SLOTS);
        if (s.unticketedCardDays[slot] != day) {
            s.unticketedCardDays[slot] = day;
            s.unticketedCardCounts[slot] = 0;
        }
        s.unticketedCardCounts[slot]++;
        int total = 0;
        int days = 0;
        for (int i = 0; i < LOW_AND_SLOW_SLOTS; i++) {
            int age = day - s.unticketedCardDays[i];
            if (s.unticketedCardCounts[i] > 0 && age >= 0 && age < config.lowAndSlowHorizonDays) {
                total += s.unticketedCardCounts[i];
                days++;
            }
        }
        if (total < config.lowAndSlowMinSearches || days < config.lowAndSlowMinDays) {
            return null;
        }
        if (s.lowAndSlowLastAlert != Long.MIN_VALUE
                && e.timestamp - s.lowAndSlowLastAlert < config.lowAndSlowHorizonDays * DAY) {
            return null;
        }
        s.lowAndSlowLastAlert = e.timestamp;
        Finding a =
                alert(
                        "low_and_slow",
                        "Persistent card-data searches outside ticket context",
                        Severity.MEDIUM,
                        60,
                        e,
                        e.timestamp - (config.lowAndSlowHorizonDays - 1) * DAY);
        a.start = e.timestamp; // the evidence spans the horizon; the episode starts with the alert
        a.findingId = "low_and_slow:" + e.agentId + ":" + e.timestamp;
        a.observed = total;
        a.threshold = config.lowAndSlowMinSearches;
        a.reason =
                String.format(
                        Locale.ROOT,
                        "Agent %s searched for payment-card data outside any ticket %d times on %d"
                            + " different days in the last %d days (alert at %d over at least %d"
                            + " days).",
                        e.agentId,
                        total,
                        days,
                        config.lowAndSlowHorizonDays,
                        config.lowAndSlowMinSearches,
                        config.lowAndSlowMinDays);
        return a;
    }

    Finding dataTheftSequence(AgentBehaviourState s, AccessEvent e) {
        if (e.outcome == Outcome.FAILURE) {
            return null;
        }
        long window = config.sequenceWindowMillis;
        switch (e.action) {
            case SEARCH:
                s.sequenceSearchAt = e.timestamp;
                s.sequenceSearchId = e.eventId;
                return null;
            case VIEW:
                if (s.sequenceSearchAt != Long.MIN_VALUE
                        && e.timestamp - s.sequenceSearchAt <= window) {
                    s.sequenceViewAt = e.timestamp;
                    s.sequenceViewId = e.eventId;
                }
                return null;
            case REVEAL:
                if (SensitivityClass.PCI.in(e.sensitivity)
                        && s.sequenceViewAt != Long.MIN_VALUE
                        && s.sequenceViewAt >= s.sequenceSearchAt) {
                    s.sequenceRevealAt = e.timestamp;
                    s.sequenceRevealId = e.eventId;
                }
                return null;
            case EXPORT:
                boolean chain =
                        s.sequenceRevealAt != Long.MIN_VALUE
                                && s.sequenceSearchAt <= s.sequenceViewAt
                                && s.sequenceViewAt <= s.sequenceRevealAt
                                && e.timestamp - s.sequenceSearchAt <= window;
                if (!chain
                        || (s.sequenceLastAlert != Long.MIN_VALUE
                                && e.timestamp - s.sequenceLastAlert < window)) {
                    return null;
                }
                s.sequenceLastAlert = e.timestamp;
                Finding a =
                        alert(
                                "data_theft_sequence",
                                "Search, view, card reveal and export in one sitting",
                                Severity.HIGH,
                                80,
                                e,
                                s.sequenceSearchAt);
                a.eventIds =
                        new String[] {
                            s.sequenceSearchId, s.sequenceViewId, s.sequenceRevealId, e.eventId
                        };
                a.observed = (e.timestamp - s.sequenceSearchAt) / 60_000;
                a.threshold = window / 60_000.0;
                a.reason =
                        String.format(
                                Locale.ROOT,
                                "Agent %s searched, viewed a customer, revealed payment-card data"
                                        + " and exported%s within %d minutes.",
                                e.agentId,
                                e.resultCount == null ? "" : " " + e.resultCount + " records",
                                Math.max(1, (e.timestamp - s.sequenceSearchAt) / 60_000));
                return a;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- memory

    private void remember(AgentBehaviourState s, AccessEvent e, int hourOfWeek) {
        if (s.firstSeen == Long.MIN_VALUE) {
            s.firstSeen = e.timestamp;
        }
        s.lastSeen = Math.max(s.lastSeen, e.timestamp);
        s.events++;
        long day = Math.floorDiv(e.timestamp, DAY);
        if (day != s.lastActiveDay) {
            s.activeDays++;
            s.lastActiveDay = day;
        }
        boolean succeeded = e.succeeded();
        if (succeeded && e.sourceCountry != null) {
            int c = countryIndex(s, e.sourceCountry);
            if (c >= 0) {
                s.countryLastSeen[c] = Math.max(s.countryLastSeen[c], e.timestamp);
            }
        }
        if (succeeded && e.sourceLat != null && e.sourceLon != null) {
            s.lastLat = e.sourceLat;
            s.lastLon = e.sourceLon;
            s.lastLocationTime = e.timestamp;
            s.lastLocationCountry = e.sourceCountry;
        }
        if (e.ticketId != null && e.customerId != null) {
            link(s, e.ticketId, e.customerId);
        }
        ActivityBaselines.observe(s, e, config.bulkWindowMillis, succeeded, hourOfWeek);
    }

    private static boolean isLinked(AgentBehaviourState s, String ticket, String customer) {
        return hasLink(s, Fnv64.of(ticket, customer));
    }

    private static boolean hasLink(AgentBehaviourState s, long link) {
        for (int i = 0; i < s.linkCount; i++) {
            if (s.links[i] == link) {
                return true;
            }
        }
        return false;
    }

    private static void link(AgentBehaviourState s, String ticket, String customer) {
        long link = Fnv64.of(ticket, customer);
        if (hasLink(s, link)) {
            return;
        }
        if (s.links == null) {
            s.links = new long[AgentBehaviourState.MAX_TICKETS];
        }
        s.links[s.linkNext] = link;
        s.linkNext = (s.linkNext + 1) % AgentBehaviourState.MAX_TICKETS;
        s.linkCount = Math.min(s.linkCount + 1, AgentBehaviourState.MAX_TICKETS);
    }

    private static boolean knowsCountry(AgentBehaviourState s, String country) {
        return countryIndex(s, country) >= 0;
    }

    private static int countryIndex(AgentBehaviourState s, String country) {
        for (int i = 0; i < s.countryCount; i++) {
            if (s.countries[i].equals(country)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds a country; when full, the one seen longest ago makes room. */
    private static void learnCountry(AgentBehaviourState s, String country, long t) {
        if (s.countries == null) {
            s.countries = new String[AgentBehaviourState.MAX_COUNTRIES];
            s.countryFirstSeen = new long[AgentBehaviourState.MAX_COUNTRIES];
            s.countryLastSeen = new long[AgentBehaviourState.MAX_COUNTRIES];
        }
        int i = s.countryCount;
        if (i == s.countries.length) {
            i = 0;
            for (int j = 1; j < s.countryCount; j++) {
                if (s.countryLastSeen[j] < s.countryLastSeen[i]) {
                    i = j;
                }
            }
        } else {
            s.countryCount++;
        }
        s.countries[i] = country;
        s.countryFirstSeen[i] = t;
        s.countryLastSeen[i] = t;
    }

    /** Adds a customer to the window's set; whether it was new. Saturates at the set's bound. */
    private static boolean addCustomer(AgentBehaviourState s, String customer) {
        if (s.bulkHashes == null) {
            s.bulkHashes = new int[64];
        }
        if (s.bulkDistinct * 2 >= s.bulkHashes.length) {
            if (s.bulkHashes.length >= AgentBehaviourState.MAX_WINDOW_CUSTOMERS) {
                return false;
            }
            int[] old = s.bulkHashes;
            s.bulkHashes = new int[old.length * 2];
            for (int h : old) {
                if (h != 0) {
                    insert(s.bulkHashes, h);
                }
            }
        }
        int h = customer.hashCode();
        return insert(s.bulkHashes, h == 0 ? 1 : h);
    }

    private static boolean insert(int[] table, int h) {
        int mask = table.length - 1;
        int i = (h ^ (h >>> 16)) & mask;
        while (table[i] != 0) {
            if (table[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = h;
        return true;
    }

    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dLat / 2) * Math.sin(dLat / 2)
                        + Math.cos(Math.toRadians(lat1))
                                * Math.cos(Math.toRadians(lat2))
                                * Math.sin(dLon / 2)
                                * Math.sin(dLon / 2);
        return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private Finding alert(
            String ruleId, String name, Severity severity, double risk, AccessEvent e, long start) {
        Finding a = new Finding();
        a.ruleId = ruleId;
        a.ruleName = name;
        a.ruleVersion = config.version(ruleId);
        a.severity = severity;
        a.riskScore = risk;
        a.agentId = e.agentId;
        a.agentName = e.agentName;
        a.agentRole = e.agentRole;
        a.agentTeam = e.agentTeam;
        a.peerGroup = e.agentRole;
        a.start = Math.min(start, e.timestamp);
        a.end = e.timestamp;
        a.findingId = ruleId + ":" + e.agentId + ":" + a.start;
        a.basis = "agent";
        a.windowMinutes = 0;
        a.eventIds = new String[] {e.eventId};
        return a;
    }

    /** Adds the alert unless its rule is disabled (a disabled detector still keeps its memory). */
    private List<Finding> add(List<Finding> list, Finding a) {
        if (a == null || !config.enabled(a.ruleId)) {
            return list;
        }
        List<Finding> out = list == null ? new ArrayList<>(2) : list;
        out.add(a);
        return out;
    }
}

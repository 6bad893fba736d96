package io.agentwatch.models.state;

import io.agentwatch.models.detect.BucketCount;
import io.agentwatch.models.detect.CardSearchBurstState;
import io.agentwatch.models.detect.RobustRate;
import io.agentwatch.models.detect.behaviour.ActivityBaseline;
import io.agentwatch.models.detect.behaviour.AgentBehaviourState;
import io.agentwatch.models.event.Fnv64;
import io.agentwatch.models.event.RecentEventIds;
import io.agentwatch.models.features.AgentFeatureState;
import io.agentwatch.models.review.OpenAccessUsage;

/**
 * The compact layout of the detectors' per-agent state, field by field: what {@link StateWriter}
 * writes of each part and reads back equal. A field added to one of these classes must be added
 * here (the round-trip test compares every field, so it fails until it is).
 */
public final class DetectorStateCodec {
    private static final int NULL = 0;
    private static final int EMPTY = 1;
    private static final int VALUES = 2;

    /**
     * The hour-of-week profile's order in the layout, hour of the week by hour of the week (as the
     * profile was kept before it was kept hour of the day by hour of the day): where each count is.
     */
    private static final int[] HOURS_OF_THE_WEEK = new int[168];

    static {
        for (int h = 0; h < HOURS_OF_THE_WEEK.length; h++) {
            HOURS_OF_THE_WEEK[h] = ActivityBaseline.index(h);
        }
    }

    private DetectorStateCodec() {}

    /** The time the parts' times are best written relative to: the agent's latest event. */
    public static long timeBase(AgentBehaviourState behaviour) {
        return behaviour == null || behaviour.lastSeen == Long.MIN_VALUE ? 0 : behaviour.lastSeen;
    }

    /**
     * An agent's whole state in the job's detectors operator, part after part: what every
     * checkpoint writes for every agent. The open period's access usage comes last and only when
     * there is one, so a record written before the usage joined the state reads as an agent with
     * none.
     */
    public static void writeAgent(
            StateWriter w,
            RecentEventIds recentIds,
            CardSearchBurstState card,
            long cardTimer,
            AgentBehaviourState behaviour,
            AgentFeatureState features,
            OpenAccessUsage usage) {
        write(w, recentIds);
        write(w, card);
        w.time(cardTimer);
        write(w, behaviour);
        write(w, features);
        if (usage != null) {
            AccessUsageCodec.write(w, usage);
        }
    }

    public static void write(StateWriter w, RecentEventIds s) {
        w.bool(s != null);
        if (s != null) {
            w.hashes(s.hashes);
            w.varInt(s.next);
            w.signedInt(s.count);
        }
    }

    public static RecentEventIds readRecentEventIds(StateReader r) {
        if (!r.bool()) {
            return null;
        }
        RecentEventIds s = new RecentEventIds();
        s.hashes = r.longHashes();
        s.next = r.varInt();
        s.count = r.signedInt();
        return s;
    }

    public static void write(StateWriter w, CardSearchBurstState s) {
        w.bool(s != null);
        if (s != null) {
            write(w, s.rate);
            write(w, s.bucket);
            w.times(s.windowTimes);
            w.strings(s.windowEventIds);
            w.varInt(s.windowSize);
            w.bool(s.inEpisode);
        }
    }

    public static CardSearchBurstState readCardSearchBurstState(StateReader r) {
        if (!r.bool()) {
            return null;
        }
        CardSearchBurstState s = new CardSearchBurstState();
        s.rate = readRobustRate(r);
        s.bucket = readBucketCount(r);
        s.windowTimes = r.times();
        s.windowEventIds = r.strings();
        s.windowSize = r.varInt();
        s.inEpisode = r.bool();
        return s;
    }

    public static void write(StateWriter w, AgentBehaviourState s) {
        w.bool(s != null);
        if (s == null) {
            return;
        }
        w.time(s.firstSeen);
        w.time(s.lastSeen);
        w.varLong(s.events);
        w.signedInt(s.activeDays);
        w.relative(s.lastActiveDay, 0);
        write(w, (ActivityBaseline) s);
        w.strings(s.countries);
        w.times(s.countryFirstSeen);
        w.times(s.countryLastSeen);
        w.varInt(s.countryCount);
        w.rawDouble(s.lastLat);
        w.rawDouble(s.lastLon);
        w.time(s.lastLocationTime);
        w.string(s.lastLocationCountry);
        w.time(s.travelLastAlert);
        w.times(s.failures);
        w.varInt(s.failureCount);
        w.hashes(s.links);
        w.varInt(s.linkCount);
        w.varInt(s.linkNext);
        w.time(s.pciEpisodeStart);
        w.time(s.pciEpisodeLast);
        w.signedInt(s.pciEpisodeCount);
        w.time(s.bulkWindowStart);
        w.hashSet(s.bulkHashes);
        w.varInt(s.bulkDistinct);
        w.signedInt(s.bulkAccesses);
        w.time(s.bulkLastAlert);
        write(w, s.bulkRate);
        w.time(s.offHoursLastAlert);
        w.counts(s.unticketedCardDays);
        w.counts(s.unticketedCardCounts);
        w.time(s.lowAndSlowLastAlert);
        w.time(s.sequenceSearchAt);
        w.string(s.sequenceSearchId);
        w.time(s.sequenceViewAt);
        w.string(s.sequenceViewId);
        w.time(s.sequenceRevealAt);
        w.string(s.sequenceRevealId);
        w.time(s.sequenceLastAlert);
    }

    public static AgentBehaviourState readAgentBehaviourState(StateReader r) {
        if (!r.bool()) {
            return null;
        }
        AgentBehaviourState s = new AgentBehaviourState();
        s.firstSeen = r.time();
        s.lastSeen = r.time();
        s.events = r.varLong();
        s.activeDays = r.signedInt();
        s.lastActiveDay = r.relative(0);
        readActivityBaseline(r, s);
        s.countries = r.strings();
        s.countryFirstSeen = r.times();
        s.countryLastSeen = r.times();
        s.countryCount = r.varInt();
        s.lastLat = r.rawDouble();
        s.lastLon = r.rawDouble();
        s.lastLocationTime = r.time();
        s.lastLocationCountry = r.string();
        s.travelLastAlert = r.time();
        s.failures = r.times();
        s.failureCount = r.varInt();
        s.links = r.longHashes();
        s.linkCount = r.varInt();
        s.linkNext = r.varInt();
        s.pciEpisodeStart = r.time();
        s.pciEpisodeLast = r.time();
        s.pciEpisodeCount = r.signedInt();
        s.bulkWindowStart = r.time();
        s.bulkHashes = r.hashSet();
        s.bulkDistinct = r.varInt();
        s.bulkAccesses = r.signedInt();
        s.bulkLastAlert = r.time();
        s.bulkRate = readRobustRate(r);
        s.offHoursLastAlert = r.time();
        s.unticketedCardDays = r.counts();
        s.unticketedCardCounts = r.counts();
        s.lowAndSlowLastAlert = r.time();
        s.sequenceSearchAt = r.time();
        s.sequenceSearchId = r.string();
        s.sequenceViewAt = r.time();
        s.sequenceViewId = r.string();
        s.sequenceRevealAt = r.time();
        s.sequenceRevealId = r.string();
        s.sequenceLastAlert = r.time();
        return s;
    }

    /**
     * The activity baseline's fields. Before the behaviour state extended the baseline it held one,
     * written after a flag saying it was there (it always was): the flag stays, so savepoints
     * restore across the change.
     */
    static void write(StateWriter w, ActivityBaseline b) {
        w.bool(true);
        w.counts(b.hourOfWeek, HOURS_OF_THE_WEEK);
        w.signedInt(b.hourOfWeekTotal);
        w.time(b.hourOfWeekSince);
        w.rawFloat(b.usualHourEvents);
        w.signedInt(b.usualSlot);
        w.time(b.usualAt);
        w.time(b.windowStart);
        w.counts(b.windowCounts);
        if (b.rates == null) {
            w.varInt(0);
        } else {
            // Written as the array of rate objects they were: savepoints restore across the change.
            int rates = b.rates.length / RobustRate.STRIDE;
            w.varInt(rates + 1);
            for (int at = 0; at < rates * RobustRate.STRIDE; at += RobustRate.STRIDE) {
                writeRate(w, b.rates[at], b.rates[at + 1], (long) b.rates[at + 2]);
            }
        }
        // The layout of the six arrays the addresses and user agents were kept in before they
        // shared one: savepoints restore across the change. An array was there from the first
        // value of its kind (the addresses' with the strings), so a part with none is null.
        w.strings(b.ips);
        long[] addresses = b.ips == null ? null : b.sources;
        w.times(addresses, ActivityBaseline.IP_FIRST_SEEN, ActivityBaseline.MAX_IPS);
        w.times(addresses, ActivityBaseline.IP_LAST_SEEN, ActivityBaseline.MAX_IPS);
        w.varInt(b.ipCount);
        long[] userAgents = b.userAgentCount == 0 ? null : b.sources;
        w.intHashes(userAgents, ActivityBaseline.USER_AGENTS, ActivityBaseline.MAX_USER_AGENTS);
        w.times(
                userAgents,
                ActivityBaseline.USER_AGENT_FIRST_SEEN,
                ActivityBaseline.MAX_USER_AGENTS);
        w.times(
                userAgents,
                ActivityBaseline.USER_AGENT_LAST_SEEN,
                ActivityBaseline.MAX_USER_AGENTS);
        w.varInt(b.userAgentCount);
    }

    /** Reads the activity baseline's fields into {@code b}; a record without them leaves it new. */
    static void readActivityBaseline(StateReader r, ActivityBaseline b) {
        if (!r.bool()) {
            return;
        }
        b.hourOfWeek = r.shortCounts(HOURS_OF_THE_WEEK, "hour_of_week");
        b.hourOfWeekTotal = r.signedInt();
        b.hourOfWeekSince = r.time();
        b.usualHourEvents = r.rawFloat();
        b.usualSlot = r.signedInt();
        b.usualAt = r.time();
        b.windowStart = r.time();
        b.windowCounts = r.counts();
        int rates = r.varInt() - 1;
        if (rates >= 0) {
            b.rates = new double[rates * RobustRate.STRIDE];
            for (int i = 0; i < rates; i++) {
                // Never null in an agent's array of rates; read so, it stays empty.
                RobustRate rate = readRobustRate(r);
                if (rate != null) {
                    b.rates[i * RobustRate.STRIDE] = rate.mean;
                    b.rates[i * RobustRate.STRIDE + 1] = rate.deviation;
                    b.rates[i * RobustRate.STRIDE + 2] = rate.samples;
                }
            }
        }
        readSources(r, b);
    }

    private static void readSources(StateReader r, ActivityBaseline b) {
        long[] a = new long[ActivityBaseline.SOURCES];
        b.ips = r.strings();
        if (b.ips != null && b.ips.length > ActivityBaseline.MAX_IPS) {
            throw new IllegalStateException(
                    "a state record's ips holds "
                            + b.ips.length
                            + " addresses, more than the "
                            + ActivityBaseline.MAX_IPS
                            + " it can have");
        }
        boolean any = b.ips != null;
        if (b.ips != null) {
            for (int i = 0; i < b.ips.length; i++) {
                if (b.ips[i] != null) {
                    a[ActivityBaseline.IP_HASHES + i] = Fnv64.of(b.ips[i]);
                }
            }
        }
        any |=
                r.times(
                        a,
                        ActivityBaseline.IP_FIRST_SEEN,
                        ActivityBaseline.MAX_IPS,
                        "ip_first_seen");
        any |= r.times(a, ActivityBaseline.IP_LAST_SEEN, ActivityBaseline.MAX_IPS, "ip_last_seen");
        b.ipCount = r.varInt();
        any |=
                r.intHashes(
                        a,
                        ActivityBaseline.USER_AGENTS,
                        ActivityBaseline.MAX_USER_AGENTS,
                        "user_agents");
        any |=
                r.times(
                        a,
                        ActivityBaseline.USER_AGENT_FIRST_SEEN,
                        ActivityBaseline.MAX_USER_AGENTS,
                        "user_agent_first_seen");
        any |=
                r.times(
                        a,
                        ActivityBaseline.USER_AGENT_LAST_SEEN,
                        ActivityBaseline.MAX_USER_AGENTS,
                        "user_agent_last_seen");
        b.userAgentCount = r.varInt();
        b.sources = any ? a : null;
    }

    public static void write(StateWriter w, AgentFeatureState s) {
        w.bool(s != null);
        if (s == null) {
            return;
        }
        // The tallies as the four arrays they were before they shared one: savepoints restore
        // across the change. The hour-of-day profile came with the counts, at the first event;
        // the countries' and addresses' arrays with the first of each.
        int[] t = s.tallies;
        w.time(s.windowStart);
        w.counts(t, 0, AgentFeatureState.COUNTED);
        w.bitmap(s.customerBits);
        w.signedInt(s.customerAccesses);
        w.signedInt(s.unticketed);
        w.signedInt(s.offProfile);
        w.bool(s.newCountry);
        w.bool(s.newIp);
        w.strings(s.eventIds);
        w.bools(s.notable);
        w.varInt(s.eventIdCount);
        w.string(s.agentRole);
        w.string(s.agentTeam);
        w.counts(t, AgentFeatureState.HOUR_OF_DAY, 24);
        w.signedInt(s.hourTotal);
        w.signedInt(s.activeDays);
        w.relative(s.lastActiveDay, 0);
        w.hashes(
                s.countryCount == 0 ? null : t,
                AgentFeatureState.COUNTRIES,
                AgentFeatureState.MAX_COUNTRIES);
        w.signedInt(s.countryCount);
        w.hashes(s.ipCount == 0 ? null : t, AgentFeatureState.IPS, AgentFeatureState.MAX_IPS);
        w.signedInt(s.ipCount);
        w.floats(s.usual);
        w.signedInt(s.windows);
    }

    public static AgentFeatureState readAgentFeatureState(StateReader r) {
        if (!r.bool()) {
            return null;
        }
        AgentFeatureState s = new AgentFeatureState();
        int[] t = new int[AgentFeatureState.TALLIES];
        s.windowStart = r.time();
        boolean counted = r.counts(t, 0, AgentFeatureState.COUNTED, "feature_counts");
        s.customerBits = r.bitmap();
        s.customerAccesses = r.signedInt();
        s.unticketed = r.signedInt();
        s.offProfile = r.signedInt();
        s.newCountry = r.bool();
        s.newIp = r.bool();
        s.eventIds = r.strings();
        s.notable = r.bools();
        s.eventIdCount = r.varInt();
        s.agentRole = r.string();
        s.agentTeam = r.string();
        counted |= r.counts(t, AgentFeatureState.HOUR_OF_DAY, 24, "hour_of_day");
        s.hourTotal = r.signedInt();
        s.activeDays = r.signedInt();
        s.lastActiveDay = r.relative(0);
        counted |=
                r.intHashes(
                        t,
                        AgentFeatureState.COUNTRIES,
                        AgentFeatureState.MAX_COUNTRIES,
                        "feature_countries");
        s.countryCount = r.signedInt();
        counted |= r.intHashes(t, AgentFeatureState.IPS, AgentFeatureState.MAX_IPS, "feature_ips");
        s.ipCount = r.signedInt();
        s.tallies = counted ? t : null;
        s.usual = r.floats();
        s.windows = r.signedInt();
        return s;
    }

    /** A rate as 1 byte while it has seen nothing (most per-action rates of most agents). */
    static void write(StateWriter w, RobustRate rate) {
        if (rate == null) {
            w.varInt(NULL);
        } else {
            writeRate(w, rate.mean, rate.deviation, rate.samples);
        }
    }

    private static void writeRate(StateWriter w, double mean, double deviation, long samples) {
        if (samples == 0
                && Double.doubleToRawLongBits(mean) == 0
                && Double.doubleToRawLongBits(deviation) == 0) {
            w.varInt(EMPTY);
        } else {
            w.varInt(VALUES);
            w.rawDouble(mean);
            w.rawDouble(deviation);
            w.varLong(samples);
        }
    }

    static RobustRate readRobustRate(StateReader r) {
        int kind = r.varInt();
        if (kind == NULL) {
            return null;
        }
        if (kind == EMPTY) {
            return new RobustRate();
        }
        double mean = r.rawDouble();
        return new RobustRate(mean, r.rawDouble(), r.varLong());
    }

    static void write(StateWriter w, BucketCount b) {
        w.bool(b != null);
        if (b != null) {
            w.time(b.start);
            w.signedInt(b.count);
        }
    }

    static BucketCount readBucketCount(StateReader r) {
        if (!r.bool()) {
            return null;
        }
        BucketCount b = new BucketCount();
        b.start = r.time();
        b.count = r.signedInt();
        return b;
    }
}

package io.agentwatch.models.config;

import static io.agentwatch.models.config.ConfigOption.doubleOption;
import static io.agentwatch.models.config.ConfigOption.durationOption;
import static io.agentwatch.models.config.ConfigOption.intOption;

import java.time.Duration;
import java.util.List;

/** Every configuration option of agentwatch, in one place. README's table is generated from it. */
public final class AgentwatchOptions {
    private AgentwatchOptions() {}

    // card_search_burst: a burst of card-data searches by one agent.
    public static final ConfigOption<Duration> CARD_SEARCH_WINDOW =
            durationOption(
                    "card_search_burst.window",
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(1),
                    Duration.ofHours(24),
                    "Sliding window over which an agent's card-data searches are counted; also the"
                            + " bucket length of the baselines.");
    public static final ConfigOption<Integer> CARD_SEARCH_MIN_COUNT =
            intOption(
                    "card_search_burst.min_count",
                    5,
                    2,
                    10_000,
                    "Never alert on fewer card-data searches than this in one window, whatever the"
                            + " baselines say.");
    public static final ConfigOption<Integer> CARD_SEARCH_COLD_START_MIN_COUNT =
            intOption(
                    "card_search_burst.cold_start_min_count",
                    8,
                    2,
                    10_000,
                    "Minimum count used while neither the agent nor its peer group has enough"
                            + " history.");
    public static final ConfigOption<Double> CARD_SEARCH_AGENT_K =
            doubleOption(
                    "card_search_burst.agent_k",
                    4.0,
                    0.5,
                    100,
                    "How many deviations above the agent's own baseline a window must be.");
    public static final ConfigOption<Double> CARD_SEARCH_PEER_K =
            doubleOption(
                    "card_search_burst.peer_k",
                    4.0,
                    0.5,
                    100,
                    "How many deviations above the peer-group (role) baseline a window must be.");
    public static final ConfigOption<Double> CARD_SEARCH_MIN_DEVIATION =
            doubleOption(
                    "card_search_burst.min_deviation",
                    0.5,
                    0.01,
                    1000,
                    "Floor under the baselines' deviation, so a quiet agent is not alerted on one"
                            + " or two searches.");
    public static final ConfigOption<Integer> CARD_SEARCH_MIN_AGENT_BUCKETS =
            intOption(
                    "card_search_burst.min_agent_buckets",
                    32,
                    1,
                    1_000_000,
                    "Active windows of history before an agent's own baseline is trusted; until"
                            + " then the agent is judged against its peers.");
    public static final ConfigOption<Integer> CARD_SEARCH_MIN_PEER_SAMPLES =
            intOption(
                    "card_search_burst.min_peer_samples",
                    50,
                    1,
                    1_000_000,
                    "Agent-windows a peer group needs before its baseline is used.");
    public static final ConfigOption<Double> CARD_SEARCH_ALPHA =
            doubleOption(
                    "card_search_burst.alpha",
                    0.02,
                    0.0001,
                    1,
                    "Weight of each new window in the baselines (0.02: roughly the last 50 active"
                            + " windows count).");
    public static final ConfigOption<Double> CARD_SEARCH_CLIP =
            doubleOption(
                    "card_search_burst.clip",
                    3.0,
                    0.5,
                    100,
                    "Windows above mean + clip x deviation enter the baseline clipped, so bursts do"
                            + " not teach it that bursts are normal.");
    public static final ConfigOption<Integer> CARD_SEARCH_MAX_WINDOW_EVENTS =
            intOption(
                    "card_search_burst.max_window_events",
                    512,
                    16,
                    100_000,
                    "Most card-data searches remembered per agent window (bounds state per"
                            + " agent).");
    public static final ConfigOption<Integer> CARD_SEARCH_MAX_EVIDENCE =
            intOption(
                    "card_search_burst.max_evidence_ids",
                    50,
                    1,
                    10_000,
                    "Most contributing event ids listed in one alert.");
    public static final ConfigOption<Integer> PEER_EMIT_EVERY =
            intOption(
                    "peer_baseline.emit_every",
                    10,
                    1,
                    1_000_000,
                    "A peer group's baseline is re-broadcast to the detectors every this many new"
                            + " samples.");
    public static final ConfigOption<Duration> AGENT_STATE_TTL =
            durationOption(
                    "state.agent_ttl",
                    Duration.ofDays(35),
                    Duration.ofHours(1),
                    Duration.ofDays(3650),
                    "Bounds state for departed agents: an agent's detector state and peer samples"
                            + " are dropped this long (event time) after the day of its last"
                            + " event, its risk when not touched for this long.");

    // Behaviour detectors (one keyed state per agent; see docs/detection.md).
    public static final ConfigOption<Duration> PCI_REVEAL_EPISODE =
            durationOption(
                    "pci_reveal_without_ticket.episode",
                    Duration.ofHours(1),
                    Duration.ofMinutes(1),
                    Duration.ofDays(1),
                    "PCI reveals without ticket context within this time of the first are one"
                            + " alert.");
    public static final ConfigOption<Integer> CREDENTIAL_STUFFING_MIN_FAILURES =
            intOption(
                    "credential_stuffing.min_failures",
                    10,
                    2,
                    10_000,
                    "Failed logins within the window that, followed by a success, make an alert.");
    public static final ConfigOption<Duration> CREDENTIAL_STUFFING_WINDOW =
            durationOption(
                    "credential_stuffing.window",
                    Duration.ofMinutes(10),
                    Duration.ofSeconds(10),
                    Duration.ofDays(1),
                    "How far back failed logins count before a successful login.");
    public static final ConfigOption<Double> IMPOSSIBLE_TRAVEL_MAX_KMH =
            doubleOption(
                    "impossible_travel.max_kmh",
                    900.0,
                    50,
                    100_000,
                    "Speed between two consecutive locations above which travel is impossible.");
    public static final ConfigOption<Double> IMPOSSIBLE_TRAVEL_MIN_KM =
            doubleOption(
                    "impossible_travel.min_km",
                    500.0,
                    1,
                    20_000,
                    "Ignore jumps shorter than this (IP geolocation is coarse).");
    public static final ConfigOption<Integer> NEW_COUNTRY_MIN_HISTORY_EVENTS =
            intOption(
                    "new_country.min_history_events",
                    50,
                    1,
                    1_000_000,
                    "Events of history an agent needs before a country can be new to them.");
    public static final ConfigOption<Duration> BULK_ACCESS_WINDOW =
            durationOption(
                    "bulk_access.window",
                    Duration.ofHours(1),
                    Duration.ofMinutes(1),
                    Duration.ofDays(1),
                    "Window in which distinct customers viewed or exported are counted.");
    public static final ConfigOption<Integer> BULK_ACCESS_MIN_CUSTOMERS =
            intOption(
                    "bulk_access.min_customers",
                    60,
                    2,
                    1_000_000,
                    "Never alert on fewer distinct customers than this in one window.");
    public static final ConfigOption<Double> BULK_ACCESS_K =
            doubleOption(
                    "bulk_access.k",
                    6.0,
                    0.5,
                    100,
                    "How many deviations above the agent's own distinct-customer baseline a window"
                            + " must be.");
    public static final ConfigOption<Integer> BULK_ACCESS_EXPORT_ROWS =
            intOption(
                    "bulk_access.export_rows",
                    1000,
                    1,
                    100_000_000,
                    "An export returning at least this many records alerts on its own.");
    public static final ConfigOption<Integer> OFF_HOURS_MIN_ACTIVE_DAYS =
            intOption(
                    "off_hours.min_active_days",
                    2,
                    1,
                    365,
                    "Active days an agent needs before their own hour-of-day profile is trusted.");
    public static final ConfigOption<Double> OFF_HOURS_MAX_SHARE =
            doubleOption(
                    "off_hours.max_share",
                    0.005,
                    0,
                    0.5,
                    "An hour (and its neighbours) holding at most this share of the agent's"
                            + " activity is off hours.");
    public static final ConfigOption<Duration> DORMANT_IDLE =
            durationOption(
                    "dormant_account.idle",
                    Duration.ofDays(14),
                    Duration.ofHours(1),
                    Duration.ofDays(3650),
                    "Activity after at least this long without any marks an account waking up.");

    public static final ConfigOption<Integer> LOW_AND_SLOW_HORIZON_DAYS =
            intOption(
                    "low_and_slow.horizon_days",
                    14,
                    2,
                    28,
                    "Days over which card-data searches outside any ticket are added up.");
    public static final ConfigOption<Integer> LOW_AND_SLOW_MIN_SEARCHES =
            intOption(
                    "low_and_slow.min_searches",
                    10,
                    2,
                    100_000,
                    "Card-data searches outside any ticket within the horizon that make an alert.");
    public static final ConfigOption<Integer> LOW_AND_SLOW_MIN_DAYS =
            intOption(
                    "low_and_slow.min_days",
                    4,
                    2,
                    28,
                    "Distinct days they must be spread over (a one-day burst is"
                            + " card_search_burst's).");

    public static final ConfigOption<Duration> DATA_THEFT_SEQUENCE_WINDOW =
            durationOption(
                    "data_theft_sequence.window",
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(1),
                    Duration.ofDays(1),
                    "Search, view, PCI reveal and export by one agent within this time make an"
                            + " alert.");

    public static final ConfigOption<Double> MODEL_MIN_PERCENTILE =
            doubleOption(
                    "model_anomaly.min_percentile",
                    99.9,
                    50,
                    100,
                    "An agent-hour whose model score is at least this percentile of the training"
                            + " hours becomes a finding.");
    public static final ConfigOption<Double> MODEL_RISK_SCORE =
            doubleOption(
                    "model_anomaly.risk_score",
                    12.5,
                    0,
                    100,
                    "Risk a model finding adds at min_percentile, rising linearly to twice this at"
                            + " percentile 100 (12.5: alone, only an hour odder than every training"
                            + " hour reaches alert.threshold).");

    // Access review: what each role and team really uses (docs/access-review.md).
    public static final ConfigOption<Double> ACCESS_REVIEW_MASK_MAX_AGENT_SHARE =
            doubleOption(
                    "access_review.mask_max_agent_share",
                    0.05,
                    0,
                    1,
                    "A field used by at most this share of a group's active agents is rarely"
                            + " needed: recommend masking it for the group.");
    public static final ConfigOption<Double> ACCESS_REVIEW_KEEP_MIN_AGENT_SHARE =
            doubleOption(
                    "access_review.keep_min_agent_share",
                    0.25,
                    0,
                    1,
                    "A field used by at least this share of a group's active agents, mostly with a"
                            + " ticket, is routinely needed: recommend keeping it.");
    public static final ConfigOption<Double> ACCESS_REVIEW_KEEP_MIN_TICKET_SHARE =
            doubleOption(
                    "access_review.keep_min_ticket_share",
                    0.8,
                    0,
                    1,
                    "Share of a field's uses with a ticket in context needed to keep it; an agent"
                            + " below it is listed as evidence.");
    public static final ConfigOption<Integer> ACCESS_REVIEW_MIN_AGENTS =
            intOption(
                    "access_review.min_agents",
                    3,
                    1,
                    1_000_000,
                    "Groups with fewer active agents are too small to judge: every field is"
                            + " recommended for review.");
    public static final ConfigOption<Duration> ACCESS_REVIEW_PERIOD =
            durationOption(
                    "access_review.period",
                    Duration.ofDays(7),
                    Duration.ofHours(1),
                    Duration.ofDays(366),
                    "The running job writes an access review per group for each period of this"
                            + " length (event time).");

    public static final ConfigOption<Duration> RISK_HALF_LIFE =
            durationOption(
                    "risk.half_life",
                    Duration.ofHours(24),
                    Duration.ofMinutes(1),
                    Duration.ofDays(365),
                    "An agent's risk halves over this time after their last finding.");

    public static final ConfigOption<Duration> RISK_MIN_INTERVAL =
            durationOption(
                    "risk.min_interval",
                    Duration.ofMinutes(1),
                    Duration.ZERO,
                    Duration.ofDays(1),
                    "At most one agent-risk document per agent in this time (event time), unless"
                            + " the risk level changes; the latest risk is written when it ends.");

    public static final ConfigOption<Integer> PEER_MIN_ACTIVE_DAYS =
            intOption(
                    "peer.min_active_days",
                    5,
                    1,
                    365,
                    "An agent with fewer active days is judged against their peers (bulk_access by"
                            + " role, new_country by team); only agents with at least this many"
                            + " shape the peer baselines.");

    public static final ConfigOption<Integer> PEER_MIN_SAMPLES =
            intOption(
                    "peer.min_samples",
                    30,
                    1,
                    1000000,
                    "Samples (agent-windows for a role, agent-days for a team) a peer baseline"
                            + " needs before new agents are judged against it.");

    public static final ConfigOption<Double> ALERT_THRESHOLD =
            doubleOption(
                    "alert.threshold",
                    25.0,
                    1.0,
                    100.0,
                    "An alert opens when an agent's risk reaches this; it stays one alert (updated"
                            + " in place) until the risk decays below it again.");

    public static final ConfigOption<Integer> ALERT_MAX_EVENT_IDS =
            intOption(
                    "alert.max_event_ids",
                    50,
                    1,
                    1000,
                    "Contributing event ids an alert lists at most (each finding keeps up to 10).");

    /** Every detector (rule) id; each has a rule file in rules/ and the two options below. */
    public static final List<String> RULES =
            List.of(
                    "card_search_burst",
                    "pci_reveal_without_ticket",
                    "bulk_access",
                    "credential_stuffing",
                    "impossible_travel",
                    "new_country",
                    "off_hours",
                    "dormant_account",
                    "low_and_slow",
                    "data_theft_sequence",
                    "model_anomaly");

    private static final java.util.Map<String, ConfigOption<Boolean>> ENABLED =
            new java.util.LinkedHashMap<>();
    private static final java.util.Map<String, ConfigOption<Integer>> VERSION =
            new java.util.LinkedHashMap<>();

    static {
        for (String rule : RULES) {
            ENABLED.put(
                    rule,
                    ConfigOption.booleanOption(
                            rule + ".enabled",
                            true,
                            "Whether " + rule + " raises alerts (it keeps learning either way)."));
            VERSION.put(
                    rule,
                    intOption(
                            rule + ".version",
                            1,
                            1,
                            1_000_000,
                            "Version of the "
                                    + rule
                                    + " rule, recorded in every alert it raises (set by its rule"
                                    + " file)."));
        }
    }

    public static ConfigOption<Boolean> enabled(String rule) {
        ConfigOption<Boolean> o = ENABLED.get(rule);
        if (o == null) {
            throw new IllegalArgumentException("unknown rule " + rule);
        }
        return o;
    }

    public static ConfigOption<Integer> version(String rule) {
        ConfigOption<Integer> o = VERSION.get(rule);
        if (o == null) {
            throw new IllegalArgumentException("unknown rule " + rule);
        }
        return o;
    }

    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> all = new java.util.ArrayList<>(thresholds());
        for (String rule : RULES) {
            all.add(ENABLED.get(rule));
            all.add(VERSION.get(rule));
        }
        return all;
    }

    private static List<ConfigOption<?>> thresholds() {
        return List.of(
                CARD_SEARCH_WINDOW,
                CARD_SEARCH_MIN_COUNT,
                CARD_SEARCH_COLD_START_MIN_COUNT,
                CARD_SEARCH_AGENT_K,
                CARD_SEARCH_PEER_K,
                CARD_SEARCH_MIN_DEVIATION,
                CARD_SEARCH_MIN_AGENT_BUCKETS,
                CARD_SEARCH_MIN_PEER_SAMPLES,
                CARD_SEARCH_ALPHA,
                CARD_SEARCH_CLIP,
                CARD_SEARCH_MAX_WINDOW_EVENTS,
                CARD_SEARCH_MAX_EVIDENCE,
                PEER_EMIT_EVERY,
                AGENT_STATE_TTL,
                PCI_REVEAL_EPISODE,
                CREDENTIAL_STUFFING_MIN_FAILURES,
                CREDENTIAL_STUFFING_WINDOW,
                IMPOSSIBLE_TRAVEL_MAX_KMH,
                IMPOSSIBLE_TRAVEL_MIN_KM,
                NEW_COUNTRY_MIN_HISTORY_EVENTS,
                BULK_ACCESS_WINDOW,
                BULK_ACCESS_MIN_CUSTOMERS,
                BULK_ACCESS_K,
                BULK_ACCESS_EXPORT_ROWS,
                OFF_HOURS_MIN_ACTIVE_DAYS,
                OFF_HOURS_MAX_SHARE,
                DORMANT_IDLE,
                LOW_AND_SLOW_HORIZON_DAYS,
                LOW_AND_SLOW_MIN_SEARCHES,
                LOW_AND_SLOW_MIN_DAYS,
                DATA_THEFT_SEQUENCE_WINDOW,
                MODEL_MIN_PERCENTILE,
                MODEL_RISK_SCORE,
                ACCESS_REVIEW_MASK_MAX_AGENT_SHARE,
                ACCESS_REVIEW_KEEP_MIN_AGENT_SHARE,
                ACCESS_REVIEW_KEEP_MIN_TICKET_SHARE,
                ACCESS_REVIEW_MIN_AGENTS,
                ACCESS_REVIEW_PERIOD,
                RISK_HALF_LIFE,
                RISK_MIN_INTERVAL,
                PEER_MIN_ACTIVE_DAYS,
                PEER_MIN_SAMPLES,
                ALERT_THRESHOLD,
                ALERT_MAX_EVENT_IDS);
    }
}

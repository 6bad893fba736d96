package io.agentwatch.models.detect.behaviour;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import java.io.Serializable;

/** Thresholds of the behaviour detectors; see {@link AgentwatchOptions} for their meanings. */
public final class BehaviourConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public final long pciEpisodeMillis;
    public final int stuffingMinFailures;
    public final long stuffingWindowMillis;
    public final double travelMaxKmh;
    public final double travelMinKm;
    public final int newCountryMinHistory;
    public final long bulkWindowMillis;
    public final int bulkMinCustomers;
    public final double bulkK;
    public final int bulkExportRows;
    public final int offHoursMinActiveDays;
    public final double offHoursMaxShare;
    public final long dormantIdleMillis;
    public final int lowAndSlowHorizonDays;
    public final int lowAndSlowMinSearches;
    public final int lowAndSlowMinDays;
    public final long sequenceWindowMillis;
    public final int peerMinActiveDays;
    public final int peerMinSamples;
    private final java.util.HashMap<String, Boolean> enabled = new java.util.HashMap<>();
    private final java.util.HashMap<String, Integer> versions = new java.util.HashMap<>();

    public BehaviourConfig(Settings s) {
        pciEpisodeMillis = s.get(AgentwatchOptions.PCI_REVEAL_EPISODE).toMillis();
        stuffingMinFailures = s.get(AgentwatchOptions.CREDENTIAL_STUFFING_MIN_FAILURES);
        stuffingWindowMillis = s.get(AgentwatchOptions.CREDENTIAL_STUFFING_WINDOW).toMillis();
        travelMaxKmh = s.get(AgentwatchOptions.IMPOSSIBLE_TRAVEL_MAX_KMH);
        travelMinKm = s.get(AgentwatchOptions.IMPOSSIBLE_TRAVEL_MIN_KM);
        newCountryMinHistory = s.get(AgentwatchOptions.NEW_COUNTRY_MIN_HISTORY_EVENTS);
        bulkWindowMillis = s.get(AgentwatchOptions.BULK_ACCESS_WINDOW).toMillis();
        bulkMinCustomers = s.get(AgentwatchOptions.BULK_ACCESS_MIN_CUSTOMERS);
        bulkK = s.get(AgentwatchOptions.BULK_ACCESS_K);
        bulkExportRows = s.get(AgentwatchOptions.BULK_ACCESS_EXPORT_ROWS);
        offHoursMinActiveDays = s.get(AgentwatchOptions.OFF_HOURS_MIN_ACTIVE_DAYS);
        offHoursMaxShare = s.get(AgentwatchOptions.OFF_HOURS_MAX_SHARE);
        dormantIdleMillis = s.get(AgentwatchOptions.DORMANT_IDLE).toMillis();
        lowAndSlowHorizonDays = s.get(AgentwatchOptions.LOW_AND_SLOW_HORIZON_DAYS);
        lowAndSlowMinSearches = s.get(AgentwatchOptions.LOW_AND_SLOW_MIN_SEARCHES);
        lowAndSlowMinDays = s.get(AgentwatchOptions.LOW_AND_SLOW_MIN_DAYS);
        sequenceWindowMillis = s.get(AgentwatchOptions.DATA_THEFT_SEQUENCE_WINDOW).toMillis();
        peerMinActiveDays = s.get(AgentwatchOptions.PEER_MIN_ACTIVE_DAYS);
        peerMinSamples = s.get(AgentwatchOptions.PEER_MIN_SAMPLES);
        for (String rule : AgentwatchOptions.RULES) {
            enabled.put(rule, s.get(AgentwatchOptions.enabled(rule)));
            versions.put(rule, s.get(AgentwatchOptions.version(rule)));
        }
    }

    public boolean enabled(String rule) {
        return enabled.getOrDefault(rule, true);
    }

    public int version(String rule) {
        return versions.getOrDefault(rule, 1);
    }

    public static BehaviourConfig defaults() {
        return new BehaviourConfig(Settings.defaults());
    }
}

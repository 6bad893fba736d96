package io.agentwatch.models.features;

import java.util.List;

/**
 * The one definition of the per-agent feature vector: what an agent did in one hour (UTC-aligned
 * windows), set against what it usually does. The job scores it and the offline tools export and
 * train on it through the same {@link FeatureExtractor}, so training and scoring cannot drift.
 * Change a feature and {@link #VERSION} must change: bundles record the version they were trained
 * on and are refused by a job with another.
 */
public final class AgentHourFeatures {
    public static final String NAME = "agentwatch-agent-hour";
    public static final int VERSION = 1;
    public static final long WINDOW_MILLIS = 3_600_000L;

    public static final int EVENTS = 0;
    public static final int SEARCHES = 1;
    public static final int VIEWS = 2;
    public static final int REVEALS = 3;
    public static final int EXPORTS = 4;
    public static final int LOGIN_FAILURES = 5;
    public static final int EXPORT_ROWS = 6;
    public static final int PCI_EVENTS = 7;
    public static final int SENSITIVE_PII_EVENTS = 8;
    public static final int CARD_SEARCHES = 9;
    public static final int DISTINCT_CUSTOMERS = 10;
    public static final int UNTICKETED_SHARE = 11;
    public static final int OFF_PROFILE_SHARE = 12;
    public static final int NEW_COUNTRY = 13;
    public static final int NEW_IP = 14;
    public static final int EVENTS_VS_OWN = 15;
    public static final int CUSTOMERS_VS_OWN = 16;
    public static final int CARD_SEARCHES_VS_OWN = 17;

    /** Column names, in vector order. */
    public static final List<String> NAMES =
            List.of(
                    "events",
                    "searches",
                    "views",
                    "reveals",
                    "exports",
                    "login_failures",
                    "export_rows",
                    "pci_events",
                    "sensitive_pii_events",
                    "card_searches",
                    "distinct_customers",
                    "unticketed_share",
                    "off_profile_share",
                    "new_country",
                    "new_ip",
                    "events_vs_own",
                    "customers_vs_own",
                    "card_searches_vs_own");

    /** What each feature means, for exports and explanations. */
    public static final List<String> DESCRIPTIONS =
            List.of(
                    "events in the hour",
                    "searches",
                    "record views",
                    "reveals of masked fields",
                    "exports",
                    "failed logins",
                    "rows exported",
                    "events touching payment-card (PCI) fields",
                    "events touching sensitive personal data",
                    "searches targeting payment-card data",
                    "distinct customers whose records were viewed, revealed or exported",
                    "share of customer-record accesses without a ticket",
                    "share of events in local hours the agent rarely works",
                    "worked from a country never seen for the agent (0/1)",
                    "worked from an address never seen for the agent (0/1)",
                    "events relative to the agent's usual hour",
                    "distinct customers relative to the agent's usual hour",
                    "card-data searches relative to the agent's usual hour");

    public static final int SIZE = NAMES.size();

    /** The counts among the features: models see them as log(1 + x), ratios as log(x). */
    private static final boolean[] COUNT = new boolean[SIZE];

    private static final boolean[] RATIO = new boolean[SIZE];

    static {
        for (int i = EVENTS; i <= DISTINCT_CUSTOMERS; i++) {
            COUNT[i] = true;
        }
        for (int i = EVENTS_VS_OWN; i <= CARD_SEARCHES_VS_OWN; i++) {
            RATIO[i] = true;
        }
    }

    private AgentHourFeatures() {}

    /**
     * The vector as models see it: counts compressed by log(1 + x) (a burst of 400 views is not 400
     * times as odd as one view), ratios by log (so half and double are equally far from usual),
     * shares and flags as they are.
     */
    public static void toModelInput(double[] values, double[] out) {
        for (int i = 0; i < SIZE; i++) {
            double v = values[i];
            out[i] = COUNT[i] ? Math.log1p(v) : RATIO[i] ? Math.log(Math.max(v, 1e-3)) : v;
        }
    }

    /** The schema's id as bundles and CSV exports record it. */
    public static String id() {
        return NAME + "/v" + VERSION;
    }
}

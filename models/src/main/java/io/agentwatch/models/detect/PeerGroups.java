package io.agentwatch.models.detect;

/**
 * Names of peer groups, the keys of peer baselines. An agent is compared with the agents of the
 * same role (card-data searches, customer accesses) or the same team (where they work from).
 */
public final class PeerGroups {
    public static final String UNKNOWN = "unknown";

    private static final String BULK = "bulk_access/role/";
    private static final String TEAM = "team/";
    private static final String COUNTRY = "/country/";

    private PeerGroups() {}

    /** Card-data searches per window, by role. */
    public static String cardSearch(String role) {
        return orUnknown(role);
    }

    /** Distinct customers accessed (viewed, revealed, exported) per bulk window, by role. */
    public static String customerAccess(String role) {
        return BULK + orUnknown(role);
    }

    /** Agent-days of the team's established agents. */
    public static String team(String team) {
        return TEAM + orUnknown(team);
    }

    /** Agent-days of the team's established agents that began in this country. */
    public static String teamCountry(String team, String country) {
        return TEAM + orUnknown(team) + COUNTRY + country;
    }

    /** Whether the behaviour detectors use this group (the rest are card-search groups). */
    public static boolean isBehaviour(String group) {
        return group.startsWith(BULK) || group.startsWith(TEAM);
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s;
    }
}

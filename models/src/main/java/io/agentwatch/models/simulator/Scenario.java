package io.agentwatch.models.simulator;

/** Insider-misuse scenarios the simulator injects, each into its own agent. */
public enum Scenario {
    CARD_SEARCH_SWEEP(
            "card_search_sweep",
            "searches by card number or last-4 across many unrelated customers"),
    BULK_SCRAPE(
            "bulk_scrape", "views hundreds of unrelated customers within an hour, then exports"),
    OFF_HOURS_ACCESS(
            "off_hours_access", "logs in at night on a day off and browses customer records"),
    NEW_COUNTRY("new_country", "a whole session from a country the agent never worked from"),
    IMPOSSIBLE_TRAVEL(
            "impossible_travel",
            "activity from two places too far apart for the time between them"),
    PCI_REVEAL_WITHOUT_TICKET(
            "pci_reveal_without_ticket",
            "reveals full card numbers of customers with no ticket in context"),
    DORMANT_ACCOUNT(
            "dormant_account", "an account idle for the whole period wakes up and reads records"),
    CREDENTIAL_STUFFING(
            "credential_stuffing", "a burst of failed logins from one address, then a success"),
    LOW_AND_SLOW(
            "low_and_slow", "a few extra card lookups of unrelated customers every working day");

    private final String id;
    private final String description;

    Scenario(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Scenario fromId(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + id + "'");
    }
}

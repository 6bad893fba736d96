package io.agentwatch.models.simulator;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/** What to simulate. The same values give byte-identical output. */
public final class SimulationConfig {
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_AGENTS = 200;
    public static final int DEFAULT_DAYS = 3;
    public static final int DEFAULT_CUSTOMERS = 50_000;

    /** A Monday, so a default run starts with a working day for most agents. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 3, 2);

    public final long seed;
    public final int agents;
    public final int days;
    public final LocalDate start;
    public final int customers;

    /** The scenarios to inject; the others' agents just work normally. */
    public final Set<Scenario> scenarios;

    public SimulationConfig(long seed, int agents, int days, LocalDate start, int customers) {
        this(seed, agents, days, start, customers, EnumSet.allOf(Scenario.class));
    }

    public SimulationConfig(
            long seed,
            int agents,
            int days,
            LocalDate start,
            int customers,
            Set<Scenario> scenarios) {
        if (agents < Scenario.values().length + 1) {
            throw new IllegalArgumentException(
                    "agents must be at least "
                            + (Scenario.values().length + 1)
                            + " (one per injected scenario plus normal agents), is "
                            + agents);
        }
        if (days < 1 || days > 3660) {
            throw new IllegalArgumentException("days must be from 1 to 3660, is " + days);
        }
        if (customers < 100) {
            throw new IllegalArgumentException("customers must be at least 100, is " + customers);
        }
        this.seed = seed;
        this.agents = agents;
        this.days = days;
        this.start = start;
        this.customers = customers;
        this.scenarios =
                scenarios.isEmpty() ? EnumSet.noneOf(Scenario.class) : EnumSet.copyOf(scenarios);
    }

    /** The same simulation with only these scenarios injected. */
    public SimulationConfig withScenarios(Set<Scenario> only) {
        return new SimulationConfig(seed, agents, days, start, customers, only);
    }

    public static SimulationConfig defaults() {
        return new SimulationConfig(
                DEFAULT_SEED, DEFAULT_AGENTS, DEFAULT_DAYS, DEFAULT_START, DEFAULT_CUSTOMERS);
    }
}

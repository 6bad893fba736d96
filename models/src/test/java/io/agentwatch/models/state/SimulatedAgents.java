package io.agentwatch.models.state;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A simulated contact centre's events (30 agents over 7 days, masked as the job masks them) run
 * through a state per agent, for the state codecs' tests: each state is looked at mid-stream and at
 * the end.
 */
record SimulatedAgents<S>(int events, Map<String, S> agents) {
    /**
     * Hands {@code visit} the state of every {@code every}-th event's agent after that event, then
     * every agent's state at the end, by agent id.
     */
    static <S> SimulatedAgents<S> run(
            long seed,
            int every,
            Supplier<S> create,
            BiConsumer<S, AccessEvent> onEvent,
            Consumer<S> visit)
            throws IOException {
        EventSanitizer sanitizer = EventSanitizer.withDefaults();
        Map<String, S> agents = new TreeMap<>();
        int[] events = {0};
        new ContactCentreSimulator(
                        new SimulationConfig(seed, 30, 7, SimulationConfig.DEFAULT_START, 5_000))
                .run(
                        (AccessEvent raw) -> {
                            AccessEvent e = sanitizer.sanitize(raw);
                            S s = agents.computeIfAbsent(e.agentId, k -> create.get());
                            onEvent.accept(s, e);
                            if (++events[0] % every == 0) {
                                visit.accept(s);
                            }
                        },
                        null);
        agents.values().forEach(visit);
        return new SimulatedAgents<>(events[0], agents);
    }
}

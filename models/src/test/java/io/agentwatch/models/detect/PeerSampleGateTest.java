package io.agentwatch.models.detect;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.event;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerSampleGateTest {
    private static final PeerSampler SAMPLER = new PeerSampler(15 * MINUTE, HOUR, 2);

    @Test
    void holdsBackOnlyEventsInTheWindowsOfTheAgentsLastOneThatAreNeitherCardSearchesNorAccess() {
        PeerSampleGate gate = new PeerSampleGate(SAMPLER, 16);
        assertThat(gate.passes(event("a", T0, Action.SEARCH))).as("first of its agent").isTrue();
        assertThat(gate.passes(event("a", T0 + MINUTE, Action.SEARCH))).isFalse();
        assertThat(gate.passes(cardSearch("a", T0 + 2 * MINUTE))).as("card search").isTrue();
        assertThat(gate.passes(view("a", T0 + 3 * MINUTE))).as("customer access").isTrue();
        assertThat(gate.passes(event("a", T0 + 4 * MINUTE, Action.UPDATE))).isFalse();
        assertThat(gate.passes(event("b", T0 + 4 * MINUTE, Action.SEARCH)))
                .as("another agent")
                .isTrue();
        assertThat(gate.passes(event("a", T0 + 15 * MINUTE, Action.SEARCH)))
                .as("the next card-search window")
                .isTrue();
        assertThat(gate.passes(event("a", T0 - MINUTE, Action.SEARCH)))
                .as("a late event, of the window before")
                .isTrue();
        assertThat(gate.passes(event("a", T0 + 16 * MINUTE, Action.SEARCH)))
                .as("after the late one, the window it left")
                .isTrue();
        assertThat(gate.heldBack()).isEqualTo(2);
    }

    @Test
    void anAgentDisplacedFromItsSlotHasItsNextEventLetThrough() {
        PeerSampleGate gate = new PeerSampleGate(SAMPLER, 1);
        assertThat(gate.passes(event("a", T0, Action.SEARCH))).isTrue();
        assertThat(gate.passes(event("b", T0, Action.SEARCH))).isTrue();
        assertThat(gate.passes(event("a", T0 + MINUTE, Action.SEARCH))).isTrue();
        assertThat(gate.passes(event("a", T0 + 2 * MINUTE, Action.SEARCH))).isFalse();
    }

    @Test
    void theSamplerFedOnlyWhatPassesEndsEveryEventInTheSameStateWithTheSameSamples()
            throws IOException {
        List<AccessEvent> events = simulatedWithLateEvents();
        // The defaults, and windows whose ends fall inside a day (so a day can end within them).
        for (PeerSampler sampler : List.of(SAMPLER, new PeerSampler(25 * MINUTE, 7 * HOUR, 2))) {
            for (int slots : new int[] {4, 4096}) {
                PeerSampleGate gate = new PeerSampleGate(sampler, slots);
                Map<String, AgentSamples> all = new HashMap<>();
                Map<String, AgentSamples> gated = new HashMap<>();
                List<PeerSample> fromAll = new ArrayList<>();
                List<PeerSample> fromGated = new ArrayList<>();
                for (AccessEvent e : events) {
                    AgentSamples a = all.computeIfAbsent(e.agentId, k -> new AgentSamples());
                    AgentSamples g = gated.computeIfAbsent(e.agentId, k -> new AgentSamples());
                    sampler.onEvent(a, e, fromAll::add);
                    if (gate.passes(e)) {
                        sampler.onEvent(g, e, fromGated::add);
                    }
                    assertThat(describe(g))
                            .as("%s after %s", e.agentId, e.eventId)
                            .isEqualTo(describe(a));
                }
                assertThat(fromGated)
                        .map(PeerSampleGateTest::describe)
                        .containsExactlyElementsOf(
                                fromAll.stream().map(PeerSampleGateTest::describe).toList());
                assertThat(fromAll.stream().map(s -> s.group).distinct().count())
                        .as("card, customer, team and country samples")
                        .isGreaterThanOrEqualTo(4);
                double share = (double) gate.heldBack() / events.size();
                assertThat(share)
                        .as("share held back with %d slots", slots)
                        .isGreaterThan(slots > 4 ? 0.3 : 0.0);
            }
        }
    }

    @Test
    void slotsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> new PeerSampleGate(SAMPLER, 0))
                .hasMessageContaining("slots must be 1 to 2^24, was 0");
    }

    /**
     * Three simulated days of 40 agents, one in 20 events moved back up to 20 minutes (so it may
     * fall in a window the agent has left).
     */
    private static List<AccessEvent> simulatedWithLateEvents() throws IOException {
        List<AccessEvent> events = new ArrayList<>();
        EventSanitizer sanitizer = EventSanitizer.withDefaults();
        new ContactCentreSimulator(
                        new SimulationConfig(7, 40, 3, SimulationConfig.DEFAULT_START, 5_000))
                .run(e -> events.add(sanitizer.sanitize(e)), null);
        Random random = new Random(11);
        for (AccessEvent e : events) {
            if (random.nextInt(20) == 0) {
                e.timestamp -= random.nextInt(20) * MINUTE;
            }
        }
        return events;
    }

    private static String describe(AgentSamples s) {
        return s.cardSearches.start
                + " "
                + s.cardSearches.count
                + " "
                + s.customerWindowStart
                + " "
                + Arrays.toString(s.customerBits)
                + " "
                + s.activeDays
                + " "
                + s.lastActiveDay;
    }

    private static String describe(PeerSample s) {
        return s.group + " " + s.agentId + " " + s.bucketStart + " " + s.count;
    }
}

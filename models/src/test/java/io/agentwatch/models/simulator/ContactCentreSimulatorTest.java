package io.agentwatch.models.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.EventParser;
import io.agentwatch.models.event.ParseResult;
import io.agentwatch.models.sensitivity.EventSanitizer;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactCentreSimulatorTest {
    private static final SimulationConfig SMALL =
            new SimulationConfig(7, 40, 3, SimulationConfig.DEFAULT_START, 5_000);

    private static byte[] output;
    private static List<Label> labels;
    private static List<AccessEvent> events;

    @BeforeAll
    static void simulate() throws Exception {
        ContactCentreSimulator sim = new ContactCentreSimulator(SMALL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sim.run(out, null);
        output = out.toByteArray();
        labels = sim.labels();
        EventParser parser = new EventParser();
        events = new ArrayList<>();
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            ParseResult r = parser.parse(line.getBytes(StandardCharsets.UTF_8));
            assertThat(r.isValid()).as("every simulated line follows the contract: %s", r).isTrue();
            events.add(r.event());
        }
    }

    private static byte[] run(SimulationConfig config) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ContactCentreSimulator(config).run(out, null);
        return out.toByteArray();
    }

    @Test
    void theSameSeedGivesByteIdenticalOutput() throws Exception {
        assertThat(run(SMALL)).isEqualTo(output);
    }

    @Test
    void anotherSeedGivesOtherOutput() throws Exception {
        assertThat(run(new SimulationConfig(8, 40, 3, SimulationConfig.DEFAULT_START, 5_000)))
                .isNotEqualTo(output);
    }

    @Test
    void eventsComeInTimeOrderWithinTheSimulatedPeriod() {
        long start = SMALL.start.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = start + SMALL.days * 86_400_000L;
        long previous = Long.MIN_VALUE;
        for (AccessEvent e : events) {
            assertThat(e.timestamp).isGreaterThanOrEqualTo(previous).isBetween(start, end - 1);
            previous = e.timestamp;
        }
        assertThat(events.size()).isGreaterThan(5_000);
    }

    @Test
    void eventIdsAreUniqueAndSurviveMasking() {
        Set<String> ids = new HashSet<>();
        for (AccessEvent e : events) {
            assertThat(ids.add(e.eventId)).as(e.eventId).isTrue();
            assertThat(io.agentwatch.models.sensitivity.CardNumbers.mask(e.eventId))
                    .isSameAs(e.eventId);
        }
    }

    @Test
    void everyScenarioIsLabelledWithItsOwnAgentAndRealEvents() {
        assertThat(labels).extracting(l -> l.scenario).containsExactlyInAnyOrder(Scenario.values());
        Map<String, AccessEvent> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.eventId, e));
        Set<String> scenarioAgents = new HashSet<>();
        for (Label l : labels) {
            assertThat(scenarioAgents.add(l.agentId)).as("one agent per scenario").isTrue();
            assertThat(l.eventIds).as(l.scenario.id()).isNotEmpty();
            for (String id : l.eventIds) {
                AccessEvent e = byId.get(id);
                assertThat(e).as("labelled event %s is in the output", id).isNotNull();
                assertThat(e.agentId).isEqualTo(l.agentId);
                assertThat(e.timestamp).isBetween(l.start, l.end);
            }
        }
    }

    @Test
    void groundTruthNeverAppearsInTheEvents() {
        String text = new String(output, StandardCharsets.UTF_8);
        for (Scenario s : Scenario.values()) {
            assertThat(text).doesNotContain(s.id());
        }
    }

    @Test
    void theCardSweepSearchesCardDataAcrossUnrelatedCustomers() {
        Label sweep =
                labels.stream()
                        .filter(l -> l.scenario == Scenario.CARD_SEARCH_SWEEP)
                        .findFirst()
                        .orElseThrow();
        EventSanitizer sanitizer = EventSanitizer.withDefaults();
        long cardSearches =
                events.stream()
                        .filter(e -> sweep.eventIds.contains(e.eventId))
                        .map(sanitizer::sanitize)
                        .filter(AccessEvent::targetsCardData)
                        .count();
        assertThat(cardSearches).isGreaterThanOrEqualTo(30);
    }

    @Test
    void normalWorkFollowsTickets() {
        long views =
                events.stream()
                        .filter(e -> e.action == Action.VIEW && "customer".equals(e.resourceType))
                        .count();
        Set<String> scenarioAgents = new HashSet<>();
        labels.forEach(l -> scenarioAgents.add(l.agentId));
        long withTicket =
                events.stream()
                        .filter(
                                e ->
                                        e.action == Action.VIEW
                                                && "customer".equals(e.resourceType)
                                                && !scenarioAgents.contains(e.agentId))
                        .filter(e -> e.ticketId != null)
                        .count();
        long normalViews =
                events.stream()
                        .filter(
                                e ->
                                        e.action == Action.VIEW
                                                && "customer".equals(e.resourceType)
                                                && !scenarioAgents.contains(e.agentId))
                        .count();
        assertThat(views).isPositive();
        assertThat(withTicket).isEqualTo(normalViews);
    }

    @Test
    void agentsHaveRolesTeamsAndTimeZones() {
        Set<String> roles = new HashSet<>();
        Set<String> zones = new HashSet<>();
        for (AccessEvent e : events) {
            roles.add(e.agentRole);
            zones.add(e.agentTimezone);
            assertThat(e.agentTeam).startsWith(e.agentTeam.split("-")[0]).endsWith(e.agentRole);
        }
        assertThat(roles).contains("tier1", "tier2", "billing");
        assertThat(zones).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void turningAScenarioOffRemovesOnlyItsEvents() throws Exception {
        EnumSet<Scenario> withoutSweep = EnumSet.allOf(Scenario.class);
        withoutSweep.remove(Scenario.CARD_SEARCH_SWEEP);
        ContactCentreSimulator sim = new ContactCentreSimulator(SMALL.withScenarios(withoutSweep));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sim.run(out, null);
        assertThat(sim.labels())
                .extracting(l -> l.scenario)
                .doesNotContain(Scenario.CARD_SEARCH_SWEEP);
        Label sweep =
                labels.stream()
                        .filter(l -> l.scenario == Scenario.CARD_SEARCH_SWEEP)
                        .findFirst()
                        .orElseThrow();
        String text = out.toString(StandardCharsets.UTF_8);
        for (String id : sweep.eventIds) {
            assertThat(text).doesNotContain(id);
        }
    }

    @Test
    void labelsAreWrittenAsCsv() {
        StringWriter w = new StringWriter();
        ContactCentreSimulator.writeLabelsCsv(labels, w);
        String[] lines = w.toString().split("\n");
        assertThat(lines[0]).isEqualTo("scenario,agent_id,start,end,event_count,event_ids");
        assertThat(lines).hasSize(labels.size() + 1);
        String[] first = lines[1].split(",");
        assertThat(first).hasSize(6);
        assertThat(first[5].split(" ")).hasSize(Integer.parseInt(first[4]));
    }

    @Test
    void rejectsTooFewAgents() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new SimulationConfig(1, 5, 1, LocalDate.now(), 1000))
                .hasMessageContaining("agents must be at least");
    }
}

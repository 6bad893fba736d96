package io.agentwatch.models.detect;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentwatch.models.event.AccessEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerSamplerTest {
    private static final long DAY = 24 * HOUR;
    private final PeerSampler sampler = new PeerSampler(15 * MINUTE, HOUR, 3);

    private static AccessEvent from(AccessEvent e, String country) {
        e.sourceCountry = country;
        return e;
    }

    @Test
    void distinctCustomersAreEstimatedWithinAFewPercent() {
        PeerSampler fromDayOne = new PeerSampler(15 * MINUTE, HOUR, 1);
        for (int n : new int[] {1, 10, 60, 300, 1000}) {
            AgentSamples s = new AgentSamples();
            List<PeerSample> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                AccessEvent e = view("a", T0 + i);
                e.customerId = "C" + (1_000_000 + i * 7919);
                fromDayOne.onEvent(s, e, out::add);
                fromDayOne.onEvent(s, e, out::add); // the same customer again counts once
            }
            fromDayOne.onEvent(s, view("a", T0 + HOUR), out::add);
            List<PeerSample> windows = new ArrayList<>();
            out.stream()
                    .filter(x -> x.group.equals(PeerGroups.customerAccess("tier1")))
                    .forEach(windows::add);
            assertThat(windows).hasSize(1);
            int estimate = windows.get(0).count;
            assertThat((double) estimate).as("n=%d", n).isCloseTo(n, within(Math.max(1, n * 0.06)));
        }
    }

    @Test
    void everyAgentSamplesCardSearchesOnlyEstablishedOnesShapeTheOtherBaselines() {
        AgentSamples s = new AgentSamples();
        List<PeerSample> out = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            long t = T0 + day * DAY;
            sampler.onEvent(s, from(cardSearch("a", t), "IE"), out::add);
            sampler.onEvent(s, from(view("a", t + MINUTE), "IE"), out::add);
            sampler.onEvent(s, from(view("a", t + 2 * MINUTE), "IE"), out::add);
        }
        assertThat(s.activeDays).isEqualTo(5);
        assertThat(out).filteredOn(x -> x.group.equals("tier1")).hasSize(4);
        assertThat(out)
                .filteredOn(x -> x.group.equals(PeerGroups.customerAccess("tier1")))
                .as("windows closed from day 4 on, once a had 3 active days: one customer each")
                .extracting(x -> x.count)
                .containsExactly(1, 1);
        assertThat(out)
                .filteredOn(x -> x.group.equals(PeerGroups.teamCountry("dublin-tier1", "IE")))
                .as("days 4 and 5")
                .hasSize(2);
        assertThat(out).filteredOn(x -> x.group.equals(PeerGroups.team("dublin-tier1"))).hasSize(2);
        assertThat(out)
                .extracting(x -> x.group)
                .allMatch(g -> g.equals("tier1") || PeerGroups.isBehaviour(g));
    }

    @Test
    void theSampledFieldsOfEventsGiveTheSamplesTheEventsGive() throws Exception {
        var config =
                new io.agentwatch.models.simulator.SimulationConfig(
                        1,
                        40,
                        7,
                        io.agentwatch.models.simulator.SimulationConfig.DEFAULT_START,
                        5_000);
        var sanitizer = io.agentwatch.models.sensitivity.EventSanitizer.withDefaults();
        java.util.Map<String, AgentSamples> whole = new java.util.HashMap<>();
        java.util.Map<String, AgentSamples> part = new java.util.HashMap<>();
        List<String> fromWhole = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        java.util.Set<String> roles = new java.util.HashSet<>();
        java.util.Set<String> teams = new java.util.HashSet<>();
        List<String> fromPart = new ArrayList<>();
        new io.agentwatch.models.simulator.ContactCentreSimulator(config)
                .run(
                        (AccessEvent raw) -> {
                            AccessEvent e = sanitizer.sanitize(raw);
                            roles.add(e.agentRole);
                            teams.add(e.agentTeam);
                            sampler.onEvent(
                                    whole.computeIfAbsent(e.agentId, k -> new AgentSamples()),
                                    e,
                                    x -> {
                                        fromWhole.add(x.toString());
                                        groups.add(x.group);
                                    });
                            sampler.onEvent(
                                    part.computeIfAbsent(e.agentId, k -> new AgentSamples()),
                                    PeerSampler.sampledFields(e),
                                    x -> fromPart.add(x.toString()));
                        },
                        null);
        assertThat(groups)
                .as("card-search, customer-access and team samples")
                .anyMatch(g -> roles.stream().anyMatch(r -> g.equals(PeerGroups.cardSearch(r))))
                .anyMatch(g -> roles.stream().anyMatch(r -> g.equals(PeerGroups.customerAccess(r))))
                .anyMatch(g -> teams.stream().anyMatch(t -> g.equals(PeerGroups.team(t))));
        assertThat(fromPart).isEqualTo(fromWhole);
    }
}

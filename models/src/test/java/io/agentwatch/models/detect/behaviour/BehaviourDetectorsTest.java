package io.agentwatch.models.detect.behaviour;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.SECOND;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.event;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.detect.PeerGroups;
import io.agentwatch.models.detect.Severity;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.Outcome;
import io.agentwatch.models.sensitivity.SensitivityClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BehaviourDetectorsTest {
    private static final String AGENT = "agent-9";
    private static final long DAY = 24 * HOUR;

    private final BehaviourDetectors detectors = new BehaviourDetectors(BehaviourConfig.defaults());
    private final AgentBehaviourState state = new AgentBehaviourState();

    private List<Finding> feed(AccessEvent... events) {
        List<Finding> out = new ArrayList<>();
        for (AccessEvent e : events) {
            out.addAll(detectors.onEvent(state, e));
        }
        return out;
    }

    private static List<String> rules(List<Finding> alerts) {
        List<String> out = new ArrayList<>();
        alerts.forEach(a -> out.add(a.ruleId));
        return out;
    }

    private static AccessEvent at(AccessEvent e, String country, double lat, double lon) {
        e.sourceCountry = country;
        e.sourceLat = lat;
        e.sourceLon = lon;
        return e;
    }

    private static AccessEvent customerView(long t, String customer, String ticket) {
        AccessEvent e = view(AGENT, t);
        e.customerId = customer;
        e.ticketId = ticket;
        return e;
    }

    private static AccessEvent reveal(long t, String customer, String ticket) {
        AccessEvent e = event(AGENT, t, Action.REVEAL);
        e.customerId = customer;
        e.ticketId = ticket;
        e.fields = new String[] {"payment_card.number"};
        e.sensitivity = SensitivityClass.PCI.bit();
        return e;
    }

    // ---- pci_reveal_without_ticket

    @Test
    void aRevealUnderTheTicketOfThatCustomerIsFine() {
        assertThat(feed(customerView(T0, "C1", "T1"), reveal(T0 + MINUTE, "C1", "T1"))).isEmpty();
    }

    @Test
    void aRevealWithoutTicketOrForAnUnlinkedCustomerAlertsOncePerEpisode() {
        List<Finding> noTicket = feed(reveal(T0, "C1", null), reveal(T0 + 10 * MINUTE, "C2", null));
        assertThat(rules(noTicket)).containsExactly("pci_reveal_without_ticket");
        assertThat(noTicket.get(0).severity).isEqualTo(Severity.HIGH);
        assertThat(noTicket.get(0).reason).contains("no ticket in context").contains("C1");

        List<Finding> unlinked =
                feed(
                        customerView(T0 + 3 * HOUR, "C3", "T3"),
                        reveal(T0 + 3 * HOUR + MINUTE, "C4", "T3"));
        assertThat(rules(unlinked)).containsExactly("pci_reveal_without_ticket");
        assertThat(unlinked.get(0).reason).contains("T3").contains("never linked");
    }

    @Test
    void revealingNonPciFieldsIsNotThisDetectorsBusiness() {
        AccessEvent e = reveal(T0, "C1", null);
        e.fields = new String[] {"email"};
        e.sensitivity = SensitivityClass.PII.bit();
        assertThat(feed(e)).isEmpty();
    }

    // ---- credential_stuffing

    @Test
    void aBurstOfFailuresThenASuccessAlerts() {
        List<AccessEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            AccessEvent f = event(AGENT, T0 + i * 5 * SECOND, Action.LOGIN_FAILED);
            f.outcome = Outcome.FAILURE;
            events.add(f);
        }
        AccessEvent success = event(AGENT, T0 + 2 * MINUTE, Action.LOGIN);
        success.sourceIp = "203.0.113.7";
        events.add(success);
        List<Finding> alerts = feed(events.toArray(new AccessEvent[0]));
        assertThat(rules(alerts)).containsExactly("credential_stuffing");
        assertThat(alerts.get(0).reason).contains("an address the agent never used");
        assertThat(alerts.get(0).observed).isEqualTo(12);
        assertThat(alerts.get(0).start).isEqualTo(T0);
        assertThat(alerts.get(0).reason).contains("12 failed logins").contains("203.0.113.7");
    }

    @Test
    void aMistypedPasswordIsNotStuffing() {
        AccessEvent f = event(AGENT, T0, Action.LOGIN_FAILED);
        f.outcome = Outcome.FAILURE;
        assertThat(feed(f, event(AGENT, T0 + 30 * SECOND, Action.LOGIN))).isEmpty();
    }

    @Test
    void oldFailuresDoNotCount() {
        List<AccessEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(event(AGENT, T0 + i * SECOND, Action.LOGIN_FAILED));
        }
        events.add(event(AGENT, T0 + HOUR, Action.LOGIN));
        assertThat(feed(events.toArray(new AccessEvent[0]))).isEmpty();
    }

    // ---- impossible_travel and new_country

    @Test
    void aJumpAcrossTheWorldInMinutesIsImpossibleTravel() {
        feed(at(view(AGENT, T0), "IE", 53.35, -6.26));
        List<Finding> alerts = feed(at(view(AGENT, T0 + 20 * MINUTE), "PH", 14.6, 121.0));
        assertThat(rules(alerts)).contains("impossible_travel");
        Finding travel =
                alerts.stream()
                        .filter(a -> a.ruleId.equals("impossible_travel"))
                        .findFirst()
                        .orElseThrow();
        assertThat(travel.observed).isGreaterThan(10_000);
        assertThat(travel.reason).contains("IE").contains("PH").contains("km");
        // Back and forth within the hour: one alert, not a storm.
        assertThat(rules(feed(at(view(AGENT, T0 + 25 * MINUTE), "IE", 53.35, -6.26))))
                .doesNotContain("impossible_travel");
    }

    @Test
    void aFlightIsNotImpossibleTravel() {
        feed(at(view(AGENT, T0), "IE", 53.35, -6.26));
        assertThat(rules(feed(at(view(AGENT, T0 + 14 * HOUR), "PH", 14.6, 121.0))))
                .doesNotContain("impossible_travel");
    }

    @Test
    void aCountryIsNewOnlyOnceTheAgentHasHistory() {
        for (int i = 0; i < 60; i++) {
            feed(at(view(AGENT, T0 + i * MINUTE), "IE", 53.35, -6.26));
        }
        assertThat(state.countryFirstSeen[0]).isEqualTo(T0);
        assertThat(state.countryLastSeen[0]).isEqualTo(T0 + 59 * MINUTE);
        List<Finding> alerts = feed(at(view(AGENT, T0 + 3 * DAY), "RO", 44.4, 26.1));
        assertThat(rules(alerts)).containsExactly("new_country");
        assertThat(alerts.get(0).reason).contains("RO").contains("IE");
        assertThat(rules(feed(at(view(AGENT, T0 + 3 * DAY + MINUTE), "RO", 44.4, 26.1))))
                .as("known now")
                .isEmpty();
        AgentBehaviourState fresh = new AgentBehaviourState();
        assertThat(detectors.onEvent(fresh, at(view("new-agent", T0), "RO", 44.4, 26.1)))
                .as("no history")
                .isEmpty();
    }

    @Test
    void aNewAgentIsJudgedByTheCountriesTheirTeamWorksFrom() {
        Map<String, PeerBaseline> peers = new HashMap<>();
        String team = "dublin-tier1";
        BehaviourDetectors.Peers lookup = peers::get;
        AgentBehaviourState fresh = new AgentBehaviourState();
        assertThat(detectors.onEvent(fresh, at(view("new-agent", T0), "RO", 44.4, 26.1), lookup))
                .as("the team's countries are not known yet")
                .isEmpty();

        peers.put(PeerGroups.team(team), new PeerBaseline(PeerGroups.team(team), 1, 0, 40, T0));
        peers.put(
                PeerGroups.teamCountry(team, "IE"),
                new PeerBaseline(PeerGroups.teamCountry(team, "IE"), 1, 0, 40, T0));
        AgentBehaviourState newcomer = new AgentBehaviourState();
        assertThat(detectors.onEvent(newcomer, at(view("n1", T0), "IE", 53.35, -6.26), lookup))
                .as("where the team works")
                .isEmpty();
        AgentBehaviourState other = new AgentBehaviourState();
        List<Finding> found =
                detectors.onEvent(other, at(view("n2", T0), "RO", 44.4, 26.1), lookup);
        assertThat(rules(found)).containsExactly("new_country");
        assertThat(found.get(0).basis).isEqualTo("peer");
        assertThat(found.get(0).peerGroup).isEqualTo(PeerGroups.team(team));
        assertThat(found.get(0).reason).contains("RO", team);
    }

    // ---- bulk_access

    @Test
    void aNewAgentIsJudgedByTheRolesCustomerAccesses() {
        PeerBaseline heavy = new PeerBaseline(PeerGroups.customerAccess("tier1"), 100, 10, 200, T0);
        BehaviourDetectors.Peers lookup =
                g -> g.equals(PeerGroups.customerAccess("tier1")) ? heavy : null;
        List<Finding> alerts = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            alerts.addAll(
                    detectors.onEvent(
                            state, customerView(T0 + i * 10 * SECOND, "C" + i, null), lookup));
        }
        assertThat(alerts)
                .as("60 customers is ordinary for this role: 100 ± 10, threshold 160")
                .isEmpty();
        for (int i = 130; i < 200; i++) {
            alerts.addAll(
                    detectors.onEvent(
                            state, customerView(T0 + i * 10 * SECOND, "C" + i, null), lookup));
        }
        assertThat(rules(alerts)).containsExactly("bulk_access");
        assertThat(alerts.get(0).basis).isEqualTo("peer");
        assertThat(alerts.get(0).observed).isEqualTo(160);
        assertThat(alerts.get(0).peerBaselineMean).isEqualTo(100.0);
        assertThat(alerts.get(0).reason).contains("tier1 peers see 100.0 per window");
    }

    @Test
    void manyDistinctCustomersInAWindowAlertOnce() {
        List<Finding> alerts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            alerts.addAll(
                    detectors.onEvent(state, customerView(T0 + i * 10 * SECOND, "C" + i, null)));
        }
        assertThat(rules(alerts)).containsExactly("bulk_access");
        assertThat(alerts.get(0).observed).isEqualTo(60);
        assertThat(alerts.get(0).basis).isEqualTo("cold_start");
    }

    @Test
    void anEstablishedAgentIsJudgedByTheirOwnBaseline() {
        PeerBaseline light = new PeerBaseline(PeerGroups.customerAccess("tier1"), 1, 1, 900, T0);
        BehaviourDetectors.Peers lookup = g -> light;
        for (int d = 0; d < 5; d++) {
            for (int h = 0; h < 2; h++) {
                for (int i = 0; i < 10; i++) {
                    detectors.onEvent(
                            state,
                            customerView(T0 + d * DAY + h * HOUR + i * MINUTE, "C" + i, null),
                            lookup);
                }
            }
        }
        List<Finding> alerts = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            alerts.addAll(
                    detectors.onEvent(
                            state,
                            customerView(T0 + 6 * DAY + i * 10 * SECOND, "D" + i, null),
                            lookup));
        }
        assertThat(rules(alerts)).containsExactly("bulk_access");
        assertThat(alerts.get(0).basis).isEqualTo("agent");
        assertThat(alerts.get(0).observed).isEqualTo(60);
        assertThat(alerts.get(0).reason).contains("their own baseline is 10.0 distinct customers");
    }

    @Test
    void theSameCustomersAgainAreNotBulk() {
        List<Finding> alerts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            alerts.addAll(
                    detectors.onEvent(
                            state,
                            customerView(T0 + i * 5 * SECOND, "C" + (i % 10), "T" + (i % 10))));
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void aLargeExportAlertsOnItsOwn() {
        AccessEvent export = event(AGENT, T0, Action.EXPORT);
        export.resultCount = 5_000;
        export.resourceType = "customer_list";
        List<Finding> alerts = feed(export);
        assertThat(rules(alerts)).containsExactly("bulk_access");
        assertThat(alerts.get(0).reason).contains("5000 records");
        AccessEvent small = event(AGENT, T0 + HOUR, Action.EXPORT);
        small.resultCount = 150;
        assertThat(feed(small)).isEmpty();
    }

    // ---- off_hours and dormant_account

    @Test
    void nightActivityOfADayWorkerIsOffHours() {
        // Two days of 09:00-17:00 UTC work.
        for (int d = 0; d < 2; d++) {
            for (int m = 0; m < 8 * 60; m += 5) {
                feed(view(AGENT, T0 + d * DAY + m * MINUTE));
            }
        }
        long night = T0 + 2 * DAY - 6 * HOUR; // 03:00 UTC
        List<Finding> alerts = feed(view(AGENT, night), view(AGENT, night + 10 * MINUTE));
        assertThat(rules(alerts)).containsExactly("off_hours");
        assertThat(alerts.get(0).reason).contains("03:00").contains("UTC");
        assertThat(feed(view(AGENT, T0 + 2 * DAY + HOUR))).as("10:00 is a working hour").isEmpty();
    }

    @Test
    void eventsAreEnrichedWithTheAgentsUsualEventsThisHour() {
        AccessEvent first = view(AGENT, T0);
        feed(first);
        assertThat(first.usualHourEvents).as("no history yet").isNaN();
        for (int d = 0; d < 3; d++) {
            for (int m = 0; m < 60; m += 10) {
                feed(view(AGENT, T0 + d * DAY + m * MINUTE));
            }
        }
        AccessEvent fourthMorning = view(AGENT, T0 + 3 * DAY + 5 * MINUTE);
        feed(fourthMorning);
        assertThat(fourthMorning.usualHourEvents).isCloseTo(19f / 3, within(0.01f));
    }

    @Test
    void anAgentWithoutEnoughHistoryIsNotJudgedOnHours() {
        feed(view(AGENT, T0));
        assertThat(feed(view(AGENT, T0 + 18 * HOUR))).isEmpty();
    }

    @Test
    void activityAfterLongIdlenessIsADormantAccount() {
        feed(view(AGENT, T0));
        assertThat(feed(view(AGENT, T0 + 13 * DAY))).isEmpty();
        List<Finding> alerts = feed(view(AGENT, T0 + 28 * DAY));
        assertThat(rules(alerts)).containsExactly("dormant_account");
        assertThat(alerts.get(0).observed).isEqualTo(15);
    }

    // ---- low_and_slow

    private static AccessEvent unticketedCardSearch(long t) {
        AccessEvent e = io.agentwatch.models.testing.TestEvents.cardSearch(AGENT, t);
        e.ticketId = null;
        return e;
    }

    @Test
    void aFewCardSearchesOutsideTicketsEveryDayAddUp() {
        List<Finding> alerts = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            for (int i = 0; i < 3; i++) {
                alerts.addAll(
                        detectors.onEvent(state, unticketedCardSearch(T0 + d * DAY + i * HOUR)));
            }
        }
        assertThat(rules(alerts)).containsExactly("low_and_slow");
        Finding a = alerts.get(0);
        assertThat(a.observed).isEqualTo(10);
        assertThat(a.end).as("the 10th search, on the 4th day").isEqualTo(T0 + 3 * DAY);
        assertThat(a.reason).contains("10 times on 4 different days");
    }

    @Test
    void aOneDayBurstOrSearchesUnderATicketAreNotLowAndSlow() {
        List<Finding> alerts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            alerts.addAll(detectors.onEvent(state, unticketedCardSearch(T0 + i * MINUTE)));
        }
        for (int d = 1; d < 10; d++) {
            for (int i = 0; i < 5; i++) {
                AccessEvent ticketed =
                        io.agentwatch.models.testing.TestEvents.cardSearch(
                                AGENT, T0 + d * DAY + i * HOUR);
                ticketed.ticketId = "T" + d;
                alerts.addAll(detectors.onEvent(state, ticketed));
            }
        }
        assertThat(rules(alerts)).doesNotContain("low_and_slow");
    }

    @Test
    void searchesOlderThanTheHorizonFallOut() {
        List<Finding> alerts = new ArrayList<>();
        for (int d = 0; d < 60; d += 5) {
            for (int i = 0; i < 3; i++) {
                alerts.addAll(
                        detectors.onEvent(state, unticketedCardSearch(T0 + d * DAY + i * HOUR)));
            }
        }
        assertThat(rules(alerts))
                .as("3 days in any 14 never reach 4 days")
                .doesNotContain("low_and_slow");
    }

    // ---- rules as data

    @Test
    void aDisabledRuleRaisesNothingButKeepsLearningAndVersionsAreRecorded() {
        io.agentwatch.models.config.Settings settings =
                io.agentwatch.models.config.Settings.of(
                        java.util.Map.of(
                                "dormant_account.enabled", "false", "new_country.version", "7"));
        BehaviourDetectors tuned = new BehaviourDetectors(new BehaviourConfig(settings));
        AgentBehaviourState s = new AgentBehaviourState();
        tuned.onEvent(s, view(AGENT, T0));
        assertThat(tuned.onEvent(s, view(AGENT, T0 + 30 * DAY))).isEmpty();
        assertThat(s.lastSeen).isEqualTo(T0 + 30 * DAY);
        for (int i = 0; i < 60; i++) {
            tuned.onEvent(s, at(view(AGENT, T0 + 30 * DAY + i * MINUTE), "IE", 53.35, -6.26));
        }
        List<Finding> alerts = tuned.onEvent(s, at(view(AGENT, T0 + 31 * DAY), "RO", 44.4, 26.1));
        assertThat(alerts)
                .extracting(a -> a.ruleId + " v" + a.ruleVersion)
                .containsExactly("new_country v7");
    }

    // ---- data_theft_sequence

    private AccessEvent export(long t, int rows) {
        AccessEvent e = event(AGENT, t, Action.EXPORT);
        e.resultCount = rows;
        return e;
    }

    @Test
    void searchViewRevealExportWithinTheWindowAlertsWithAllFourEvents() {
        AccessEvent search = event(AGENT, T0, Action.SEARCH);
        AccessEvent v = customerView(T0 + MINUTE, "C1", null);
        AccessEvent r = reveal(T0 + 2 * MINUTE, "C1", "T1");
        AccessEvent x = export(T0 + 5 * MINUTE, 20);
        List<Finding> alerts = feed(search, v, r, x);
        assertThat(rules(alerts)).contains("data_theft_sequence");
        Finding a =
                alerts.stream()
                        .filter(al -> al.ruleId.equals("data_theft_sequence"))
                        .findFirst()
                        .orElseThrow();
        assertThat(a.eventIds).containsExactly(search.eventId, v.eventId, r.eventId, x.eventId);
        assertThat(a.start).isEqualTo(T0);
        assertThat(a.reason).contains("within 5 minutes");
    }

    @Test
    void theStepsOutOfOrderOrTooSlowAreNotTheSequence() {
        List<Finding> outOfOrder =
                feed(
                        event(AGENT, T0, Action.SEARCH),
                        reveal(T0 + MINUTE, "C1", "T1"),
                        customerView(T0 + 2 * MINUTE, "C1", "T1"),
                        export(T0 + 3 * MINUTE, 20));
        assertThat(rules(outOfOrder)).doesNotContain("data_theft_sequence");
        AgentBehaviourState slow = new AgentBehaviourState();
        List<Finding> tooSlow = new ArrayList<>();
        for (AccessEvent e :
                List.of(
                        event(AGENT, T0 + 5 * HOUR, Action.SEARCH),
                        customerView(T0 + 5 * HOUR + MINUTE, "C2", "T2"),
                        reveal(T0 + 5 * HOUR + 2 * MINUTE, "C2", "T2"),
                        export(T0 + 6 * HOUR, 20))) {
            tooSlow.addAll(detectors.onEvent(slow, e));
        }
        assertThat(rules(tooSlow)).doesNotContain("data_theft_sequence");
    }

    // ---- bounds

    @Test
    void stateStaysBounded() {
        for (int i = 0; i < 20_000; i++) {
            AccessEvent e = customerView(T0 + i * SECOND, "C" + i, "T" + i);
            at(e, "C" + (char) ('A' + i % 26), 0, 0);
            detectors.onEvent(state, e);
            AccessEvent f = event(AGENT, T0 + i * SECOND, Action.LOGIN_FAILED);
            detectors.onEvent(state, f);
        }
        assertThat(state.countryCount).isLessThanOrEqualTo(AgentBehaviourState.MAX_COUNTRIES);
        assertThat(state.links).hasSize(AgentBehaviourState.MAX_TICKETS);
        assertThat(state.linkCount).isEqualTo(AgentBehaviourState.MAX_TICKETS);
        assertThat(state.failures).hasSize(AgentBehaviourState.MAX_FAILURES);
        assertThat(state.bulkHashes.length)
                .isLessThanOrEqualTo(AgentBehaviourState.MAX_WINDOW_CUSTOMERS);
        assertThat(state.hourOfWeek).hasSize(168);
        assertThat(state.ipCount).isLessThanOrEqualTo(ActivityBaseline.MAX_IPS);
    }
}

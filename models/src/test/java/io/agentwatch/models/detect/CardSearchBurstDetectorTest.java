package io.agentwatch.models.detect;

import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.SECOND;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.event.AccessEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardSearchBurstDetectorTest {
    private static final String AGENT = "agent-7";
    private static final long WINDOW = 15 * MINUTE;

    private final CardSearchBurstDetector detector =
            new CardSearchBurstDetector(CardSearchBurstConfig.defaults());

    /** A well-known peer group: quiet, with plenty of samples. */
    private static final PeerBaseline QUIET_PEERS = new PeerBaseline("tier1", 0.1, 0.2, 10_000, T0);

    private List<Finding> feed(
            CardSearchBurstState s, PeerBaseline peer, List<AccessEvent> events) {
        List<Finding> alerts = new ArrayList<>();
        for (AccessEvent e : events) {
            Finding a = detector.onEvent(s, e, peer);
            if (a != null) {
                alerts.add(a);
            }
        }
        return alerts;
    }

    private static List<AccessEvent> searches(long from, int count, long spacing) {
        List<AccessEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(cardSearch(AGENT, from + i * spacing));
        }
        return out;
    }

    @Test
    void firesOnTheEventThatCrossesTheThresholdAndOncePerEpisode() {
        CardSearchBurstState s = new CardSearchBurstState();
        List<AccessEvent> burst = searches(T0, 12, 30 * SECOND);
        List<Finding> alerts = new ArrayList<>();
        for (int i = 0; i < burst.size(); i++) {
            Finding a = detector.onEvent(s, burst.get(i), QUIET_PEERS);
            if (a != null) {
                alerts.add(a);
                assertThat(i)
                        .as("index of the crossing event")
                        .isEqualTo(4); // the 5th search: min_count 5
            }
        }
        assertThat(alerts).hasSize(1);
        Finding a = alerts.get(0);
        assertThat(a.ruleId).isEqualTo("card_search_burst");
        assertThat(a.agentId).isEqualTo(AGENT);
        assertThat(a.observed).isEqualTo(5);
        assertThat(a.start).isEqualTo(T0);
        assertThat(a.end).isEqualTo(T0 + 4 * 30 * SECOND);
        assertThat(a.eventIds)
                .containsExactly(
                        burst.subList(0, 5).stream().map(e -> e.eventId).toArray(String[]::new));
        assertThat(a.findingId).isEqualTo("card_search_burst:" + AGENT + ":" + T0);
        assertThat(a.basis).isEqualTo("peer");
        assertThat(a.peerBaselineMean).isEqualTo(0.1);
        assertThat(a.reason)
                .contains(AGENT)
                .contains("5 payment-card data searches within 15 minutes")
                .contains("tier1 peer baseline");
        assertThat(a.severity).isEqualTo(Severity.HIGH);
        assertThat(a.riskScore).isBetween(50.0, 99.0);
    }

    @Test
    void staysQuietBelowTheThreshold() {
        CardSearchBurstState s = new CardSearchBurstState();
        // Four searches per window, all day long: never five within 15 minutes.
        assertThat(feed(s, QUIET_PEERS, searches(T0, 64, 4 * MINUTE))).isEmpty();
    }

    @Test
    void aNewEpisodeAfterAQuietWindowAlertsAgain() {
        CardSearchBurstState s = new CardSearchBurstState();
        assertThat(feed(s, QUIET_PEERS, searches(T0, 6, 30 * SECOND))).hasSize(1);
        assertThat(feed(s, QUIET_PEERS, searches(T0 + 5 * MINUTE, 6, 30 * SECOND)))
                .as("same episode")
                .isEmpty();
        long quietUntil = detector.expiryTime(s);
        assertThat(quietUntil).isEqualTo(T0 + 5 * MINUTE + 5 * 30 * SECOND + WINDOW);
        detector.expire(s, quietUntil);
        assertThat(s.windowEmpty()).isTrue();
        assertThat(s.windowTimes).as("window arrays freed").isNull();
        assertThat(s.inEpisode).isFalse();
        assertThat(feed(s, QUIET_PEERS, searches(quietUntil + HOUR(), 6, 30 * SECOND))).hasSize(1);
    }

    @Test
    void expiryBeforeTheWindowPassesKeepsTheEpisode() {
        CardSearchBurstState s = new CardSearchBurstState();
        feed(s, QUIET_PEERS, searches(T0, 6, 30 * SECOND));
        detector.expire(s, T0 + 10 * MINUTE);
        assertThat(s.windowSize).isEqualTo(6);
        assertThat(s.inEpisode).isTrue();
    }

    @Test
    void aHeavyButSteadyUserIsJudgedByTheirOwnBaseline() {
        CardSearchBurstState s = new CardSearchBurstState();
        // A billing agent: 6 card lookups in every window for 50 active windows.
        long t = T0;
        for (int w = 0; w < 50; w++) {
            for (int i = 0; i < 6; i++) {
                s.inEpisode = false; // the history itself is not under test here
                detector.onEvent(s, cardSearch(AGENT, t + i * 2 * MINUTE), null);
            }
            t += WINDOW;
            detector.expire(s, t);
        }
        CardSearchBurstDetector.Threshold th = detector.threshold(s, null);
        assertThat(th.basis).isEqualTo("agent");
        assertThat(th.value).isGreaterThan(6);
        s.inEpisode = false;
        List<Finding> usual = feed(s, null, searches(t + WINDOW, 6, 2 * MINUTE));
        assertThat(usual).as("their usual pace").isEmpty();
    }

    @Test
    void withoutAnyHistoryTheColdStartMinimumApplies() {
        CardSearchBurstState s = new CardSearchBurstState();
        List<Finding> alerts = feed(s, null, searches(T0, 10, 30 * SECOND));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).observed).isEqualTo(8);
        assertThat(alerts.get(0).basis).isEqualTo("cold_start");
    }

    @Test
    void peersWithTooFewSamplesAreIgnored() {
        PeerBaseline young = new PeerBaseline("tier1", 0, 0, 3, T0);
        assertThat(detector.threshold(new CardSearchBurstState(), young).basis)
                .isEqualTo("cold_start");
    }

    @Test
    void otherEventsOnlyFeedTheBaseline() {
        CardSearchBurstState s = new CardSearchBurstState();
        for (int i = 0; i < 100; i++) {
            assertThat(detector.onEvent(s, view(AGENT, T0 + i * MINUTE), QUIET_PEERS)).isNull();
        }
        assertThat(s.windowTimes).isNull();
        assertThat(s.rate.samples).as("closed active windows").isEqualTo(6);
        assertThat(s.rate.mean).isZero();
    }

    @Test
    void outOfOrderSearchesAreCountedInTimeOrder() {
        CardSearchBurstState s = new CardSearchBurstState();
        long[] times = {T0 + 60 * SECOND, T0, T0 + 30 * SECOND, T0 + 120 * SECOND};
        for (long t : times) {
            detector.onEvent(s, cardSearch(AGENT, t), QUIET_PEERS);
        }
        assertThat(s.windowTimes)
                .startsWith(T0, T0 + 30 * SECOND, T0 + 60 * SECOND, T0 + 120 * SECOND);
    }

    @Test
    void theWindowIsBounded() {
        Settings small =
                Settings.of(
                        Map.of(
                                AgentwatchOptions.CARD_SEARCH_MAX_WINDOW_EVENTS.key(),
                                "16",
                                AgentwatchOptions.CARD_SEARCH_MAX_EVIDENCE.key(),
                                "3"));
        CardSearchBurstDetector bounded =
                new CardSearchBurstDetector(new CardSearchBurstConfig(small));
        CardSearchBurstState s = new CardSearchBurstState();
        Finding alert = null;
        for (int i = 0; i < 1000; i++) {
            Finding a = bounded.onEvent(s, cardSearch(AGENT, T0 + i * 100), QUIET_PEERS);
            alert = alert == null ? a : alert;
        }
        assertThat(s.windowSize).isEqualTo(16);
        assertThat(s.windowTimes.length).isEqualTo(16);
        assertThat(alert.eventIds).hasSize(3);
    }

    private static long HOUR() {
        return 60 * MINUTE;
    }

    @Test
    void aDisabledRuleKeepsItsBaselineButRaisesNothing() {
        Settings off = Settings.of(Map.of("card_search_burst.enabled", "false"));
        CardSearchBurstDetector disabled =
                new CardSearchBurstDetector(new CardSearchBurstConfig(off));
        CardSearchBurstState s = new CardSearchBurstState();
        for (AccessEvent e : searches(T0, 20, 10 * SECOND)) {
            assertThat(disabled.onEvent(s, e, QUIET_PEERS)).isNull();
        }
        assertThat(s.windowSize).isEqualTo(20);
        Settings v3 = Settings.of(Map.of("card_search_burst.version", "3"));
        List<Finding> alerts =
                feed(new CardSearchBurstState(), QUIET_PEERS, searches(T0, 6, 10 * SECOND));
        assertThat(alerts.get(0).ruleVersion).isEqualTo(1);
        CardSearchBurstDetector third = new CardSearchBurstDetector(new CardSearchBurstConfig(v3));
        CardSearchBurstState s3 = new CardSearchBurstState();
        Finding a = null;
        for (AccessEvent e : searches(T0, 6, 10 * SECOND)) {
            Finding x = third.onEvent(s3, e, QUIET_PEERS);
            a = a == null ? x : a;
        }
        assertThat(a.ruleVersion).isEqualTo(3);
    }
}

package io.agentwatch.models.simulator;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioScorerTest {
    private static Label label(Scenario s, String agent, String... ids) {
        Label l = new Label(s, agent);
        for (int i = 0; i < ids.length; i++) {
            l.add(ids[i], T0 + i * 1000);
        }
        return l;
    }

    @Test
    void matchesByCitedEventOrByAgentAndTime() {
        Label sweep = label(Scenario.CARD_SEARCH_SWEEP, "a1", "e1", "e2");
        Label scrape = label(Scenario.BULK_SCRAPE, "a2", "e3");
        Label stuffing = label(Scenario.CREDENTIAL_STUFFING, "a3", "e4");
        List<ScenarioScorer.ScoredFinding> alerts =
                List.of(
                        new ScenarioScorer.ScoredFinding(
                                "x1", "card_search_burst", "a1", T0, T0, T0, List.of("e2")),
                        // A second finding of the same alert that matches nothing on its own.
                        new ScenarioScorer.ScoredFinding(
                                "x1",
                                "new_country",
                                "a1",
                                T0 + 9 * HOUR,
                                T0 + 9 * HOUR,
                                T0 + 9 * HOUR,
                                List.of()),
                        new ScenarioScorer.ScoredFinding(
                                "x2",
                                "bulk_access",
                                "a2",
                                T0 + HOUR / 4,
                                T0 + 2 * HOUR, // fired again later: time to detect is the first
                                T0 + HOUR / 2,
                                List.of()),
                        new ScenarioScorer.ScoredFinding(
                                "x3", "card_search_burst", "a9", T0, T0, T0, List.of("zz")),
                        new ScenarioScorer.ScoredFinding(
                                "x4",
                                "bulk_access",
                                "a3",
                                T0 + 5 * HOUR,
                                T0 + 5 * HOUR,
                                T0 + 5 * HOUR,
                                List.of()));
        ScenarioScorer.Score score = ScenarioScorer.score(List.of(sweep, scrape, stuffing), alerts);
        assertThat(score.caughtBy.get(Scenario.CARD_SEARCH_SWEEP))
                .containsExactly("card_search_burst");
        assertThat(score.caught(Scenario.BULK_SCRAPE)).isTrue();
        assertThat(score.caught(Scenario.CREDENTIAL_STUFFING))
                .as("same agent, hours later")
                .isFalse();
        assertThat(score.unmatchedFindings).hasSize(3);
        assertThat(score.unmatchedAlerts)
                .as("an alert with one matching finding is not false")
                .containsExactly("x3", "x4");
        assertThat(score.timeToDetectMillis.get(Scenario.CARD_SEARCH_SWEEP)).isZero();
        assertThat(score.timeToDetectMillis.get(Scenario.BULK_SCRAPE)).isEqualTo(HOUR / 2);
        assertThat(score.timeToDetectMillis).doesNotContainKey(Scenario.CREDENTIAL_STUFFING);
    }
}

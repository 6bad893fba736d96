package io.agentwatch.models.risk;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.Severity;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AlertEpisodesTest {
    private final Settings settings = Settings.defaults();
    private final RiskScorer scorer = new RiskScorer(settings);
    private final RiskState state = new RiskState();

    private static Finding finding(String rule, double risk, long at, String... eventIds) {
        Finding f = new Finding();
        f.ruleId = rule;
        f.ruleName = rule;
        f.ruleVersion = 3;
        f.severity = Severity.HIGH;
        f.findingId = rule + ":a:" + at;
        f.agentId = "a";
        f.agentRole = "tier1";
        f.agentTeam = "t";
        f.riskScore = risk;
        f.start = at - 60_000;
        f.end = at;
        f.reason = rule + " fired.";
        f.eventIds = eventIds;
        return f;
    }

    private Alert add(AlertEpisodes episodes, Finding f) {
        return episodes.update(state, f, scorer.add(state, f));
    }

    @Test
    void findingsInOneEpisodeReviseOneAlert() {
        AlertEpisodes episodes = new AlertEpisodes(settings);
        Alert first = add(episodes, finding("new_country", 55, T0, "e1"));
        assertThat(first.revision).isEqualTo(1);
        assertThat(first.notifies()).isTrue();
        assertThat(first.severity).isEqualTo(Severity.MEDIUM);
        assertThat(first.opened).isEqualTo(T0);
        assertThat(first.alertId).isEqualTo("alert:a:" + (T0 - 60_000));

        Alert second = add(episodes, finding("impossible_travel", 75, T0 + HOUR, "e2"));
        assertThat(second.alertId).isEqualTo(first.alertId);
        assertThat(second.revision).isEqualTo(2);
        assertThat(second.severity).isEqualTo(Severity.HIGH);
        assertThat(second.escalated).as("medium to high").isTrue();
        assertThat(second.findings)
                .extracting(x -> x.ruleId)
                .containsExactly("new_country", "impossible_travel");
        assertThat(second.eventIds).containsExactly("e1", "e2");
        assertThat(second.reason)
                .startsWith("Agent a (tier1, team t) is at high risk (")
                .contains("new_country (+55) and impossible_travel (+")
                .endsWith("Largest: new_country fired.");

        Alert third = add(episodes, finding("new_country", 10, T0 + 2 * HOUR, "e1", "e3"));
        assertThat(third.revision).isEqualTo(3);
        assertThat(third.findings).hasSize(2);
        assertThat(third.findings[0].count).isEqualTo(2);
        assertThat(third.findings[0].end).isEqualTo(T0 + 2 * HOUR);
        assertThat(third.findings[0].detectedAt).as("when it first fired").isEqualTo(T0);
        assertThat(third.findings[0].eventIds).containsExactly("e1", "e3");
        assertThat(third.escalated).as("already high; critical needs 90").isFalse();
        assertThat(third.notifies()).isFalse();
        assertThat(first.findings).as("emitted revisions do not change later").hasSize(1);
    }

    @Test
    void severityNeverFallsWithinAnEpisode() {
        AlertEpisodes episodes = new AlertEpisodes(settings);
        add(episodes, finding("credential_stuffing", 85, T0));
        Alert later = add(episodes, finding("new_country", 50, T0 + 20 * HOUR));
        assertThat(later.risk).isLessThan(RiskScorer.HIGH);
        assertThat(later.severity).isEqualTo(Severity.HIGH);
        assertThat(later.maxRisk).isEqualTo(85.0);
    }

    @Test
    void aNewEpisodeStartsOnceRiskHasDecayedBelowTheThreshold() {
        AlertEpisodes episodes = new AlertEpisodes(settings);
        Alert first = add(episodes, finding("bulk_access", 60, T0));
        // 60 halves daily: below 25 after 1.3 days.
        Alert next = add(episodes, finding("off_hours", 50, T0 + 36 * HOUR));
        assertThat(next.alertId).isNotEqualTo(first.alertId);
        assertThat(next.revision).isEqualTo(1);
        assertThat(next.findings).extracting(x -> x.ruleId).containsExactly("off_hours");
    }

    @Test
    void findingsBelowTheThresholdWaitAndThenExplainTheAlert() {
        AlertEpisodes episodes = new AlertEpisodes(settings.with(Map.of("alert.threshold", "70")));
        assertThat(add(episodes, finding("new_country", 50, T0, "e1"))).isNull();
        Alert alert = add(episodes, finding("off_hours", 50, T0 + HOUR, "e2"));
        assertThat(alert.revision).isEqualTo(1);
        assertThat(alert.findings)
                .extracting(x -> x.ruleId)
                .containsExactly("new_country", "off_hours");
        assertThat(alert.start).isEqualTo(T0 - 60_000);
    }

    @Test
    void evidenceIsBounded() {
        AlertEpisodes episodes =
                new AlertEpisodes(settings.with(Map.of("alert.max_event_ids", "12")));
        String[] many = IntStream.range(0, 40).mapToObj(i -> "x" + i).toArray(String[]::new);
        add(episodes, finding("card_search_burst", 60, T0, many));
        Alert alert = add(episodes, finding("bulk_access", 60, T0 + HOUR, many.clone()));
        assertThat(alert.findings[0].eventIds).hasSize(AlertFinding.MAX_EVENT_IDS);
        assertThat(alert.eventIds).hasSize(AlertFinding.MAX_EVENT_IDS);
        add(episodes, finding("low_and_slow", 60, T0 + 2 * HOUR, "y1", "y2", "y3"));
        Alert last = add(episodes, finding("off_hours", 60, T0 + 3 * HOUR, "z1"));
        assertThat(last.eventIds).hasSize(12).startsWith("x0").contains("y1", "y2");
    }
}

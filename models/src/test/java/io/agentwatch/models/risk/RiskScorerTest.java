package io.agentwatch.models.risk;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import org.junit.jupiter.api.Test;

class RiskScorerTest {
    private final RiskScorer scorer = new RiskScorer(Settings.defaults());

    private static Finding finding(String rule, double risk, long at) {
        Finding a = new Finding();
        a.ruleId = rule;
        a.findingId = rule + ":a:" + at;
        a.agentId = "a";
        a.agentTeam = "t";
        a.riskScore = risk;
        a.start = at;
        a.end = at;
        return a;
    }

    @Test
    void findingsCombineWithoutPassing100() {
        RiskState s = new RiskState();
        AgentRisk first = scorer.add(s, finding("new_country", 50, T0));
        assertThat(first.risk).isEqualTo(50.0);
        assertThat(first.level).isEqualTo("medium");
        assertThat(first.previousRisk).isZero();
        AgentRisk second = scorer.add(s, finding("impossible_travel", 75, T0));
        assertThat(second.risk).isEqualTo(87.5);
        assertThat(second.level).isEqualTo("high");
        assertThat(second.contribution).isEqualTo(37.5);
        AgentRisk third = scorer.add(s, finding("credential_stuffing", 85, T0));
        assertThat(third.risk).isLessThan(100).isGreaterThanOrEqualTo(90);
        assertThat(third.level).isEqualTo("critical");
        assertThat(third.ruleId).isEqualTo("credential_stuffing");
    }

    @Test
    void riskHalvesEveryHalfLife() {
        RiskState s = new RiskState();
        scorer.add(s, finding("bulk_access", 80, T0));
        assertThat(scorer.riskAt(s, T0 + 24 * HOUR)).isCloseTo(40, within(1e-9));
        assertThat(scorer.riskAt(s, T0 + 48 * HOUR)).isCloseTo(20, within(1e-9));
        AgentRisk later = scorer.add(s, finding("new_country", 50, T0 + 48 * HOUR));
        assertThat(later.previousRisk).isEqualTo(20.0);
        assertThat(later.risk).isEqualTo(60.0);
    }

    @Test
    void levels() {
        assertThat(RiskScorer.level(10)).isEqualTo("none");
        assertThat(RiskScorer.level(25)).isEqualTo("low");
        assertThat(RiskScorer.level(74.9)).isEqualTo("medium");
        assertThat(RiskScorer.level(75)).isEqualTo("high");
        assertThat(RiskScorer.level(95)).isEqualTo("critical");
    }
}

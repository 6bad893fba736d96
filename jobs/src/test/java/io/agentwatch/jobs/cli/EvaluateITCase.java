package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.simulator.Scenario;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pins detection quality on one seed: the targets of `./detector evaluate --scenarios`. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EvaluateITCase {
    @Test
    void catchesEveryScenarioWithFewFalseAlerts() throws Exception {
        // 16 days: enough for the dormant account's 14 idle days.
        SimulationConfig config =
                new SimulationConfig(1, 60, 16, SimulationConfig.DEFAULT_START, 10_000);
        ScenarioEvaluation run =
                ScenarioEvaluation.run(config, Settings.defaults(), java.util.Map.of(), 2);

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        EvaluateCommand.print(List.of(run), new PrintStream(table, true, StandardCharsets.UTF_8));
        System.out.print(table.toString(StandardCharsets.UTF_8));

        // The target spares low_and_slow on some seeds; on this pinned seed it is caught
        // too.
        for (Scenario s : Scenario.values()) {
            assertThat(run.score.caught(s)).as("%s caught", s.id()).isTrue();
        }
        assertThat(run.falseAlertsPer100AgentDays()).isLessThanOrEqualTo(1.0);
        assertThat(table.toString(StandardCharsets.UTF_8))
                .contains("card_search_sweep")
                .contains("caught")
                .contains("false alerts");
    }
}

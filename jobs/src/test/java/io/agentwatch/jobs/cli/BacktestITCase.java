package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Resources;
import io.agentwatch.models.config.RuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./detector backtest} over simulated history: a disabled rule shows as alerts that stop
 * firing; the same rules change nothing; a model can be proposed beside the rules.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BacktestITCase {
    private static final Pattern TOTAL = Pattern.compile("(?m)^total\\s+(\\d+)\\s+(\\d+)$");

    @TempDir Path dir;

    private Path rulesWithout(String disabled) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules-without-" + disabled));
        for (String rule : AgentwatchOptions.RULES) {
            String text = Resources.text(RuleFiles.RESOURCE_DIR + rule + ".json");
            if (rule.equals(disabled)) {
                text = text.replace("\"enabled\": true", "\"enabled\": false");
            }
            Files.writeString(rules.resolve(rule + ".json"), text);
        }
        return rules;
    }

    private static int[] totals(String out) {
        Matcher m = TOTAL.matcher(out);
        assertThat(m.find()).as("a totals line in:%n%s", out).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    @Test
    void aDisabledRuleShowsAsAlertsThatStopFiringAndTheSameRulesChangeNothing() throws Exception {
        Path history = dir.resolve("history.ndjson");
        CliTestSupport.simulate(history, 11, 40, 3, 5000);

        String same = CliTestSupport.run("backtest", "--input", history.toString());
        int[] sameTotals = totals(same);
        assertThat(sameTotals[0]).as("the simulated scenarios raise alerts").isPositive();
        assertThat(sameTotals[1]).isEqualTo(sameTotals[0]);
        assertThat(same)
                .contains("would start firing (0)")
                .contains("would stop firing (0)")
                .contains("no change");

        Path rules = rulesWithout("card_search_burst");
        String without =
                CliTestSupport.run(
                        "backtest", "--input", history.toString(), "--rules", rules.toString());
        int[] t = totals(without);
        assertThat(t[0]).isEqualTo(sameTotals[0]);
        assertThat(t[1]).isLessThan(t[0]);
        Matcher stop = Pattern.compile("(?m)^would stop firing \\((\\d+)\\)$").matcher(without);
        assertThat(stop.find()).isTrue();
        assertThat(Integer.parseInt(stop.group(1))).isPositive();
        String stopped = without.substring(stop.end(), without.indexOf("severity would change"));
        assertThat(stopped)
                .as("the alerts that stop are card_search_burst's")
                .contains("card_search_burst");
        assertThat(without)
                .contains("proposed: rules " + rules)
                .contains("current:  shipped rules");
    }

    @Test
    void aModelIsProposedBesideTheRules() throws Exception {
        Path history = dir.resolve("history.ndjson");
        CliTestSupport.simulate(history, 11, 40, 3, 5000);
        Path bundle = CliTestSupport.trainedBundle(dir, 12, 40, 7);

        // The model finds the scenarios the rules already alert on; a lower threshold, and risk
        // enough that a model finding alone opens an alert, make the proposal add alerts.
        String out =
                CliTestSupport.run(
                        "backtest",
                        "--input",
                        history.toString(),
                        "--model",
                        bundle.toString(),
                        "--set",
                        "model_anomaly.min_percentile=99",
                        "--set",
                        "model_anomaly.risk_score=30");
        int[] t = totals(out);
        assertThat(t[0]).isPositive();
        assertThat(t[1]).isGreaterThan(t[0]);
        assertThat(out).contains("proposed: shipped rules, model " + bundle);
        String started =
                out.substring(out.indexOf("would start firing"), out.indexOf("would stop firing"));
        assertThat(started.lines().skip(1).filter(l -> !l.startsWith("  ...")))
                .as("every alert that would start firing carries the model's finding")
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("model_anomaly"));
    }
}

package io.agentwatch.models.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleFilesTest {
    private static final Path RULES = Path.of("..", "rules");

    @Test
    void everyRuleFileInTheRepositoryIsValidAndEveryDetectorHasOne() throws Exception {
        Map<String, String> settings = RuleFiles.load(RULES);
        for (String rule : AgentwatchOptions.RULES) {
            assertThat(settings)
                    .as("rule file for %s", rule)
                    .containsKey(rule + ".version")
                    .containsKey(rule + ".enabled");
        }
        Settings s = Settings.of(settings);
        assertThat(s.get(AgentwatchOptions.CARD_SEARCH_MIN_COUNT)).isEqualTo(5);
    }

    @Test
    void theShippedDefaultsAreTheRepositorysRules() throws Exception {
        assertThat(RuleFiles.loadDefaults()).isEqualTo(RuleFiles.load(RULES));
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnce() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "card_search_burst.json",
                "{\"id\":\"card_search_burst\",\"version\":0,\"name\":\"x\",\"severity\":\"urgent\",\"enabled\":\"yes\",\"description\":\"d\",\"triage\":\"t\",\"thresholds\":{\"min_count\":\"many\",\"windw\":\"1m\"},\"colour\":1}");
        files.put(
                "other.json",
                "{\"id\":\"bulk_access\",\"version\":2,\"name\":\"x\",\"severity\":\"high\",\"enabled\":true,\"description\":\"\",\"triage\":\"t\",\"thresholds\":{}}");
        files.put("broken.json", "{not json");
        files.put("mystery.json", "{\"id\":\"mind_reading\"}");
        assertThatThrownBy(() -> RuleFiles.parse(files))
                .hasMessageContaining(
                        "card_search_burst.json: version must be an integer of 1 or more")
                .hasMessageContaining("card_search_burst.json: enabled must be true or false")
                .hasMessageContaining("card_search_burst.json: severity must be one of")
                .hasMessageContaining(
                        "option card_search_burst.min_count: 'many' is not an integer")
                .hasMessageContaining("card_search_burst.json: unknown threshold 'windw'")
                .hasMessageContaining("card_search_burst.json: unknown field 'colour'")
                .hasMessageContaining("other.json: file name must be bulk_access.json")
                .hasMessageContaining("other.json: description must be a non-blank string")
                .hasMessageContaining("broken.json: not JSON")
                .hasMessageContaining("mystery.json: id 'mind_reading' is not a detector");
    }

    @Test
    void settingsFromRulesLoseToTheConfigAndToOverrides() throws Exception {
        Map<String, String> rules =
                Map.of("card_search_burst.min_count", "9", "card_search_burst.version", "3");
        Settings s = Settings.load(rules, null, Map.of("card_search_burst.min_count", "11"));
        assertThat(s.get(AgentwatchOptions.CARD_SEARCH_MIN_COUNT)).isEqualTo(11);
        assertThat(s.get(AgentwatchOptions.version("card_search_burst"))).isEqualTo(3);
    }
}

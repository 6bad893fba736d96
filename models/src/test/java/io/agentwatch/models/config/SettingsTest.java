package io.agentwatch.models.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void everyKeyIsUniqueAndDocumented() {
        Set<String> keys = new HashSet<>();
        for (ConfigOption<?> o : AgentwatchOptions.all()) {
            assertThat(keys.add(o.key())).as("duplicate key %s", o.key()).isTrue();
            assertThat(o.description()).as(o.key()).isNotBlank();
            assertThat(o.parse(o.formatDefault()))
                    .as("default of %s round-trips", o.key())
                    .isEqualTo(o.defaultValue());
        }
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        assertThat(Settings.defaults().get(AgentwatchOptions.CARD_SEARCH_WINDOW))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(Settings.defaults().get(AgentwatchOptions.CARD_SEARCH_MIN_COUNT)).isEqualTo(5);
    }

    @Test
    void valuesAreParsedByType() {
        Settings s =
                Settings.of(
                        Map.of(
                                "card_search_burst.window",
                                "10m",
                                "card_search_burst.min_count",
                                "7",
                                "card_search_burst.agent_k",
                                "3.5"));
        assertThat(s.get(AgentwatchOptions.CARD_SEARCH_WINDOW)).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.get(AgentwatchOptions.CARD_SEARCH_MIN_COUNT)).isEqualTo(7);
        assertThat(s.get(AgentwatchOptions.CARD_SEARCH_AGENT_K)).isEqualTo(3.5);
        assertThat(ConfigOption.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(ConfigOption.parseDuration("900s")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheOption() {
        assertThatThrownBy(
                        () ->
                                Settings.of(
                                        Map.of(
                                                "card_search_burst.min_count", "many",
                                                "card_search_burst.window", "0m",
                                                "card_search_burst.windw", "15m")))
                .hasMessageContaining(
                        "option card_search_burst.min_count: 'many' is not an integer")
                .hasMessageContaining("option card_search_burst.window: '0m' is out of range")
                .hasMessageContaining("unknown option card_search_burst.windw");
    }

    @Test
    void loadsAPropertiesFileWithOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agentwatch.properties");
        Files.writeString(file, "card_search_burst.min_count=9\ncard_search_burst.peer_k=6\n");
        Settings s = Settings.load(file, Map.of("card_search_burst.min_count", "11"));
        assertThat(s.get(AgentwatchOptions.CARD_SEARCH_MIN_COUNT)).isEqualTo(11);
        assertThat(s.get(AgentwatchOptions.CARD_SEARCH_PEER_K)).isEqualTo(6.0);
    }
}

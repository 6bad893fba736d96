package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.config.AgentwatchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OptionDefaultsTest {
    @TempDir Path dir;

    private RunCommand parse(Map<String, String> env, String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run)
                .setDefaultValueProvider(OptionDefaults.from(args, env))
                .parseArgs(args);
        return run;
    }

    @Test
    void aFlagWinsThenTheEnvironmentThenTheConfigFileThenTheDefault() throws Exception {
        Path config = dir.resolve("agentwatch.properties");
        Files.writeString(
                config,
                "es=http://from-file:9200\n"
                        + "es-index-prefix=fromfile\n"
                        + "group=file-group\n"
                        + "card_search_burst.min_count=7\n");

        RunCommand fileOnly = parse(Map.of(), "--config", config.toString(), "--input", "x");
        assertThat(fileOnly.es.urls).containsExactly("http://from-file:9200");
        assertThat(fileOnly.es.indexPrefix).isEqualTo("fromfile");
        assertThat(fileOnly.group).isEqualTo("file-group");
        assertThat(fileOnly.topic).as("built-in default").isEqualTo("agent-access-events");
        assertThat(fileOnly.settingsOptions.load().get(AgentwatchOptions.CARD_SEARCH_MIN_COUNT))
                .isEqualTo(7);

        RunCommand env =
                parse(
                        Map.of(
                                "AGENTWATCH_ES",
                                "http://from-env:9200",
                                "AGENTWATCH_ES_API_KEY",
                                "k"),
                        "--config",
                        config.toString(),
                        "--input",
                        "x");
        assertThat(env.es.urls).containsExactly("http://from-env:9200");
        assertThat(env.es.apiKey).isEqualTo("k");
        assertThat(env.es.indexPrefix).isEqualTo("fromfile");

        RunCommand flag =
                parse(
                        Map.of("AGENTWATCH_ES", "http://from-env:9200"),
                        "--config=" + config,
                        "--input",
                        "x",
                        "--es",
                        "http://from-flag:9200");
        assertThat(flag.es.urls).containsExactly("http://from-flag:9200");
    }

    @Test
    void environmentNamesFollowTheOptionNames() {
        assertThat(OptionDefaults.envName("es-api-key")).isEqualTo("AGENTWATCH_ES_API_KEY");
        assertThat(OptionDefaults.envName("kafka")).isEqualTo("AGENTWATCH_KAFKA");
    }

    @Test
    void anUnknownDetectionSettingInTheFileIsReported() throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "card_search_burst.min_cont=7\n");
        RunCommand run = parse(Map.of(), "--config", config.toString(), "--input", "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run.settingsOptions.load())
                .hasMessageContaining("unknown option card_search_burst.min_cont");
    }
}

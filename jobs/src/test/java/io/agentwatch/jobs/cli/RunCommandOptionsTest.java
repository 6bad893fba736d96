package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option combinations {@code run} refuses before starting anything, each with a clear message. */
class RunCommandOptionsTest {
    @TempDir Path dir;

    private static String refused(String... args) {
        CliTestSupport.Outcome r = CliTestSupport.capture(args);
        assertThat(r.code()).as("exit code of a usage error").isEqualTo(2);
        return r.err();
    }

    @Test
    void followNeedsAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("events.ndjson"), "");
        assertThat(refused("run", "--input", file.toString(), "--follow", "--output", "out"))
                .contains("--follow needs --input FOLDER");
    }

    @Test
    void watchingRulesNeedsTheRulesFolderAndAnEndlessInput() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        assertThat(
                        refused(
                                "run",
                                "--input",
                                dir.toString(),
                                "--follow",
                                "--watch-rules",
                                "--output",
                                "out"))
                .contains("--watch-rules needs --rules DIR");
        assertThat(
                        refused(
                                "run",
                                "--input",
                                dir.toString(),
                                "--rules",
                                rules.toString(),
                                "--watch-rules",
                                "--output",
                                "out"))
                .contains("--watch-rules needs an endless input");
    }
}

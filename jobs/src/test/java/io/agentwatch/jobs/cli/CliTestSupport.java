package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs the CLI in-process for tests and reads what it wrote. */
final class CliTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CliTestSupport() {}

    /** Runs {@code ./detector ARGS}, asserts it exits 0, and returns what it printed on stdout. */
    static String run(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(DetectorCli.run(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /**
     * Simulates a contact centre into a file with {@code ./detector simulate}, asserting exit 0.
     */
    static void simulate(Path out, int seed, int agents, int days, int customers) {
        assertThat(
                        DetectorCli.run(
                                "simulate",
                                "--seed",
                                "" + seed,
                                "--agents",
                                "" + agents,
                                "--days",
                                "" + days,
                                "--customers",
                                "" + customers,
                                "--out",
                                out.toString()))
                .as("simulate into %s", out)
                .isZero();
    }

    /** Every document of the NDJSON files with this prefix in an output folder. */
    /** The rules behind an alert document (its {@code rule.id} array). */
    static List<String> ruleIds(JsonNode alert) {
        List<String> ids = new java.util.ArrayList<>();
        alert.path("rule").path("id").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    static List<JsonNode> documents(Path out, String prefix) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (Path f : DemoSummary.files(out, prefix)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                docs.add(JSON.readTree(line));
            }
        }
        return docs;
    }

    /** Fails on any line of any file in the folder that holds a card number. */
    static void assertNoCardNumbers(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    assertThat(CardNumbers.containsCardNumber(line))
                            .as("%s: %s", f.getFileName(), line)
                            .isFalse();
                }
            }
        }
    }
}

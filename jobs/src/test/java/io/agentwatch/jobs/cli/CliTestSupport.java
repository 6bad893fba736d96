package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.io.NdjsonFileSinks;
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
        Outcome r = capture(args);
        assertThat(r.code()).as(String.join(" ", args)).isZero();
        return r.out();
    }

    /** An exit code and what the command printed. */
    record Outcome(int code, String out, String err) {}

    /** Runs {@code ./detector ARGS} (with an empty environment) and captures stdout and stderr. */
    static Outcome capture(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = DetectorCli.run(java.util.Map.of(), args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        Outcome r =
                new Outcome(
                        code,
                        out.toString(StandardCharsets.UTF_8),
                        err.toString(StandardCharsets.UTF_8));
        stdout.print(r.out());
        stderr.print(r.err());
        return r;
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

    /**
     * A model bundle trained with {@code ./detector train} on a contact centre simulated into
     * {@code dir} (another seed than the data it will score); returns its folder.
     */
    static Path trainedBundle(Path dir, int seed, int agents, int days) {
        Path training = dir.resolve("training-" + seed + ".ndjson");
        simulate(training, seed, agents, days, 2000);
        Path bundle = dir.resolve("bundle-" + seed);
        run("train", "--input", training.toString(), "--out", bundle.toString());
        return bundle;
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
        NdjsonFileSinks.documents(out, prefix, docs::add);
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

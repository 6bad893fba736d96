package io.agentwatch.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.models.event.Timestamps;
import io.agentwatch.models.sensitivity.CardNumbers;
import io.agentwatch.models.simulator.Label;
import io.agentwatch.models.simulator.Scenario;
import io.agentwatch.models.simulator.ScenarioScorer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads what a demo run wrote and judges it against the simulator's ground truth. */
final class DemoSummary {
    final long eventsIn;
    final long eventsOut;
    final long deadLetters;
    final double seconds;
    final int alerts;
    final Map<String, Integer> alertsByRule = new TreeMap<>();
    final ScenarioScorer.Score score;
    final List<String> unmaskedCardLines = new ArrayList<>();

    private DemoSummary(
            long eventsIn,
            long eventsOut,
            long deadLetters,
            double seconds,
            int alerts,
            List<ScenarioScorer.ScoredFinding> findings,
            List<Label> labels) {
        this.eventsIn = eventsIn;
        this.eventsOut = eventsOut;
        this.deadLetters = deadLetters;
        this.seconds = seconds;
        this.alerts = alerts;
        for (ScenarioScorer.ScoredFinding f : findings) {
            alertsByRule.merge(f.ruleId, 1, Integer::sum);
        }
        this.score = ScenarioScorer.score(labels, findings);
    }

    static DemoSummary read(
            Path out, long eventsIn, long deadLetters, double seconds, List<Label> labels)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        // The file holds every revision of an alert; the latest holds all its findings.
        Map<String, JsonNode> latest = new TreeMap<>();
        for (Path f : NdjsonFileSinks.outputs(out, NdjsonFileSinks.ALERTS_PREFIX)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode a = json.readTree(line);
                latest.merge(
                        a.path("agentwatch").path("alert").path("id").asText(),
                        a,
                        (x, y) -> revision(y) > revision(x) ? y : x);
            }
        }
        List<ScenarioScorer.ScoredFinding> findings = new ArrayList<>();
        for (JsonNode a : latest.values()) {
            for (JsonNode f : a.path("agentwatch").path("alert").path("findings")) {
                List<String> ids = new ArrayList<>();
                f.path("event_ids").forEach(n -> ids.add(n.asText()));
                findings.add(
                        new ScenarioScorer.ScoredFinding(
                                a.path("agentwatch").path("alert").path("id").asText(),
                                f.path("rule_id").asText(),
                                a.path("user").path("id").asText(),
                                Timestamps.parseMillis(f.path("start").asText()),
                                Timestamps.parseMillis(f.path("end").asText()),
                                Timestamps.parseMillis(f.path("detected_at").asText()),
                                ids));
            }
        }
        long eventsOut = 0;
        for (Path f : NdjsonFileSinks.outputs(out, NdjsonFileSinks.EVENTS_PREFIX)) {
            try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                eventsOut += lines.count();
            }
        }
        DemoSummary s =
                new DemoSummary(
                        eventsIn, eventsOut, deadLetters, seconds, latest.size(), findings, labels);
        s.checkNoCardNumbers(out);
        return s;
    }

    private static int revision(JsonNode alert) {
        return alert.path("agentwatch").path("alert").path("revision").asInt();
    }

    /** Our own guarantee, checked on every demo: no line of any output holds a card number. */
    private void checkNoCardNumbers(Path out) throws IOException {
        try (Stream<Path> all = Files.list(out)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    long n = 0;
                    while ((line = r.readLine()) != null) {
                        n++;
                        if (CardNumbers.containsCardNumber(line)) {
                            unmaskedCardLines.add(f.getFileName() + ":" + n);
                        }
                    }
                }
            }
        }
    }

    void print(PrintStream o, Path out) {
        o.println();
        o.println("agentwatch demo: summary");
        o.printf(
                "  events processed      %,d (%,d enriched out, %,d dead letters)%n",
                eventsIn, eventsOut, deadLetters);
        o.printf(
                "  throughput            %,.0f events/s (%.1f s of job time)%n",
                eventsIn / Math.max(seconds, 1e-3), seconds);
        o.printf("  alerts                %d (one per agent and risk episode)%n", alerts);
        o.println("  alerts each rule contributed to");
        alertsByRule.forEach((rule, n) -> o.printf("    %-24s %d%n", rule, n));
        o.println("  injected scenarios (ground truth: labels.csv)");
        for (Map.Entry<Scenario, java.util.Set<String>> e : score.caughtBy.entrySet()) {
            boolean caught = !e.getValue().isEmpty();
            o.printf(
                    "    %-26s %s%n",
                    e.getKey().id(),
                    caught ? "CAUGHT by " + String.join(", ", e.getValue()) : "missed");
        }
        o.printf("  alerts matching no scenario  %d%n", score.unmatchedAlerts.size());
        o.printf(
                "  unmasked card numbers in output  %s%n",
                unmaskedCardLines.isEmpty()
                        ? "none"
                        : unmaskedCardLines.size()
                                + " lines: "
                                + unmaskedCardLines.subList(
                                        0, Math.min(5, unmaskedCardLines.size())));
        o.printf(
                "  output                %s (events-*.ndjson, alerts-*.ndjson,"
                        + " agent-risk-*.ndjson, access-review-*.ndjson, dead-letters-*.ndjson,"
                        + " labels.csv)%n",
                out);
    }
}

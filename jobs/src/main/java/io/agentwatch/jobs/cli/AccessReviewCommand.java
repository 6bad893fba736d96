package io.agentwatch.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentwatch.jobs.elasticsearch.AccessReviewIndex;
import io.agentwatch.jobs.elasticsearch.DocumentScan;
import io.agentwatch.jobs.elasticsearch.ElasticsearchSetup;
import io.agentwatch.jobs.elasticsearch.IndexNames;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.EventFiles;
import io.agentwatch.models.event.Outcome;
import io.agentwatch.models.event.Timestamps;
import io.agentwatch.models.review.AccessReview;
import io.agentwatch.models.review.AccessReviewConfig;
import io.agentwatch.models.review.AccessReviewCsv;
import io.agentwatch.models.review.FieldReview;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.sensitivity.FieldClassifier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./detector access-review}: which customer data each role and team really used over a
 * period, and what to mask. Reads event files or the events the job wrote to Elasticsearch; prints
 * the recommendations per role, writes a CSV, and with {@code --es} the access-review index.
 */
@Command(
        name = "access-review",
        mixinStandardHelpOptions = true,
        description =
                "Learns from access events which customer data fields each role and team use, and"
                        + " recommends per field: mask, keep or review.")
public final class AccessReviewCommand implements Callable<Integer> {
    private static final long PROGRESS_EVERY = 1_000_000;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description =
                    "Access events: an NDJSON file, .gz file, or a folder of them; or a run's"
                            + " output folder (--output DIR, demo-out/): its enriched events.")
    Path input;

    @Mixin ElasticsearchOptions es;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description =
                    "With --es and no --input: the period's start (ISO-8601 time or date;"
                            + " default: 30 days before --to).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "With --es and no --input: the period's end, exclusive (default: now).")
    String to;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            defaultValue = "access-review.csv",
            description = "CSV of every group and field (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--teams",
            description = "Also print the teams' recommendations (the CSV always has them).")
    boolean teams;

    @Mixin SettingsOptions settingsOptions;

    @Override
    public Integer call() throws Exception {
        if (input == null && !es.present()) {
            throw new ParameterException(
                    new CommandLine(this),
                    "give --input PATH, or --es URL to read the job's events");
        }
        if (input != null && (from != null || to != null)) {
            throw new ParameterException(
                    new CommandLine(this),
                    "--from and --to go with --es: --input reviews the whole files");
        }
        AccessReviewConfig config = new AccessReviewConfig(settingsOptions.load());
        String sensitivity = settingsOptions.sensitivityRulesPath();
        FieldClassifier classifier = FieldClassifier.fromFileOrDefaults(sensitivity);
        AccessReview review = new AccessReview(config, classifier);
        long started = System.nanoTime();
        long[] period;
        if (input != null && isRunOutput(input)) {
            readRunOutput(input, review);
            period = new long[] {review.from(), review.to() + 1};
        } else if (input != null) {
            EventFiles files = new EventFiles(new EventSanitizer(classifier));
            files.read(
                    input,
                    e -> {
                        review.add(e);
                        if (files.valid() % PROGRESS_EVERY == 0) {
                            System.err.printf(
                                    "access-review: %,d events read (%.0f s)%n",
                                    files.valid(), (System.nanoTime() - started) / 1e9);
                        }
                    },
                    bad -> {});
            System.err.printf(
                    "access-review: %,d events (%,d invalid, skipped)%n",
                    files.valid(), files.invalid());
            period = new long[] {review.from(), review.to() + 1};
        } else {
            period = period();
        }
        if (period[0] >= period[1]) {
            System.err.println("access-review: no events in the period");
            return 1;
        }
        try (RestClient rest = es.present() ? es.connection().restClient() : null) {
            if (input == null) {
                readElasticsearch(rest, es.names(), period, review);
            }
            List<FieldReview> reviews = review.reviews();
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                AccessReviewCsv.write(reviews, w);
            }
            print(reviews, period, teams, System.out);
            System.out.println("csv: " + out.toAbsolutePath());
            if (rest != null) {
                new ElasticsearchSetup(rest, es.names()).install(es.retention());
                AccessReviewIndex.write(rest, es.names(), reviews, period[0], period[1]);
                System.out.printf(
                        "elasticsearch: %d rows in %s%n",
                        reviews.size(), es.names().accessReview());
            }
        }
        return 0;
    }

    private long[] period() {
        long end = to == null ? System.currentTimeMillis() : time(to, "--to");
        long start = from == null ? end - Duration.ofDays(30).toMillis() : time(from, "--from");
        return new long[] {start, end};
    }

    private long time(String text, String option) {
        long t = Timestamps.parseMillis(text.length() == 10 ? text + "T00:00:00Z" : text);
        if (t == Long.MIN_VALUE) {
            throw new ParameterException(
                    new CommandLine(this),
                    option
                            + ": not an ISO-8601 time or date (2026-03-01, 2026-03-01T08:00:00Z): '"
                            + text
                            + "'");
        }
        return t;
    }

    /** A folder a run wrote (its {@code --output}, or the demo's {@code demo-out/}). */
    static boolean isRunOutput(Path input) throws IOException {
        return Files.isDirectory(input)
                && !NdjsonFileSinks.outputs(input, NdjsonFileSinks.EVENTS_PREFIX).isEmpty();
    }

    /** The enriched events of a run's output folder: already masked and classified. */
    private static void readRunOutput(Path folder, AccessReview review) throws IOException {
        long[] n = {0};
        NdjsonFileSinks.documents(
                folder,
                NdjsonFileSinks.EVENTS_PREFIX,
                doc -> {
                    review.add(event(doc));
                    n[0]++;
                });
        System.err.printf("access-review: %,d enriched events from %s%n", n[0], folder);
    }

    /** The job's enriched events (what the review needs of them) back as events. */
    private static void readElasticsearch(
            RestClient rest, IndexNames names, long[] period, AccessReview review)
            throws IOException {
        long[] n = {0};
        DocumentScan.each(
                rest,
                names.eventsPrefix() + "*",
                period[0],
                period[1],
                doc -> {
                    review.add(event(doc));
                    if (++n[0] % PROGRESS_EVERY == 0) {
                        System.err.printf("access-review: %,d events read%n", n[0]);
                    }
                });
        System.err.printf("access-review: %,d events from Elasticsearch%n", n[0]);
    }

    static AccessEvent event(JsonNode doc) {
        AccessEvent e = new AccessEvent();
        e.timestamp = Timestamps.parseMillis(doc.path("@timestamp").asText());
        e.agentId = doc.path("user").path("id").asText();
        JsonNode roles = doc.path("user").path("roles");
        e.agentRole = roles.size() > 0 ? roles.get(0).asText() : null;
        JsonNode aw = doc.path("agentwatch");
        e.agentTeam = text(aw.path("agent").path("team"));
        e.customerId = text(aw.path("customer").path("id"));
        e.ticketId = text(aw.path("ticket").path("id"));
        JsonNode fields = aw.path("fields");
        if (fields.isArray()) {
            e.fields = new String[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                e.fields[i] = fields.get(i).asText();
            }
        }
        e.outcome =
                "failure".equals(doc.path("event").path("outcome").asText())
                        ? Outcome.FAILURE
                        : Outcome.SUCCESS;
        return e;
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    static void print(List<FieldReview> reviews, long[] period, boolean teams, PrintStream out) {
        out.printf(
                "access review %s to %s%n",
                Instant.ofEpochMilli(period[0]), Instant.ofEpochMilli(period[1]));
        String group = null;
        for (FieldReview r : reviews) {
            if (!teams && !r.groupKind.equals(AccessReview.ROLE)) {
                continue;
            }
            if (!(r.groupKind + r.group).equals(group)) {
                group = r.groupKind + r.group;
                out.printf("%n%s %s (%d active agents)%n", r.groupKind, r.group, r.agentsInGroup);
            }
            out.printf(
                    Locale.ROOT,
                    "  %-6s %-28s %-13s %3d/%-3d agents %5.0f%% with ticket  %s%n",
                    r.recommendation.label(),
                    r.field,
                    r.sensitivity,
                    r.agentsAccessed,
                    r.agentsInGroup,
                    100 * r.ticketShare(),
                    r.evidence.isEmpty()
                            ? ""
                            : "review: "
                                    + r.evidence.stream()
                                            .map(
                                                    a ->
                                                            a.agentId()
                                                                    + " ("
                                                                    + a.withoutTicket()
                                                                    + " without ticket)")
                                            .collect(Collectors.joining(", ")));
        }
    }
}

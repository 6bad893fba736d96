package io.agentwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.jobs.io.FileInputs;
import io.agentwatch.jobs.testing.MiniClusters;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.ErrorReason;
import io.agentwatch.models.output.DeadLetter;
import io.agentwatch.models.sensitivity.CardNumbers;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over 10,000 mutated and garbage records mixed into a simulated stream: the job, with restarts
 * switched off, never fails; every bad record is a dead letter with the reason its mutation must
 * give, at its line; every valid event comes out once; no card number in a dead letter.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BadInputAtVolumeITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BAD = 10_500;

    @TempDir Path dir;

    /** A bad record and the reason it must be refused for. */
    private record Bad(byte[] bytes, ErrorReason reason) {}

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String with(String valid, String field, Object value) throws Exception {
        ObjectNode o = (ObjectNode) JSON.readTree(valid);
        o.set(field, JSON.valueToTree(value));
        return JSON.writeValueAsString(o);
    }

    /** One mutation of a valid line, chosen by {@code kind}. */
    private static Bad mutate(String valid, int kind, SplittableRandom r) throws Exception {
        switch (kind) {
            case 0: // truncated
                return new Bad(
                        utf8(valid.substring(0, 1 + r.nextInt(valid.length() - 2))),
                        ErrorReason.NOT_JSON);
            case 1: // wrong type
                return new Bad(utf8(with(valid, "result_count", "many")), ErrorReason.WRONG_TYPE);
            case 2: // huge field, with a card number in it
                return new Bad(
                        utf8(with(valid, "query", "4111 1111 1111 1111 " + "x".repeat(70_000))),
                        ErrorReason.TOO_LARGE);
            case 3: // invalid UTF-8 inside a string
                {
                    byte[] b = utf8(valid);
                    int at = valid.indexOf("\"action\"") + 2;
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(b, 0, at);
                    out.write(0xC3);
                    out.write(0x28);
                    out.write(b, at, b.length - at);
                    return new Bad(out.toByteArray(), ErrorReason.INVALID_UTF8);
                }
            case 4: // deep nesting
                {
                    int depth = 2_000;
                    String nested = "[".repeat(depth) + "]".repeat(depth);
                    return new Bad(
                            utf8(
                                    valid.substring(0, valid.length() - 1)
                                            + ",\"deep\":"
                                            + nested
                                            + "}"),
                            ErrorReason.NOT_JSON);
                }
            case 5: // far past
                return new Bad(
                        utf8(with(valid, "@timestamp", "1970-01-02T00:00:00Z")),
                        ErrorReason.TIME_OUT_OF_RANGE);
            case 6: // far future
                return new Bad(
                        utf8(with(valid, "@timestamp", "3026-03-02T09:00:00Z")),
                        ErrorReason.TIME_OUT_OF_RANGE);
            case 7: // not an object
                return new Bad(utf8("[" + valid + "]"), ErrorReason.NOT_AN_OBJECT);
            case 8: // garbage text with a card number
                return new Bad(
                        utf8("garbage " + r.nextLong() + " card 5555555555554444"),
                        ErrorReason.NOT_JSON);
            default: // an unknown action
                return new Bad(utf8(with(valid, "action", "teleport")), ErrorReason.UNKNOWN_ACTION);
        }
    }

    @Test
    void badRecordsBecomeDeadLettersWithTheirReasonAndValidEventsComeOutOnce() throws Exception {
        ByteArrayOutputStream simulated = new ByteArrayOutputStream();
        new ContactCentreSimulator(
                        new SimulationConfig(21, 60, 2, SimulationConfig.DEFAULT_START, 3_000))
                .run(simulated, null);
        List<String> valid = simulated.toString(StandardCharsets.UTF_8).lines().toList();

        SplittableRandom r = new SplittableRandom(21);
        Path input = dir.resolve("mixed.ndjson");
        Map<Long, ErrorReason> expected = new HashMap<>();
        Map<ErrorReason, Integer> expectedByReason = new TreeMap<>();
        int duplicates = 0;
        long line = 0;
        int bad = 0;
        try (OutputStream out = Files.newOutputStream(input)) {
            for (int i = 0; i < valid.size(); i++) {
                out.write(utf8(valid.get(i) + "\n"));
                line++;
                // About one bad record per valid event, and now and then the event again.
                int here = (BAD - bad) * 2 / Math.max(1, valid.size() - i);
                for (int k = 0; k < here || (k == 0 && r.nextInt(3) == 0 && bad < BAD); k++) {
                    int kind = r.nextInt(10);
                    // Huge records are one in a hundred: enough to test, not a 70 MB file.
                    Bad b = mutate(valid.get(i), kind == 2 && r.nextInt(10) != 0 ? 0 : kind, r);
                    out.write(b.bytes());
                    out.write('\n');
                    expected.put(++line, b.reason());
                    expectedByReason.merge(b.reason(), 1, Integer::sum);
                    bad++;
                }
                if (r.nextInt(50) == 0) {
                    out.write(utf8(valid.get(i) + "\n"));
                    line++;
                    duplicates++;
                }
            }
        }
        assertThat(bad).isGreaterThanOrEqualTo(10_000);
        assertThat(duplicates).isPositive();
        expectedByReason.merge(ErrorReason.DUPLICATE_EVENT, duplicates, Integer::sum);

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // No restarts: an exception anywhere fails the run instead of hiding behind a recovery.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DetectionStreams streams =
                new DetectionJob(Settings.defaults(), null)
                        .wire(
                                env.fromSource(
                                                FileInputs.source(input),
                                                WatermarkStrategy.noWatermarks(),
                                                "mixed")
                                        .setParallelism(1));
        List<DeadLetter> deadLetters = new ArrayList<>();
        Map<String, Integer> eventIds = new HashMap<>();
        try (CloseableIterator<DeadLetter> d = streams.deadLetters.collectAsync();
                CloseableIterator<AccessEvent> e = streams.events.collectAsync()) {
            JobClient job = env.executeAsync("bad-input-at-volume-it");
            // Read both while the job runs: a collect sink holds back once its buffer is full.
            Thread events =
                    new Thread(
                            () ->
                                    e.forEachRemaining(
                                            ev -> eventIds.merge(ev.eventId, 1, Integer::sum)));
            events.start();
            d.forEachRemaining(deadLetters::add);
            events.join();
            assertThat(job.getJobExecutionResult().get(60, TimeUnit.SECONDS)).isNotNull();
        }

        Map<ErrorReason, Integer> byReason = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (DeadLetter dl : deadLetters) {
            ErrorReason reason = ErrorReason.valueOf(dl.reason);
            byReason.merge(reason, 1, Integer::sum);
            if (reason != ErrorReason.DUPLICATE_EVENT && expected.get(dl.offset) != reason) {
                wrong.add(
                        "line "
                                + dl.offset
                                + ": "
                                + reason
                                + ", expected "
                                + expected.get(dl.offset));
            }
            assertThat(CardNumbers.containsCardNumber(dl.raw + " " + dl.message))
                    .as("dead letter of line %d", dl.offset)
                    .isFalse();
        }
        assertThat(wrong).as("dead letters with another reason than their mutation's").isEmpty();
        assertThat(byReason).isEqualTo(expectedByReason);
        assertThat(deadLetters).hasSize(bad + duplicates);
        assertThat(eventIds).hasSize(valid.size());
        assertThat(eventIds.values()).as("every valid event comes out once").containsOnly(1);
    }
}

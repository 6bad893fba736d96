package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./detector bench} at a small size: it runs both pipelines at each number of agents and the
 * latency run, and every probe burst raises its alert. (The figures themselves are for
 * docs/benchmarks.md, measured on an idle machine, not asserted here.)
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BenchCommandITCase {
    @Test
    void printsThroughputStateAndLatencyAndEveryProbeAlerts() {
        CliTestSupport.Outcome r =
                smallBench(
                        "--agents",
                        "1000,2000",
                        "--warmups",
                        "1",
                        "--clones",
                        "interleaved",
                        "--final-checkpoint");
        assertThat(r.code()).as(r.err()).isIn(0, 3);
        assertThat(r.out())
                .contains("(clones interleaved)")
                .contains("checkpoints halfway through every 1,000,000 events and at a run's end")
                .contains("after 1 warm-up");
        // In turn: every pipeline at every number of agents warms up before the first timed run,
        // and the timed runs go round them all again.
        String err = r.err();
        assertThat(err.indexOf("2,000 agents full warm-up: "))
                .as(err)
                .isPositive()
                .isLessThan(err.indexOf("1,000 agents floor run 1: "));
        assertThat(err.indexOf("1,000 agents full run 1: "))
                .isPositive()
                .isLessThan(err.indexOf("2,000 agents floor run 1: "));
        Matcher logged =
                Pattern.compile(
                                "full run 1: ([\\d,]+) events/s \\(whole run ([\\d,]+): start"
                                        + " \\d+\\.\\d\\d s, end \\d+\\.\\d\\d s\\), [\\d,]+ CPU"
                                        + " ns/event, \\d+ checkpoints")
                        .matcher(err);
        assertThat(logged.find()).as(err).isTrue();
        // The stream is the run without its start and end: never slower than the whole run.
        assertThat(number(logged.group(1))).isGreaterThanOrEqualTo(number(logged.group(2)));
        assertThat(r.out())
                .containsPattern(
                        "(?m)^\\s+1,000\\s+[\\d,]+\\s+[\\d,]+\\s+\\d+%"
                                + "\\s+[1-9][\\d,]*,\\s+[1-9][\\d,]*"
                                + "\\s+[\\d,]+,\\s+[\\d,]+\\s+\\d+\\.\\d$")
                .containsPattern("(?m)^\\s+2,000\\s+[\\d,]+\\s+[\\d,]+\\s+\\d+%")
                .containsPattern(
                        // Each run ends with a checkpoint (--final-checkpoint), and the bench
                        // hears of it.
                        "(?m)^checkpoints completed in each of the full pipeline's timed runs:"
                                + " 1,000 agents [1-9]\\d*; 2,000 agents [1-9]\\d*$")
                .containsPattern(
                        "(?m)^\\s+1,000\\s+[\\d,]+\\s+[\\d,]+\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d"
                                + "\\s+\\(\\d+\\.\\d\\d, \\d+\\.\\d\\d\\)$")
                .contains("targets (issue 9):")
                .containsPattern(
                        "(?m)^  (met |MISS) throughput within 20% across agent counts \\(the"
                                + " slowest, [12],000 agents, [-+]\\d+\\.\\d% against [12],000"
                                + " agents\\)$");
        if (Files.isDirectory(Path.of("/proc/self/task"))) {
            // Linux: the full pipeline's CPU by group of threads, a row per number of agents.
            assertThat(r.out())
                    .contains("full pipeline, CPU ns per event by thread")
                    .containsPattern("(?m)^\\s+1,000(\\s+[\\d,]+){7}$")
                    .containsPattern("(?m)^\\s+2,000(\\s+[\\d,]+){7}$");
        }
        Matcher probes = Pattern.compile("over (\\d+) of (\\d+) probe bursts").matcher(r.out());
        assertThat(probes.find()).as(r.out()).isTrue();
        assertThat(Integer.parseInt(probes.group(2))).isEqualTo(20);
        assertThat(probes.group(1)).as("every probe burst alerted").isEqualTo(probes.group(2));
    }

    @Test
    void byDefaultARunEndsWithItsInputAndNotWithACheckpoint() {
        CliTestSupport.Outcome r = smallBench("--agents", "1000", "--warmups", "0");
        assertThat(r.code()).as(r.err()).isIn(0, 3);
        assertThat(r.out())
                .contains("checkpoints halfway through every 1,000,000 events, 1 runs each")
                .containsPattern("(?m)^\\s+1,000\\s+[\\d,]+\\s+[\\d,]+\\s+\\d+%")
                // No periodic checkpoint, none by events in 20,000 of them, and none ends a run.
                .containsPattern(
                        "(?m)^checkpoints completed in each of the full pipeline's timed runs:"
                                + " 1,000 agents 0$");
    }

    private static long number(String withCommas) {
        return Long.parseLong(withCommas.replace(",", ""));
    }

    /** A bench of 20,000 events, one timed run, a probe every 1,000 events. */
    private static CliTestSupport.Outcome smallBench(String... options) {
        return CliTestSupport.capture(
                Stream.concat(
                                Stream.of(
                                        "bench",
                                        "--events",
                                        "20000",
                                        "--runs",
                                        "1",
                                        "--probe-every",
                                        "1000"),
                                Arrays.stream(options))
                        .toArray(String[]::new));
    }
}

package io.agentwatch.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    /** A thread's stat line; its name has a space and a parenthesis, as a task's may. */
    private static final String STAT =
            "4242 (Detect card_sea) S 1 4242 4242 0 -1 4194368 1203 0 0 0 137 21 0 0 20 0 95 0 10"
                    + " 1000 100 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    @Test
    void readsTheNameAndTheUserAndSystemTimeOfAStatLine() {
        assertThat(ThreadCpu.name(STAT)).isEqualTo("Detect card_sea");
        assertThat(ThreadCpu.cpuNanos(STAT)).isEqualTo((137 + 21) * 10_000_000L);
        String odd = STAT.replace("(Detect card_sea)", "(a (b) c)");
        assertThat(ThreadCpu.name(odd)).isEqualTo("a (b) c");
        assertThat(ThreadCpu.cpuNanos(odd)).isEqualTo((137 + 21) * 10_000_000L);
    }

    @Test
    void groupsThreadsByTheirTruncatedNames() {
        assertThat(ThreadCpu.group("Source: Benchma")).isEqualTo("source");
        assertThat(ThreadCpu.group("Detect card_sea")).isEqualTo("detectors");
        assertThat(ThreadCpu.group("Sample agent wi")).isEqualTo("peer sampler");
        assertThat(ThreadCpu.group("Write events ND")).isEqualTo("events writer");
        assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo("garbage collector");
        assertThat(ThreadCpu.group("G1 Refine#0")).isEqualTo("garbage collector");
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("JIT");
        assertThat(ThreadCpu.group("Write alerts ND")).isEqualTo("other");
        assertThat(ThreadCpu.GROUPS).contains("source", "detectors", "other");
    }

    @Test
    void aRecorderCountsTheCpuOfThreadsThatEndedBeforeItStopped() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        ThreadCpu.Recorder recorder = new ThreadCpu.Recorder();
        long[] sum = new long[1];
        // Named as a task of the detectors is: a thread that ends, as a job's tasks do.
        Thread task =
                new Thread(
                        () -> {
                            long until = System.nanoTime() + 400_000_000L;
                            while (System.nanoTime() < until) {
                                sum[0] += Long.numberOfTrailingZeros(sum[0] + System.nanoTime());
                            }
                        },
                        "Detect card_search_burst (1/2)#0");
        task.start();
        task.join();
        Thread.sleep(2 * ThreadCpu.POLL_MILLIS);
        Map<String, Long> spent = recorder.stop();
        assertThat(spent.keySet()).containsExactlyElementsOf(ThreadCpu.GROUPS);
        assertThat(spent.get("detectors"))
                .as("the ended thread's CPU (%d)", sum[0])
                .isGreaterThan(200_000_000L);
    }

    @Test
    void aRecorderCountsTheCpuOfThreadsThatWereThereBeforeItStartedAndStillRun() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        long[] sum = new long[1];
        java.util.concurrent.CountDownLatch recording = new java.util.concurrent.CountDownLatch(1);
        // Named as a collector's thread is: there before the run, and after it.
        Thread collector =
                new Thread(
                        () -> {
                            try {
                                recording.await();
                            } catch (InterruptedException e) {
                                return;
                            }
                            long until = System.nanoTime() + 400_000_000L;
                            while (System.nanoTime() < until) {
                                sum[0] += Long.numberOfTrailingZeros(sum[0] + System.nanoTime());
                            }
                            try {
                                Thread.sleep(Long.MAX_VALUE);
                            } catch (InterruptedException e) {
                                // The test is over.
                            }
                        },
                        "GC Thread#99");
        collector.start();
        try {
            ThreadCpu.Recorder recorder = new ThreadCpu.Recorder();
            recording.countDown();
            Thread.sleep(600);
            Map<String, Long> spent = recorder.stop();
            assertThat(spent.get("garbage collector"))
                    .as("the CPU it spent while recorded (%d)", sum[0])
                    .isGreaterThan(200_000_000L);
        } finally {
            collector.interrupt();
            collector.join();
        }
    }
}

package io.agentwatch.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of this process's threads during a run, summed by what they do (the full pipeline's
 * tasks, the garbage collector, the JIT compilers), from Linux's {@code /proc/self/task}: the only
 * view that also has the JVM's own threads, which {@code ThreadMXBean} does not list. Elsewhere it
 * is empty and the bench prints no breakdown. A task's thread ends with its job, and its times with
 * it, so a {@link Recorder} reads every thread every {@value #POLL_MILLIS} ms while the job runs:
 * up to that much of a thread's last CPU time can be missed, and times have the kernel's resolution
 * (a clock tick, 10 ms), so the figures are for runs of seconds.
 */
public final class ThreadCpu {
    /** The groups, in the order the bench prints them. */
    public static final List<String> GROUPS =
            List.of(
                    "source",
                    "detectors",
                    "peer sampler",
                    "events writer",
                    "garbage collector",
                    "JIT",
                    "other");

    /** Linux's USER_HZ, the unit of a thread's times in {@code stat}: 100 on every common build. */
    private static final long TICK_NANOS = 10_000_000L;

    static final long POLL_MILLIS = 100;

    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {}

    /**
     * Reads every thread's CPU time from when it is made until {@link #stop}, and sums what each
     * group of threads spent meanwhile.
     */
    public static final class Recorder {
        private final boolean available = Files.isDirectory(TASKS);
        private final Map<String, Seen> baseline = available ? read() : Map.of();

        /** Each thread's last reading, by thread id: written by the poller until it is joined. */
        private final Map<String, Seen> latest = new HashMap<>();

        private final Thread poller = new Thread(this::poll, "agentwatch-thread-cpu");
        private volatile boolean stopped;

        public Recorder() {
            poller.setDaemon(true);
            if (available) {
                poller.start();
            }
        }

        private void poll() {
            while (!stopped) {
                latest.putAll(read());
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** CPU nanoseconds spent since the start, by group (all of {@link #GROUPS}; or empty). */
        public Map<String, Long> stop() throws InterruptedException {
            Map<String, Long> spent = new LinkedHashMap<>();
            if (!available) {
                return spent;
            }
            stopped = true;
            poller.interrupt();
            poller.join();
            latest.putAll(read());
            GROUPS.forEach(g -> spent.put(g, 0L));
            latest.forEach(
                    (tid, seen) -> {
                        Seen before = baseline.get(tid);
                        long from = before == null ? 0 : before.cpuNanos;
                        spent.merge(seen.group, Math.max(0, seen.cpuNanos - from), Long::sum);
                    });
            return spent;
        }
    }

    private record Seen(String group, long cpuNanos) {}

    /** Every live thread's group and CPU time, by thread id. */
    private static Map<String, Seen> read() {
        Map<String, Seen> byThread = new HashMap<>();
        try (Stream<Path> threads = Files.list(TASKS)) {
            threads.forEach(
                    t -> {
                        try {
                            String stat = Files.readString(t.resolve("stat"));
                            byThread.put(
                                    t.getFileName().toString(),
                                    new Seen(group(name(stat)), cpuNanos(stat)));
                        } catch (IOException | RuntimeException gone) {
                            // The thread ended between the listing and the read.
                        }
                    });
        } catch (IOException e) {
            // The next reading tries again.
        }
        return byThread;
    }

    /** The thread's name in a {@code stat} line: between the first '(' and the last ')'. */
    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** User and system time of a {@code stat} line (its 14th and 15th fields), in nanoseconds. */
    static long cpuNanos(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after[0] is the 3rd field (state): utime is the 14th, stime the 15th.
        return (Long.parseLong(after[11]) + Long.parseLong(after[12])) * TICK_NANOS;
    }

    /**
     * The group of a thread by its name (Linux keeps 15 characters of it): Flink names a task's
     * thread after its chain of operators.
     */
    static String group(String thread) {
        if (thread.startsWith("Source: ")) {
            return "source";
        }
        if (thread.startsWith("Detect ")) {
            return "detectors";
        }
        if (thread.startsWith("Sample agent")) {
            return "peer sampler";
        }
        if (thread.startsWith("Write events")) {
            return "events writer";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
            return "garbage collector";
        }
        if (thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre")) {
            return "JIT";
        }
        return "other";
    }
}

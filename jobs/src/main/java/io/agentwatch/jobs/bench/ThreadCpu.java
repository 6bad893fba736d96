package io.agentwatch.jobs.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The CPU time of this process's threads during a run, summed by what they do (the full pipeline's
 * tasks, the garbage collector, the JIT compilers), from Linux's {@code /proc/self/task}: the only
 * view that also has the JVM's own threads, which {@code ThreadMXBean} does not list. Elsewhere it
 * is empty and the bench prints no breakdown. A task's thread ends with its job, and its times with
 * it, so a {@link Recorder} reads every thread made since it started every {@value #POLL_MILLIS} ms
 * while the job runs: up to that much of a thread's last CPU time can be missed, and times have the
 * kernel's resolution (a clock tick, 10 ms), so the figures are for runs of seconds. Threads there
 * before (the JVM's, the cluster's) outlive the run and are read once more when it stops: reading
 * all of a cluster's 200 threads ten times a second took 2–3% of a core from the run it measured.
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

        /**
         * Each thread's {@code stat} file, kept open and read again from its start: opening it was
         * half the cost of a reading. Used by the poller until it is joined.
         */
        private final Map<String, RandomAccessFile> files = new HashMap<>();

        private final byte[] buffer = new byte[1024];
        private final Map<String, Seen> baseline;

        /** Each thread's last reading, by thread id: written by the poller until it is joined. */
        private final Map<String, Seen> latest = new HashMap<>();

        private final Thread poller = new Thread(this::poll, "agentwatch-thread-cpu");
        private volatile boolean stopped;

        public Recorder() {
            baseline = available ? read(tid -> true) : Map.of();
            poller.setDaemon(true);
            if (available) {
                poller.start();
            }
        }

        private void poll() {
            while (!stopped) {
                latest.putAll(read(tid -> !baseline.containsKey(tid)));
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
            latest.putAll(read(tid -> true));
            files.values().forEach(Recorder::close);
            files.clear();
            GROUPS.forEach(g -> spent.put(g, 0L));
            latest.forEach(
                    (tid, seen) -> {
                        Seen before = baseline.get(tid);
                        long from = before == null ? 0 : before.cpuNanos;
                        spent.merge(seen.group, Math.max(0, seen.cpuNanos - from), Long::sum);
                    });
            return spent;
        }

        /** The group and CPU time of every live thread whose id is {@code which}, by thread id. */
        private Map<String, Seen> read(Predicate<String> which) {
            Map<String, Seen> byThread = new HashMap<>();
            String[] threads = TASKS.toFile().list();
            for (String tid : threads == null ? new String[0] : threads) {
                Seen seen = which.test(tid) ? seen(tid) : null;
                if (seen != null) {
                    byThread.put(tid, seen);
                }
            }
            return byThread;
        }

        /** The thread's group and CPU time, or null once it has ended. */
        private Seen seen(String tid) {
            RandomAccessFile file = files.get(tid);
            try {
                if (file == null) {
                    file = new RandomAccessFile(TASKS.resolve(tid).resolve("stat").toFile(), "r");
                    files.put(tid, file);
                }
                file.seek(0);
                int length = file.read(buffer);
                String stat = new String(buffer, 0, Math.max(0, length), StandardCharsets.US_ASCII);
                return new Seen(group(name(stat)), cpuNanos(stat));
            } catch (IOException | RuntimeException gone) {
                if (file != null) {
                    close(file);
                    files.remove(tid);
                }
                return null;
            }
        }

        private static void close(RandomAccessFile file) {
            try {
                file.close();
            } catch (IOException e) {
                // Nothing was written to it.
            }
        }
    }

    private record Seen(String group, long cpuNanos) {}

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

package io.agentwatch.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local stack of {@code deploy/local/stack.sh} (a Kafka broker, Elasticsearch and a Flink
 * session cluster, each its own process) in a folder of its own, on free ports, driven through the
 * script as a user would: {@code up}, then {@code es-down}/{@code es-up} or {@code
 * kafka-down}/{@code kafka-up} for outages. Ports stay fixed for its lifetime so a restarted
 * service comes back where the job expects it.
 */
public final class LocalStack implements AutoCloseable {
    private static final Path STACK_SH = Path.of("..", "deploy", "local", "stack.sh");

    private final Path dir;
    private final Map<String, String> ports = new LinkedHashMap<>();

    private LocalStack(Path dir) throws IOException {
        this.dir = dir;
        ports.put("KAFKA_PORT", Integer.toString(freePort()));
        ports.put("KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
        ports.put("ES_PORT", Integer.toString(freePort()));
        ports.put("ES_TRANSPORT_PORT", Integer.toString(freePort()));
        ports.put("FLINK_REST_PORT", Integer.toString(freePort()));
        ports.put("FLINK_RPC_PORT", Integer.toString(freePort()));
        int prometheus = freeRange(3);
        ports.put("FLINK_PROMETHEUS_PORTS", prometheus + "-" + (prometheus + 2));
    }

    /** Starts the whole stack ({@code stack.sh up}). */
    public static LocalStack up() throws Exception {
        // Elasticsearch runs as nobody when the tests run as root: its folder must be reachable.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "agentwatch-stack-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        LocalStack stack = new LocalStack(dir);
        stack.run("up");
        return stack;
    }

    /** Runs {@code stack.sh COMMAND} against this stack and asserts it succeeded. */
    public void run(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", STACK_SH.toString(), command).inheritIO();
        pb.environment().put("AGENTWATCH_STACK_DIR", dir.toString());
        pb.environment().putAll(ports);
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("stack.sh " + command + " ended").isTrue();
        assertThat(p.exitValue()).as("stack.sh " + command).isZero();
    }

    public Path dir() {
        return dir;
    }

    public String elasticsearch() {
        return "http://127.0.0.1:" + ports.get("ES_PORT");
    }

    public String kafka() {
        return "127.0.0.1:" + ports.get("KAFKA_PORT");
    }

    public String flinkRest() {
        return "http://127.0.0.1:" + ports.get("FLINK_REST_PORT");
    }

    /** The ports Flink's processes may serve Prometheus metrics on. */
    public int[] prometheusPorts() {
        String[] range = ports.get("FLINK_PROMETHEUS_PORTS").split("-");
        int from = Integer.parseInt(range[0]);
        int to = Integer.parseInt(range[1]);
        int[] all = new int[to - from + 1];
        for (int i = 0; i < all.length; i++) {
            all[i] = from + i;
        }
        return all;
    }

    /** The pid of a stack process, e.g. {@code flink/taskmanager-1}. */
    public long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(name + ".pid")).trim());
    }

    @Override
    public void close() throws Exception {
        try {
            run("down");
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The first of {@code n} consecutive free ports. */
    private static int freeRange(int n) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            boolean free = true;
            for (int p = first; p < first + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 0, InetAddress.getLoopbackAddress())) {
                    // free
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + n + " consecutive free ports found");
    }
}

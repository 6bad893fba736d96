package io.agentwatch.jobs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Elasticsearch 8.19 on 127.0.0.1 (free ports), from Maven Central's integ-test zip that the
 * build copies into {@code target/}, started once per test JVM and stopped after its tests.
 * Elasticsearch refuses to run as root, so as root it runs as {@code nobody} from a folder under
 * {@code /tmp}. Use with {@code @ExtendWith(LocalElasticsearch.class)}.
 */
public final class LocalElasticsearch
        implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
    private static LocalElasticsearch instance;

    private Process process;
    private Path home;
    private int port;

    public static synchronized String url() {
        if (instance == null) {
            throw new IllegalStateException(
                    "LocalElasticsearch is not started: add @ExtendWith(LocalElasticsearch.class)");
        }
        return "http://127.0.0.1:" + instance.port;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LocalElasticsearch.class) {
            if (instance == null) {
                LocalElasticsearch es = new LocalElasticsearch();
                es.start();
                instance = es;
                context.getRoot()
                        .getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(LocalElasticsearch.class.getName(), es);
            }
        }
    }

    private void start() throws Exception {
        String zipPath = System.getProperty("agentwatch.elasticsearch.zip");
        if (zipPath == null || !Files.exists(Path.of(zipPath))) {
            throw new IllegalStateException(
                    "Elasticsearch zip not found at "
                            + zipPath
                            + ": run the tests with `mvn verify`, which copies it");
        }
        Path base = Files.createTempDirectory(Path.of("/tmp"), "agentwatch-es-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        unzip(Path.of(zipPath), base);
        try (Stream<Path> s = Files.list(base)) {
            home = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        port = freePort();
        int transport = freePort();
        Path data = Files.createDirectories(base.resolve("data"));
        Path logs = Files.createDirectories(base.resolve("logs"));
        Path tmp = Files.createDirectories(base.resolve("tmp"));
        Files.writeString(
                home.resolve("config/elasticsearch.yml"),
                String.join(
                        "\n",
                        "discovery.type: single-node",
                        "network.host: 127.0.0.1",
                        "http.port: " + port,
                        "transport.port: " + transport,
                        "xpack.security.enabled: false",
                        "cluster.routing.allocation.disk.threshold_enabled: false",
                        "action.destructive_requires_name: false",
                        "path.data: " + data,
                        "path.logs: " + logs,
                        ""));
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> cmd = new ArrayList<>();
        if (root) {
            chownRecursively(base);
            cmd.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        cmd.add(home.resolve("bin/elasticsearch").toString());
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(base.resolve("stdout.log").toFile());
        pb.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        pb.environment().put("ES_TMPDIR", tmp.toString());
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Elasticsearch exited with "
                                + process.exitValue()
                                + "; see "
                                + base.resolve("stdout.log")
                                + ":\n"
                                + tail(base.resolve("stdout.log")));
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                "Elasticsearch did not become healthy in 120 s; see " + base.resolve("stdout.log"));
    }

    private boolean healthy() {
        try {
            HttpURLConnection c =
                    (HttpURLConnection)
                            URI.create("http://127.0.0.1:" + port + "/_cluster/health")
                                    .toURL()
                                    .openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        synchronized (LocalElasticsearch.class) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteRecursively(home.getParent());
            instance = null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("bad zip entry " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                    if (target.getParent().getFileName().toString().equals("bin")) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
        try (Stream<Path> all = Files.walk(into)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p)) {
                    p.toFile().setExecutable(true, false);
                }
                p.toFile().setReadable(true, false);
            }
        }
        // The bundled JDK-less distribution keeps helper scripts and native tools here too.
        try (Stream<Path> all = Files.walk(into)) {
            all.filter(p -> p.toString().contains("/bin/") || p.toString().contains("/platform/"))
                    .forEach(p -> p.toFile().setExecutable(true, false));
        }
    }

    private static void chownRecursively(Path dir) throws Exception {
        Process p =
                new ProcessBuilder("chown", "-R", "nobody:nogroup", dir.toString())
                        .inheritIO()
                        .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("chown of " + dir + " failed");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String tail(Path log) {
        try (InputStream in = Files.newInputStream(log)) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "";
        }
    }
}

package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's Chromium, headless, for the HTML pages agentwatch writes (installed if missing). */
final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {}

    /**
     * Loads the page: no script errors, no empty charts, {@code charts} charts drawn; then a
     * screenshot with something on it.
     */
    static void assertRendersEveryChart(Path page, int charts, Path work, int height)
            throws Exception {
        ensureChromium();
        String dom = chromium(work.resolve("profile-dom"), "--dump-dom", page.toUri().toString());
        assertThat(attribute(dom, "data-errors")).as("script errors").isEmpty();
        assertThat(attribute(dom, "data-empty")).as("charts without data").isEmpty();
        assertThat(attribute(dom, "data-rendered")).isEqualTo(String.valueOf(charts));

        Path png = work.resolve(page.getFileName() + ".png");
        chromium(
                work.resolve("profile-shot"),
                "--screenshot=" + png,
                "--window-size=1400," + height,
                page.toUri().toString());
        assertThat(png).exists();
        assertThat(Files.size(png)).as("a screenshot with something on it").isGreaterThan(50_000);
    }

    static String attribute(String dom, String name) {
        Matcher m = Pattern.compile("<body[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find())
                .as("body has %s in %s", name, dom.substring(0, Math.min(300, dom.length())))
                .isTrue();
        return m.group(1);
    }

    /** Installs Debian's chromium package when it is missing (the test machines run as root). */
    private static void ensureChromium() throws IOException, InterruptedException {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        StringBuilder log = new StringBuilder();
        // A fresh machine may have no package lists yet: update them if the first try fails.
        boolean installed =
                apt(log, "install", "-y", "-q", "chromium")
                        || (apt(log, "update", "-q")
                                && apt(log, "install", "-y", "-q", "chromium"));
        assertThat(installed).as("apt-get install chromium: %s", log).isTrue();
    }

    private static boolean apt(StringBuilder log, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("apt-get"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        log.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0;
    }

    private static String chromium(Path profile, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                CHROMIUM.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--user-data-dir=" + profile,
                                "--virtual-time-budget=10000"));
        command.addAll(List.of(args));
        Process p =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("chromium finished").isTrue();
        return out;
    }
}

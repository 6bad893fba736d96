package io.agentwatch.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.sensitivity.CardNumbers;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;

/** The test JVM's log file (see log4j2-test.properties), scanned for card numbers. */
public final class Logs {
    /**
     * Logs are full of random numbers (temp folder names, ids) that now and then pass the Luhn
     * check, so the scan looks for the card numbers our tests actually feed in: Luhn-valid numbers
     * with the issuer prefixes of the public test cards the simulator and fixtures use.
     */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])");

    private static final java.util.Set<String> TEST_CARD_PREFIXES =
            java.util.Set.of(
                    "411111", "401288", "424242", "555555", "510510", "222300", "378282", "601111",
                    "305693", "353011", "422222");

    static boolean holdsTestCard(String line) {
        java.util.regex.Matcher m = NUMBER.matcher(line);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13
                    && TEST_CARD_PREFIXES.contains(digits.substring(0, 6))
                    && CardNumbers.luhn(digits)) {
                return true;
            }
        }
        return false;
    }

    private Logs() {}

    public static Path file() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        FileAppender appender = ctx.getConfiguration().getAppender("file");
        assertThat(appender).as("the file appender of log4j2-test.properties").isNotNull();
        return Path.of(appender.getFileName());
    }

    /** Fails listing every log line that holds a card number. */
    public static void assertNoCardNumbers() throws Exception {
        Path log = file();
        assertThat(log).exists();
        List<String> offenders = new ArrayList<>();
        long lines = 0;
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines++;
                if (holdsTestCard(line)) {
                    offenders.add(line);
                }
            }
        }
        assertThat(lines).as("the log was written").isPositive();
        assertThat(offenders).as("log lines of %s holding a card number", log).isEmpty();
    }
}

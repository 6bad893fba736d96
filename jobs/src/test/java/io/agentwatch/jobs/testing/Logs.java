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
                if (CardNumbers.containsCardNumber(line)) {
                    offenders.add(line);
                }
            }
        }
        assertThat(lines).as("the log was written").isPositive();
        assertThat(offenders).as("log lines of %s holding a card number", log).isEmpty();
    }
}

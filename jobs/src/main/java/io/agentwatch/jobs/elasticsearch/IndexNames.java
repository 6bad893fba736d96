package io.agentwatch.jobs.elasticsearch;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where documents go: {@code <prefix>-events-yyyy.MM.dd} by event time (so retention can delete
 * whole days, with or without ILM, and a replayed event lands on its own day again), {@code
 * <prefix>-alerts} and {@code <prefix>-dead-letters}.
 */
public final class IndexNames implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_PREFIX = "agentwatch";
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final String prefix;

    public IndexNames(String prefix) {
        if (!prefix.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "index prefix '" + prefix + "' must be lower-case letters, digits, '-' or '_'");
        }
        this.prefix = prefix;
    }

    public static IndexNames defaults() {
        return new IndexNames(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    public String events(long eventMillis) {
        return eventsPrefix()
                + DAY.format(Instant.ofEpochMilli(eventMillis).atOffset(ZoneOffset.UTC));
    }

    public String eventsPrefix() {
        return prefix + "-events-";
    }

    public String alerts() {
        return prefix + "-alerts";
    }

    public String agentRisk() {
        return prefix + "-agent-risk";
    }

    public String modelFindings() {
        return prefix + "-model-findings";
    }

    public String accessReview() {
        return prefix + "-access-review";
    }

    public String deadLetters() {
        return prefix + "-dead-letters";
    }

    /** The day of a dated events index, or null when the name is not one. */
    public LocalDate dayOf(String index) {
        if (!index.startsWith(eventsPrefix())) {
            return null;
        }
        try {
            return LocalDate.parse(index.substring(eventsPrefix().length()), DAY);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

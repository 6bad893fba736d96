package io.agentwatch.models.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One typed configuration key with its default, its meaning and its valid range. All options are
 * declared in {@link AgentwatchOptions}; values come from a properties file or {@code --set}.
 */
public final class ConfigOption<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final T defaultValue;
    private final String description;
    private final transient Function<String, T> parser;
    private final transient Predicate<T> valid;
    private final String validDescription;

    private ConfigOption(
            String key,
            T defaultValue,
            String description,
            Function<String, T> parser,
            Predicate<T> valid,
            String validDescription) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.parser = parser;
        this.valid = valid;
        this.validDescription = validDescription;
    }

    public static ConfigOption<Integer> intOption(
            String key, int defaultValue, int min, int max, String description) {
        return new ConfigOption<>(
                key,
                defaultValue,
                description,
                s -> Integer.parseInt(s.trim()),
                v -> v >= min && v <= max,
                "an integer from " + min + " to " + max);
    }

    public static ConfigOption<Double> doubleOption(
            String key, double defaultValue, double min, double max, String description) {
        return new ConfigOption<>(
                key,
                defaultValue,
                description,
                s -> Double.parseDouble(s.trim()),
                v -> v >= min && v <= max,
                "a number from " + min + " to " + max);
    }

    public static ConfigOption<Boolean> booleanOption(
            String key, boolean defaultValue, String description) {
        return new ConfigOption<>(
                key,
                defaultValue,
                description,
                s -> {
                    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new IllegalArgumentException(s);
                    }
                    return Boolean.parseBoolean(v);
                },
                v -> true,
                "true or false");
    }

    /**
     * Durations as {@code 15m}, {@code 900s}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT15M}).
     */
    public static ConfigOption<Duration> durationOption(
            String key, Duration defaultValue, Duration min, Duration max, String description) {
        return new ConfigOption<>(
                key,
                defaultValue,
                description,
                ConfigOption::parseDuration,
                v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0,
                "a duration from " + format(min) + " to " + format(max) + " (e.g. 15m, 900s, 2h)");
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public String validDescription() {
        return validDescription;
    }

    /** Parses and range-checks a value; the message names the option and what it accepts. */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "option " + key + ": '" + text + "' is not " + validDescription);
        }
        if (!valid.test(value)) {
            throw new IllegalArgumentException(
                    "option "
                            + key
                            + ": '"
                            + text
                            + "' is out of range, must be "
                            + validDescription);
        }
        return value;
    }

    /** The default as text, in the same syntax {@link #parse} accepts. */
    public String formatDefault() {
        return format(defaultValue);
    }

    public String format(T value) {
        return value instanceof Duration ? format((Duration) value) : String.valueOf(value);
    }

    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        int split = 0;
        while (split < s.length() && (Character.isDigit(s.charAt(split)))) {
            split++;
        }
        if (split == 0 || split == s.length()) {
            throw new IllegalArgumentException(text);
        }
        long n = Long.parseLong(s.substring(0, split));
        switch (s.substring(split).trim()) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
            case "min":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                throw new IllegalArgumentException(text);
        }
    }

    /** A duration as the options write it ({@code 10s}, {@code 5m}, {@code 500ms}). */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0) {
            return d.toMillis() + "ms";
        }
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}

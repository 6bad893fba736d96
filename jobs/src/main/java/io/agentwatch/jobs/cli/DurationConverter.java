package io.agentwatch.jobs.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Durations on the command line as {@code 10s}, {@code 5m}, {@code 2h} or ISO-8601. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return io.agentwatch.models.config.ConfigOption.durationOption(
                        "duration", Duration.ZERO, Duration.ofMillis(1), Duration.ofDays(3650), "")
                .parse(value);
    }
}

package io.agentwatch.jobs.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --rest URL}: the Flink cluster that {@code submit} and {@code stop} talk to. */
public final class FlinkRestOption {
    @Option(
            names = "--rest",
            defaultValue = "http://127.0.0.1:8081",
            paramLabel = "URL",
            description = "The Flink cluster's REST endpoint (default: ${DEFAULT-VALUE}).")
    URI rest;

    FlinkRest cluster() {
        return new FlinkRest(rest);
    }
}

package io.agentwatch.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --sensitivity FILE}: the field sensitivity rules events are classified by. */
public final class SensitivityOptions {
    @Option(
            names = "--sensitivity",
            paramLabel = "FILE",
            description = "Field sensitivity rules (JSON); default: the shipped rules.")
    Path sensitivityRules;

    String path() {
        return sensitivityRules == null ? null : sensitivityRules.toAbsolutePath().toString();
    }
}

package io.agentwatch.jobs.cli;

import io.agentwatch.models.config.RuleFiles;
import io.agentwatch.models.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set key=value}: where detection settings come from. */
public final class SettingsOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file of detection settings (see README).")
    Path configFile;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override one setting; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Mixin SensitivityOptions sensitivity;

    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description = "Detection rule files (rules/*.json); default: the shipped rules.")
    Path rulesDir;

    Settings load() throws IOException {
        Map<String, String> rules =
                rulesDir == null ? RuleFiles.loadDefaults() : RuleFiles.load(rulesDir);
        return Settings.load(rules, configFile, overrides);
    }

    String sensitivityRulesPath() {
        return sensitivity.path();
    }
}

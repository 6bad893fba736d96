package io.agentwatch.jobs.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One configuration for every option: a flag wins, then the environment variable {@code
 * AGENTWATCH_<OPTION>} ({@code --es-api-key} → {@code AGENTWATCH_ES_API_KEY}), then the same name
 * in the {@code --config} file ({@code es-api-key=...}), then the built-in default. Keys with a dot
 * in that file ({@code card_search_burst.min_count}) are detection settings, read by {@link
 * SettingsOptions}.
 */
final class OptionDefaults implements IDefaultValueProvider {
    static final String ENV_PREFIX = "AGENTWATCH_";

    private final Properties file;
    private final Map<String, String> env;

    OptionDefaults(Properties file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    /** Finds {@code --config FILE} (or {@code --config=FILE}) before picocli parses anything. */
    static OptionDefaults from(String[] args, Map<String, String> env) {
        Properties p = new Properties();
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--config=")) {
                config = Path.of(args[i].substring("--config=".length()));
            }
        }
        if (config != null && Files.isRegularFile(config)) {
            try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --config " + config, e);
            }
        }
        return new OptionDefaults(p, env);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec)) {
            return null;
        }
        String name = ((OptionSpec) arg).longestName();
        if (!name.startsWith("--")
                || name.equals("--config")
                || name.equals("--help")
                || name.equals("--version")) {
            return null;
        }
        String key = name.substring(2);
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return file.getProperty(key);
    }

    static String envName(String optionName) {
        return ENV_PREFIX + optionName.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}

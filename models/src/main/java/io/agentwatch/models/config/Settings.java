package io.agentwatch.models.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configured values, validated up front: every unknown key and every bad value is reported at once,
 * each naming its option, before a job starts.
 */
public final class Settings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> values;

    /** The text each value was parsed from, so settings can be re-derived with changes. */
    private final HashMap<String, String> raw;

    private Settings(Map<String, Object> values, Map<String, String> raw) {
        this.values = values;
        this.raw = new HashMap<>(raw);
    }

    /** The settings as text, key to value (only what was set, not the defaults). */
    public Map<String, String> raw() {
        return java.util.Collections.unmodifiableMap(raw);
    }

    /** These settings with some keys changed (e.g. a rule updated at runtime). */
    public Settings with(Map<String, String> changes) {
        Map<String, String> merged = new HashMap<>(raw);
        merged.putAll(changes);
        return of(merged);
    }

    public static Settings defaults() {
        return new Settings(new HashMap<>(), Map.of());
    }

    public static Settings of(Map<String, String> raw) {
        Map<String, ConfigOption<?>> known = new HashMap<>();
        for (ConfigOption<?> o : AgentwatchOptions.all()) {
            known.put(o.key(), o);
        }
        Map<String, Object> parsed = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
            ConfigOption<?> option = known.get(e.getKey());
            if (option == null) {
                problems.add("unknown option " + e.getKey());
                continue;
            }
            try {
                parsed.put(option.key(), option.parse(e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new Settings(parsed, raw);
    }

    /** Reads a properties file, then applies overrides (e.g. from {@code --set key=value}). */
    public static Settings load(Path propertiesFile, Map<String, String> overrides)
            throws IOException {
        return load(Map.of(), propertiesFile, overrides);
    }

    /**
     * Rule files' settings first (see {@link RuleFiles}), then a properties file, then overrides
     * (e.g. {@code --set key=value}): each wins over the one before.
     */
    public static Settings load(
            Map<String, String> rules, Path propertiesFile, Map<String, String> overrides)
            throws IOException {
        Map<String, String> raw = new HashMap<>(rules);
        if (propertiesFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String k : p.stringPropertyNames()) {
                // Keys without a dot are command-line options (the CLI reads those); settings
                // always have one (card_search_burst.min_count).
                if (k.indexOf('.') > 0) {
                    raw.put(k, p.getProperty(k));
                }
            }
        }
        raw.putAll(overrides);
        return of(raw);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        Object v = values.get(option.key());
        return v == null ? option.defaultValue() : (T) v;
    }
}

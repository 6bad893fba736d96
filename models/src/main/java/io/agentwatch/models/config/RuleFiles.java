package io.agentwatch.models.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Detection rules as data: one JSON file per detector ({@code rules/<id>.json}) with its version,
 * name, default severity, whether it is enabled, a description, a triage note, and its thresholds
 * (the {@code <id>.*} options, without the prefix). Loading validates every file and reports every
 * problem of every file at once; the result is settings for {@link Settings}.
 */
public final class RuleFiles {
    /** Where the rules shipped with agentwatch are on the classpath. */
    public static final String RESOURCE_DIR = "/agentwatch/rules/";

    static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
    static final Set<String> FIELDS =
            Set.of(
                    "id",
                    "version",
                    "name",
                    "severity",
                    "enabled",
                    "description",
                    "triage",
                    "thresholds");

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleFiles() {}

    /** The shipped rules. */
    public static Map<String, String> loadDefaults() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String rule : AgentwatchOptions.RULES) {
            try {
                texts.put(rule + ".json", Resources.text(RESOURCE_DIR + rule + ".json"));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return parse(texts);
    }

    /** Every {@code *.json} file of a folder. */
    public static Map<String, String> load(Path dir) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    (Iterable<Path>)
                            files.filter(p -> p.toString().endsWith(".json")).sorted()::iterator) {
                texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no rule files (*.json) in " + dir);
        }
        return parse(texts);
    }

    /** File name to content, to settings; throws listing every problem of every file. */
    public static Map<String, String> parse(Map<String, String> files) {
        Map<String, ConfigOption<?>> options = new HashMap<>();
        AgentwatchOptions.all().forEach(o -> options.put(o.key(), o));
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String file = f.getKey();
            JsonNode rule;
            try {
                rule = JSON.readTree(f.getValue());
            } catch (IOException e) {
                problems.add(file + ": not JSON (" + firstLine(e.getMessage()) + ")");
                continue;
            }
            if (rule == null || !rule.isObject()) {
                problems.add(file + ": must be a JSON object");
                continue;
            }
            for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!FIELDS.contains(name)) {
                    problems.add(file + ": unknown field '" + name + "'");
                }
            }
            String id = rule.path("id").asText("");
            if (!AgentwatchOptions.RULES.contains(id)) {
                problems.add(
                        file
                                + ": id '"
                                + id
                                + "' is not a detector (one of "
                                + AgentwatchOptions.RULES
                                + ")");
                continue;
            }
            if (!file.equals(id + ".json")) {
                problems.add(file + ": file name must be " + id + ".json");
            }
            if (!seen.add(id)) {
                problems.add(file + ": rule " + id + " is defined twice");
            }
            JsonNode version = rule.path("version");
            if (!version.isInt() || version.asInt() < 1) {
                problems.add(file + ": version must be an integer of 1 or more");
            } else {
                settings.put(AgentwatchOptions.version(id).key(), version.asText());
            }
            JsonNode enabled = rule.path("enabled");
            if (!enabled.isBoolean()) {
                problems.add(file + ": enabled must be true or false");
            } else {
                settings.put(AgentwatchOptions.enabled(id).key(), enabled.asText());
            }
            if (!SEVERITIES.contains(rule.path("severity").asText(""))) {
                problems.add(file + ": severity must be one of low, medium, high, critical");
            }
            for (String text : List.of("name", "description", "triage")) {
                if (rule.path(text).asText("").isBlank()) {
                    problems.add(file + ": " + text + " must be a non-blank string");
                }
            }
            JsonNode thresholds = rule.path("thresholds");
            if (!thresholds.isObject()) {
                problems.add(file + ": thresholds must be an object");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = thresholds.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> t = it.next();
                String key = id + "." + t.getKey();
                ConfigOption<?> option = options.get(key);
                if (option == null || key.endsWith(".enabled") || key.endsWith(".version")) {
                    problems.add(file + ": unknown threshold '" + t.getKey() + "'");
                    continue;
                }
                try {
                    option.parse(t.getValue().asText());
                    settings.put(key, t.getValue().asText());
                } catch (IllegalArgumentException e) {
                    problems.add(file + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad rule files: " + String.join("; ", problems));
        }
        return settings;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

package io.agentwatch.models.sensitivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Maps data field names (e.g. {@code payment_card.number}) to a {@link SensitivityClass} by ordered
 * glob rules from a JSON file; the first matching rule wins. Defaults ship in {@value
 * #DEFAULT_RESOURCE}. Thread-safe; results are cached because field names repeat endlessly.
 */
public final class FieldClassifier {
    public static final String DEFAULT_RESOURCE = "/agentwatch/sensitivity.json";

    private static final int MAX_CACHE = 10_000;

    private final List<Rule> rules;
    private final Map<String, SensitivityClass> cache = new ConcurrentHashMap<>();

    public FieldClassifier(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules shipped with agentwatch. */
    public static FieldClassifier defaults() {
        try (InputStream in = FieldClassifier.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return fromJson(new ObjectMapper().readTree(in), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules of a sensitivity rules file, or the shipped ones when {@code path} is null. */
    public static FieldClassifier fromFileOrDefaults(String path) throws IOException {
        return path == null ? defaults() : fromFile(Path.of(path));
    }

    public static FieldClassifier fromFile(Path path) throws IOException {
        return fromJson(new ObjectMapper().readTree(Files.readAllBytes(path)), path.toString());
    }

    /**
     * Reads {@code {"rules": [{"pattern": "payment_card.*", "class": "PCI"}, ...]}}; reports every
     * bad rule at once.
     */
    static FieldClassifier fromJson(JsonNode root, String origin) {
        JsonNode list = root == null ? null : root.get("rules");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(origin + ": 'rules' must be an array");
        }
        List<Rule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String pattern = r.path("pattern").asText("");
            String cls = r.path("class").asText("");
            if (pattern.isBlank()) {
                problems.add("rules[" + i + "].pattern is missing");
                continue;
            }
            try {
                rules.add(new Rule(pattern, SensitivityClass.valueOf(cls)));
            } catch (IllegalArgumentException e) {
                problems.add(
                        "rules["
                                + i
                                + "].class '"
                                + cls
                                + "' is not one of PCI, SENSITIVE_PII, PII, NONE");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(origin + ": " + String.join("; ", problems));
        }
        return new FieldClassifier(rules);
    }

    public SensitivityClass classify(String field) {
        SensitivityClass known = cache.get(field);
        if (known != null) {
            return known;
        }
        String lower = field.toLowerCase(Locale.ROOT);
        SensitivityClass result = SensitivityClass.NONE;
        for (Rule rule : rules) {
            if (rule.matches(lower)) {
                result = rule.sensitivity;
                break;
            }
        }
        if (cache.size() < MAX_CACHE) {
            cache.put(field, result);
        }
        return result;
    }

    /** The bit set of classes of these fields (see {@link SensitivityClass#bit()}). */
    public int classifyAll(String[] fields) {
        if (fields == null) {
            return 0;
        }
        int bits = 0;
        for (String f : fields) {
            SensitivityClass c = classify(f);
            if (c != SensitivityClass.NONE) {
                bits |= c.bit();
            }
        }
        return bits;
    }

    /** A glob rule: {@code *} matches any run of characters, {@code ?} one; case-insensitive. */
    public static final class Rule {
        final String pattern;
        final SensitivityClass sensitivity;
        private final Pattern regex;

        public Rule(String pattern, SensitivityClass sensitivity) {
            this.pattern = pattern;
            this.sensitivity = sensitivity;
            StringBuilder re = new StringBuilder();
            for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
                if (c == '*') {
                    re.append(".*");
                } else if (c == '?') {
                    re.append('.');
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            this.regex = Pattern.compile(re.toString());
        }

        boolean matches(String lowerField) {
            return regex.matcher(lowerField).matches();
        }
    }
}

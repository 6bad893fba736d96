package io.agentwatch.models.features;

import io.agentwatch.models.event.AccessEvent;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Feature vectors of many agents from a stream of events in file order, offline: one {@link
 * FeatureExtractor} state per agent, exactly as the job keeps them, every open hour closed at the
 * end. With labels (scenario by event id), an hour holding a labelled event is labelled with its
 * scenario.
 */
public final class FeatureTable {
    /** CSV columns before the features. */
    public static final List<String> KEY_COLUMNS =
            List.of("agent_id", "role", "team", "window_start");

    public static final String LABEL_COLUMN = "label";

    private final FeatureExtractor extractor = new FeatureExtractor();
    private final Map<String, AgentFeatureState> states = new HashMap<>();
    private final Map<String, String> pendingLabels = new HashMap<>();
    private final Map<String, String> labels;
    private final List<FeatureWindow> windows = new ArrayList<>();

    /**
     * @param labels scenario id by event id, or null without labels
     */
    public FeatureTable(Map<String, String> labels) {
        this.labels = labels;
    }

    public void add(AccessEvent e) {
        AgentFeatureState s = states.computeIfAbsent(e.agentId, k -> new AgentFeatureState());
        collect(extractor.onEvent(s, e));
        if (labels != null) {
            String scenario = labels.get(e.eventId);
            if (scenario != null) {
                pendingLabels.putIfAbsent(e.agentId, scenario);
            }
        }
    }

    /** Closes every open hour; returns all vectors by hour, then agent. */
    public List<FeatureWindow> finish() {
        states.forEach((agent, s) -> collect(extractor.close(s, agent)));
        states.clear();
        windows.sort(
                Comparator.comparingLong((FeatureWindow w) -> w.windowStart)
                        .thenComparing(w -> w.agentId));
        return windows;
    }

    private void collect(FeatureWindow w) {
        if (w != null) {
            w.label = pendingLabels.remove(w.agentId);
            windows.add(w);
        }
    }

    /** Writes vectors as CSV: key columns, the features, and the label column when asked. */
    public static void writeCsv(List<FeatureWindow> windows, boolean withLabels, Writer out)
            throws IOException {
        List<String> header = new ArrayList<>(KEY_COLUMNS);
        header.addAll(AgentHourFeatures.NAMES);
        if (withLabels) {
            header.add(LABEL_COLUMN);
        }
        out.write(String.join(",", header));
        out.write('\n');
        StringBuilder line = new StringBuilder(256);
        for (FeatureWindow w : windows) {
            line.setLength(0);
            line.append(csv(w.agentId))
                    .append(',')
                    .append(csv(w.agentRole))
                    .append(',')
                    .append(csv(w.agentTeam))
                    .append(',')
                    .append(java.time.Instant.ofEpochMilli(w.windowStart));
            for (double v : w.values) {
                line.append(',').append(number(v));
            }
            if (withLabels) {
                line.append(',').append(w.label == null ? "" : w.label);
            }
            out.append(line).append('\n');
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Quotes a value holding a comma or quote (ids and team names are free text). */
    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

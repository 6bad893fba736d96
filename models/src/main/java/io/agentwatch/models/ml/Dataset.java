package io.agentwatch.models.ml;

import io.agentwatch.models.features.AgentHourFeatures;
import io.agentwatch.models.features.FeatureTable;
import io.agentwatch.models.features.FeatureWindow;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows of numeric features to train on or score: agentwatch's own feature vectors (with the agent,
 * role and hour of each row) or any numeric CSV. Labels, when known, say which rows are anomalies
 * (a scenario id, or "1" for a CSV's positive rows); null marks a normal row.
 */
public final class Dataset {
    public final List<String> columns;
    public final double[][] x;

    /** Per row: null for normal, else the anomaly's name; the array is null without labels. */
    public final String[] labels;

    /** Per row, for agentwatch feature vectors only (else null). */
    public final String[] agents;

    public final String[] roles;
    public final long[] windowStarts;

    /** The feature schema the rows follow ({@link AgentHourFeatures#id()}), or null. */
    public final String schema;

    private Dataset(
            List<String> columns,
            double[][] x,
            String[] labels,
            String[] agents,
            String[] roles,
            long[] windowStarts,
            String schema) {
        this.columns = List.copyOf(columns);
        this.x = x;
        this.labels = labels;
        this.agents = agents;
        this.roles = roles;
        this.windowStarts = windowStarts;
        this.schema = schema;
    }

    /** The same rows with the labels withheld (to train without them). */
    public Dataset withoutLabels() {
        return new Dataset(columns, x, null, agents, roles, windowStarts, schema);
    }

    public int rows() {
        return x.length;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public boolean isAnomaly(int row) {
        return labels[row] != null;
    }

    /** Agentwatch feature vectors, labelled when the windows carry labels. */
    public static Dataset of(List<FeatureWindow> windows, boolean withLabels) {
        int n = windows.size();
        double[][] x = new double[n][];
        String[] labels = withLabels ? new String[n] : null;
        String[] agents = new String[n];
        String[] roles = new String[n];
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) {
            FeatureWindow w = windows.get(i);
            x[i] = w.values;
            agents[i] = w.agentId;
            roles[i] = w.agentRole;
            starts[i] = w.windowStart;
            if (labels != null) {
                labels[i] = w.label;
            }
        }
        return new Dataset(
                AgentHourFeatures.NAMES, x, labels, agents, roles, starts, AgentHourFeatures.id());
    }

    /**
     * Reads a CSV with a header. If it has every agentwatch feature column (as {@code ./detector
     * features} writes), those are the features and the key columns give agent, role and hour.
     * Otherwise every column but the label column must be numeric.
     *
     * @param labelColumn the label column's name, or null for none ({@code label} is used for
     *     agentwatch feature files that have one)
     */
    public static Dataset readCsv(Path file, String labelColumn) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv =
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .setTrim(true)
                                .build()
                                .parse(r)) {
            List<String> header = csv.getHeaderNames();
            if (header.isEmpty()) {
                throw new IllegalArgumentException(file + ": no header line");
            }
            boolean ours = header.containsAll(AgentHourFeatures.NAMES);
            String label =
                    labelColumn != null
                            ? labelColumn
                            : ours && header.contains(FeatureTable.LABEL_COLUMN)
                                    ? FeatureTable.LABEL_COLUMN
                                    : null;
            if (label != null && !header.contains(label)) {
                throw new IllegalArgumentException(
                        file + ": no column '" + label + "' (columns: " + header + ")");
            }
            List<String> columns = new ArrayList<>();
            if (ours) {
                columns.addAll(AgentHourFeatures.NAMES);
            } else {
                for (String h : header) {
                    if (!h.equals(label)) {
                        columns.add(h);
                    }
                }
            }
            List<double[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<String> agents = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            List<Long> starts = new ArrayList<>();
            for (CSVRecord rec : csv) {
                double[] row = new double[columns.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = number(file, rec, columns.get(c));
                }
                rows.add(row);
                if (label != null) {
                    labels.add(ours ? emptyToNull(rec.get(label)) : positive(rec.get(label)));
                }
                if (ours) {
                    agents.add(rec.get("agent_id"));
                    roles.add(emptyToNull(rec.get("role")));
                    starts.add(Instant.parse(rec.get("window_start")).toEpochMilli());
                }
            }
            double[][] x = rows.toArray(new double[0][]);
            return new Dataset(
                    columns,
                    x,
                    label == null ? null : labels.toArray(new String[0]),
                    ours ? agents.toArray(new String[0]) : null,
                    ours ? roles.toArray(new String[0]) : null,
                    ours ? starts.stream().mapToLong(Long::longValue).toArray() : null,
                    ours ? AgentHourFeatures.id() : null);
        }
    }

    private static double number(Path file, CSVRecord rec, String column) {
        String v = rec.isMapped(column) && rec.isSet(column) ? rec.get(column) : "";
        try {
            return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    file
                            + " line "
                            + (rec.getRecordNumber() + 1)
                            + ": column '"
                            + column
                            + "' is '"
                            + v
                            + "', not a number");
        }
    }

    private static final Set<String> NEGATIVE = Set.of("", "0", "0.0", "false", "no", "normal");

    /** A CSV label: "1", "true", "anomaly" and the like are anomalies; "0", "false", "" are not. */
    private static String positive(String v) {
        return NEGATIVE.contains(v.toLowerCase(Locale.ROOT)) ? null : "1";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

package io.agentwatch.models.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads a labels CSV ({@link ContactCentreSimulator#writeLabelsCsv}): which event is which. */
public final class LabelsFile {
    /** The header line, as {@link ContactCentreSimulator#writeLabelsCsv} writes it. */
    static final String HEADER = "scenario,agent_id,start,end,event_count,event_ids";

    private LabelsFile() {}

    /** Scenario id by event id. */
    public static Map<String, String> scenarioByEventId(Path csv) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.trim().equals(HEADER)) {
                throw new IOException(
                        csv + ": not a labels file (the first line must be '" + HEADER + "')");
            }
            String line;
            int number = 1;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split(",", -1);
                if (cols.length != 6) {
                    throw new IOException(
                            csv + " line " + number + ": expected 6 columns, found " + cols.length);
                }
                String scenario = Scenario.fromId(cols[0]).id();
                for (String id : cols[5].trim().split(" ")) {
                    if (!id.isEmpty()) {
                        out.put(id, scenario);
                    }
                }
            }
        }
        return out;
    }
}

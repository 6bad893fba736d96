package io.agentwatch.models.features;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.ml.Dataset;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTableTest {
    @TempDir Path dir;

    @Test
    void anHourHoldingALabelledEventCarriesItsScenarioAndTheCsvReadsBack() throws Exception {
        AccessEvent a1 = view("a", T0);
        AccessEvent b1 = view("b", T0 + MINUTE);
        AccessEvent a2 = view("a", T0 + HOUR);
        a2.agentTeam = "team, with a comma";
        AccessEvent a3 = view("a", T0 + 2 * HOUR);
        FeatureTable table = new FeatureTable(Map.of(a2.eventId, "bulk_scrape"));
        for (AccessEvent e : List.of(a1, b1, a2, a3)) {
            table.add(e);
        }
        List<FeatureWindow> windows = table.finish();
        assertThat(windows)
                .extracting(w -> w.agentId + "@" + (w.windowStart - T0) / HOUR + ":" + w.label)
                .containsExactly("a@0:null", "b@0:null", "a@1:bulk_scrape", "a@2:null");

        StringWriter csv = new StringWriter();
        FeatureTable.writeCsv(windows, true, csv);
        Path file = dir.resolve("features.csv");
        Files.writeString(file, csv.toString());
        Dataset d = Dataset.readCsv(file, null);
        assertThat(d.schema).isEqualTo(AgentHourFeatures.id());
        assertThat(d.columns).isEqualTo(AgentHourFeatures.NAMES);
        assertThat(d.rows()).isEqualTo(4);
        assertThat(d.labels).containsExactly(null, null, "bulk_scrape", null);
        assertThat(d.agents).containsExactly("a", "b", "a", "a");
        assertThat(d.windowStarts[2]).isEqualTo(T0 + HOUR);
        assertThat(d.x[2]).isEqualTo(windows.get(2).values);
    }
}

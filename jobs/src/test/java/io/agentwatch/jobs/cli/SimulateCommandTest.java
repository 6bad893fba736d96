package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @Test
    void theSameSeedWritesTheSameEventsAndLabels(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        CliTestSupport.simulate(a, 7, 20, 2, 500);
        CliTestSupport.simulate(b, 7, 20, 2, 500);
        assertThat(Files.readAllBytes(a)).isNotEmpty().isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readString(dir.resolve("a.labels.csv")))
                .startsWith("scenario,agent_id,start,end,event_count,event_ids\n")
                .contains("card_search_sweep,");
    }

    @Test
    void gzipOutputIsCompressed(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("e.ndjson.gz");
        assertThat(
                        DetectorCli.run(
                                "simulate",
                                "--agents",
                                "12",
                                "--days",
                                "1",
                                "--customers",
                                "200",
                                "--out",
                                gz.toString()))
                .isZero();
        byte[] head = Files.readAllBytes(gz);
        assertThat(head[0] & 0xFF).isEqualTo(0x1F);
        assertThat(head[1] & 0xFF).isEqualTo(0x8B);
        assertThat(dir.resolve("e.labels.csv")).exists();
    }

    @Test
    void badArgumentsExitNonZero() {
        assertThat(DetectorCli.run("simulate", "--agents", "3")).isNotZero();
        assertThat(DetectorCli.run("simulate", "--days", "many")).isNotZero();
    }
}

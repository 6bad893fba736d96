package io.agentwatch.models.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.review.AgentFieldUse;
import io.agentwatch.models.review.OpenAccessUsage;
import io.agentwatch.models.testing.BitExact;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AccessUsageCodecTest {
    private final StateWriter w = new StateWriter();
    private final StateReader r = new StateReader();

    private <T> void assertRoundTrips(
            T u, long base, BiConsumer<StateWriter, T> write, Function<StateReader, T> read) {
        w.reset(base);
        write.accept(w, u);
        r.reset(w.buffer(), 0, w.length());
        r.timeBase(base);
        assertThat(read.apply(r)).usingRecursiveComparison(BitExact.FIELDS).isEqualTo(u);
        assertThat(r.atEnd()).isTrue();
    }

    private void assertRoundTrips(AgentAccessUsage u) {
        assertRoundTrips(
                u, AccessUsageCodec.timeBase(u), AccessUsageCodec::write, AccessUsageCodec::read);
    }

    private void assertRoundTrips(OpenAccessUsage u) {
        assertRoundTrips(
                u,
                AccessUsageCodec.timeBase(u),
                AccessUsageCodec::write,
                AccessUsageCodec::readOpen);
    }

    @Test
    void aWeekOfSimulatedFieldUseReadsBackEqual() throws Exception {
        AccessUsageCounter counter = new AccessUsageCounter(Duration.ofDays(7));
        SimulatedAgents<OpenAccessUsage> run =
                SimulatedAgents.run(
                        4, 991, OpenAccessUsage::new, counter::add, this::assertRoundTrips);
        assertThat(run.agents().values())
                .as("some agents used fields")
                .anySatisfy(u -> assertThat(u.fieldCount).isGreaterThan(3));
    }

    @Test
    void anyValuesReadBackEqual() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 300; i++) {
            AgentAccessUsage u = RandomFields.fill(new AgentAccessUsage(), random);
            if (random.nextBoolean()) {
                u.fields = new AgentFieldUse[random.nextInt(1, 12)];
                for (int f = 0; f < u.fields.length - random.nextInt(3); f++) {
                    u.fields[f] = RandomFields.fill(new AgentFieldUse(), random);
                    if (random.nextBoolean()
                            && u.fields[f].customers != null
                            && u.fields[f].customers.length > 0) {
                        // A bitmap of a few customers: the gap layout.
                        java.util.Arrays.fill(u.fields[f].customers, 0);
                        u.fields[f].customers[0] = 1L << random.nextInt(64);
                    }
                }
            }
            assertRoundTrips(u);
        }
    }

    /**
     * The open period as the code before its flat layout counted and wrote it (a committed file):
     * counting the same simulation now writes the same bytes, record for record, and each record
     * reads back and writes the same bytes again. So a savepoint from before restores as it was.
     */
    @Test
    void openPeriodsAreCountedAndWrittenAsBeforeTheirFlatLayout() throws Exception {
        List<String> saved = SavedRecords.read("/state/access-usage-layout-2026-12-07.txt");
        AccessUsageCounter counter = new AccessUsageCounter(Duration.ofDays(2));
        assertThat(SavedRecords.simulate(OpenAccessUsage::new, counter::add, this::record))
                .containsExactlyElementsOf(saved);

        int withMoreThanEight = 0;
        for (String line : saved) {
            OpenAccessUsage u = AccessUsageCodec.readOpen(SavedRecords.open(r, line));
            assertThat(r.atEnd()).as("every byte read").isTrue();
            assertThat(record(u)).isEqualTo(line);
            withMoreThanEight += u.fieldCount > 8 ? 1 : 0;
        }
        assertThat(withMoreThanEight).as("records of more than 8 fields").isPositive();
    }

    private String record(OpenAccessUsage u) {
        return SavedRecords.line(
                w, AccessUsageCodec.timeBase(u), writer -> AccessUsageCodec.write(writer, u));
    }
}

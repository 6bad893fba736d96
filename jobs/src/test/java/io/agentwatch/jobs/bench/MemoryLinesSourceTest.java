package io.agentwatch.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class MemoryLinesSourceTest {
    @Test
    void countsTheCheckpointsItsJobsCompletedSinceItWasLastAsked() throws Exception {
        BenchInput input =
                BenchInput.generate(
                        3, 20, 20, BenchInput.Clones.CONCURRENT, 1_000, 0, 2, null, n -> {});
        BenchInput other =
                BenchInput.generate(
                        3, 20, 20, BenchInput.Clones.CONCURRENT, 1_000, 0, 2, null, n -> {});
        MemoryLinesSource source = new MemoryLinesSource(input, 0);
        try (MockSplitEnumeratorContext<MemoryLinesSource.Split> context =
                        new MockSplitEnumeratorContext<>(2);
                SplitEnumerator<MemoryLinesSource.Split, Collection<MemoryLinesSource.Split>>
                        enumerator = source.createEnumerator(context)) {
            assertThat(input.checkpointsCompleted()).isZero();
            enumerator.notifyCheckpointComplete(1);
            enumerator.notifyCheckpointComplete(2);
            assertThat(input.checkpointsCompleted()).isEqualTo(2);
            assertThat(input.checkpointsCompleted()).as("asked again").isZero();
            enumerator.notifyCheckpointComplete(3);
            assertThat(other.checkpointsCompleted()).as("another input's").isZero();

            // A job restored from a checkpoint counts on for the same input.
            try (SplitEnumerator<MemoryLinesSource.Split, Collection<MemoryLinesSource.Split>>
                    restored =
                            source.restoreEnumerator(
                                    context,
                                    List.of(new MemoryLinesSource.Split(input.id, 0, 5)))) {
                restored.notifyCheckpointComplete(4);
            }
            assertThat(input.checkpointsCompleted()).isEqualTo(2);
        } finally {
            input.release();
            other.release();
        }
    }

    @Test
    void timesItsStreamFromTheFirstLineAnyReaderHandsOnToTheLastOfTheLastReader() throws Exception {
        BenchInput input =
                BenchInput.generate(
                        3, 20, 20, BenchInput.Clones.CONCURRENT, 1_000, 0, 2, null, n -> {});
        try {
            new MemoryLinesSource.Lines(input, 0, 0).next();
            assertThat(input.streamTimes()).as("no partition read whole").isNull();

            MemoryLinesSource.Lines first = new MemoryLinesSource.Lines(input, 0, 0);
            MemoryLinesSource.Lines second = new MemoryLinesSource.Lines(input, 1, 0);
            long before = System.nanoTime();
            first.next();
            long firstLine = System.nanoTime();
            readAll(second);
            long secondRead = System.nanoTime();
            readAll(first);
            long bothRead = System.nanoTime();

            BenchInput.StreamTimes stream = input.streamTimes();
            assertThat(stream).isNotNull();
            assertThat(stream.firstLineAt()).isBetween(before, firstLine);
            assertThat(stream.lastLineAt()).isBetween(secondRead, bothRead);
            assertThat(input.streamTimes()).as("asked again").isNull();
        } finally {
            input.release();
        }
    }

    private static void readAll(MemoryLinesSource.Lines lines) {
        while (lines.hasNext()) {
            lines.next();
        }
    }
}

package io.agentwatch.jobs.bench;

import io.agentwatch.jobs.io.RawLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimitedSourceReader;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The benchmark's lines from memory ({@link BenchInput}), one split per partition, optionally at a
 * fixed total rate; records when each probe's triggering line is emitted, and counts the job's
 * completed checkpoints (its enumerator hears of each). Built on Flink's iterator source parts and
 * its rate-limited reader.
 */
final class MemoryLinesSource
        implements Source<RawLine, MemoryLinesSource.Split, Collection<MemoryLinesSource.Split>>,
                ResultTypeQueryable<RawLine> {
    private static final long serialVersionUID = 1L;

    private final String inputId;
    private final int partitions;
    private final double ratePerSecond;

    /** The input's lines as a stream, one reader per partition, named as both pipelines name it. */
    static DataStreamSource<RawLine> stream(
            StreamExecutionEnvironment env, BenchInput input, double ratePerSecond) {
        return env.fromSource(
                new MemoryLinesSource(input, ratePerSecond),
                WatermarkStrategy.noWatermarks(),
                "Benchmark lines",
                TypeInformation.of(RawLine.class));
    }

    /**
     * @param ratePerSecond lines per second over all readers; 0 for as fast as possible
     */
    MemoryLinesSource(BenchInput input, double ratePerSecond) {
        this.inputId = input.id;
        this.partitions = input.partitions.length;
        this.ratePerSecond = ratePerSecond;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RawLine, Split> createReader(SourceReaderContext context) {
        IteratorSourceReader<RawLine, Lines, Split> reader = new IteratorSourceReader<>(context);
        if (ratePerSecond <= 0) {
            return reader;
        }
        RateLimiterStrategy<Split> rate = RateLimiterStrategy.perSecond(ratePerSecond);
        return new RateLimitedSourceReader<>(
                reader, rate.createRateLimiter(context.currentParallelism()));
    }

    @Override
    public SplitEnumerator<Split, Collection<Split>> createEnumerator(
            SplitEnumeratorContext<Split> context) {
        List<Split> splits = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            splits.add(new Split(inputId, p, 0));
        }
        return new CountingEnumerator(context, splits, inputId);
    }

    @Override
    public SplitEnumerator<Split, Collection<Split>> restoreEnumerator(
            SplitEnumeratorContext<Split> context, Collection<Split> checkpoint) {
        return new CountingEnumerator(context, checkpoint, inputId);
    }

    /** Flink's iterator enumerator, counting on its input the checkpoints it hears are complete. */
    private static final class CountingEnumerator extends IteratorSourceEnumerator<Split> {
        private final BenchInput input;

        CountingEnumerator(
                SplitEnumeratorContext<Split> context, Collection<Split> splits, String inputId) {
            super(context, splits);
            this.input = BenchInput.registered(inputId);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            super.notifyCheckpointComplete(checkpointId);
            input.checkpointCompleted();
        }
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<Split>> getEnumeratorCheckpointSerializer() {
        return new SplitsSerializer();
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }

    /** One partition of the input, from a position. */
    static final class Split implements IteratorSourceSplit<RawLine, Lines> {
        final String inputId;
        final int partition;
        final int position;

        Split(String inputId, int partition, int position) {
            this.inputId = inputId;
            this.partition = partition;
            this.position = position;
        }

        @Override
        public String splitId() {
            return Integer.toString(partition);
        }

        @Override
        public Lines getIterator() {
            return new Lines(BenchInput.registered(inputId), partition, position);
        }

        @Override
        public IteratorSourceSplit<RawLine, Lines> getUpdatedSplitForIterator(Lines lines) {
            return new Split(inputId, partition, lines.next);
        }
    }

    static final class Lines implements Iterator<RawLine> {
        private final BenchInput input;
        private final byte[][] lines;
        private final int[] probeAt;
        private final String source;
        int next;

        Lines(BenchInput input, int partition, int from) {
            this.input = input;
            this.lines = input.partitions[partition];
            this.probeAt = input.probeAt[partition];
            this.source = "bench/" + partition;
            this.next = from;
        }

        @Override
        public boolean hasNext() {
            return next < lines.length;
        }

        @Override
        public RawLine next() {
            if (next >= lines.length) {
                throw new NoSuchElementException();
            }
            int i = next++;
            if (i == 0) {
                input.partitionStarted(System.nanoTime());
            }
            if (next == lines.length) {
                input.partitionRead(System.nanoTime());
            }
            if (probeAt[i] >= 0) {
                input.emitted(probeAt[i], System.nanoTime());
            }
            if (i % BenchInput.READ_STEP == BenchInput.READ_STEP - 1) {
                input.read(BenchInput.READ_STEP);
            }
            return new RawLine(lines[i], lines[i].length, source, i);
        }
    }

    private static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Split s) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(s.inputId);
                out.writeInt(s.partition);
                out.writeInt(s.position);
            }
            return bytes.toByteArray();
        }

        @Override
        public Split deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new Split(in.readUTF(), in.readInt(), in.readInt());
            }
        }
    }

    private static final class SplitsSerializer
            implements SimpleVersionedSerializer<Collection<Split>> {
        private final SplitSerializer one = new SplitSerializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Collection<Split> splits) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(splits.size());
                for (Split s : splits) {
                    byte[] b = one.serialize(s);
                    out.writeInt(b.length);
                    out.write(b);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public Collection<Split> deserialize(int version, byte[] serialized) throws IOException {
            List<Split> out = new ArrayList<>();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    out.add(one.deserialize(version, b));
                }
            }
            return out;
        }
    }
}

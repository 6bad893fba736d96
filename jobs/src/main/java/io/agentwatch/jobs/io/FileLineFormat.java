package io.agentwatch.jobs.io;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/**
 * {@link ByteLineFormat} for {@code FileSource}, with each record tagged with the path of its file
 * (so a dead letter says file and line). Decompression by extension ({@code .gz}, ...) and
 * checkpointed positions come from Flink's {@link StreamFormatAdapter}.
 */
public final class FileLineFormat implements BulkFormat<RawLine, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final StreamFormatAdapter<RawLine> lines =
            new StreamFormatAdapter<>(new ByteLineFormat());

    @Override
    public BulkFormat.Reader<RawLine> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new Tagging(lines.createReader(config, split), split.path().toString());
    }

    @Override
    public BulkFormat.Reader<RawLine> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new Tagging(lines.restoreReader(config, split), split.path().toString());
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return lines.getProducedType();
    }

    private static final class Tagging implements BulkFormat.Reader<RawLine> {
        private final BulkFormat.Reader<RawLine> inner;
        private final String path;

        Tagging(BulkFormat.Reader<RawLine> inner, String path) {
            this.inner = inner;
            this.path = path;
        }

        @Override
        public RecordIterator<RawLine> readBatch() throws IOException {
            RecordIterator<RawLine> batch = inner.readBatch();
            if (batch == null) {
                return null;
            }
            return new RecordIterator<>() {
                @Override
                public RecordAndPosition<RawLine> next() {
                    RecordAndPosition<RawLine> r = batch.next();
                    if (r != null) {
                        r.getRecord().source = path;
                    }
                    return r;
                }

                @Override
                public void releaseBatch() {
                    batch.releaseBatch();
                }
            };
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}

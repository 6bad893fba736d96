package io.agentwatch.jobs.io;

import io.agentwatch.models.event.EventParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads newline-delimited records as raw bytes for {@code FileSource}. Unlike Flink's
 * TextLineInputFormat it does not decode (which would silently turn invalid UTF-8 into U+FFFD), and
 * it never holds more than one record's limit in memory: an over-long line is kept as a prefix plus
 * its true length, so it can be dead-lettered without exhausting the heap.
 */
public final class ByteLineFormat extends SimpleStreamFormat<RawLine> {
    private static final long serialVersionUID = 1L;

    private static final int BUFFER = 64 * 1024;

    @Override
    public StreamFormat.Reader<RawLine> createReader(
            Configuration config, FSDataInputStream stream) {
        // The file's path is not known here: FileLineFormat tags the records with it.
        return new Reader(stream, null);
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }

    static final class Reader implements StreamFormat.Reader<RawLine> {
        private static final int KEEP = EventParser.MAX_RECORD_BYTES + 1;

        private final InputStream in;
        private final String source;
        private final byte[] buffer = new byte[BUFFER];
        private int pos;
        private int limit;
        private long lineNumber;
        private byte[] line = new byte[1024];

        Reader(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        @Override
        public RawLine read() throws IOException {
            while (true) {
                int kept = 0;
                int length = 0;
                boolean sawAny = false;
                while (true) {
                    if (pos == limit) {
                        limit = in.read(buffer, 0, buffer.length);
                        pos = 0;
                        if (limit <= 0) {
                            limit = 0;
                            if (!sawAny) {
                                return null;
                            }
                            break;
                        }
                    }
                    sawAny = true;
                    int start = pos;
                    while (pos < limit && buffer[pos] != '\n') {
                        pos++;
                    }
                    int chunk = pos - start;
                    length += chunk;
                    int room = KEEP - kept;
                    if (room > 0) {
                        int copy = Math.min(room, chunk);
                        ensure(kept + copy);
                        System.arraycopy(buffer, start, line, kept, copy);
                        kept += copy;
                    }
                    if (pos < limit) {
                        pos++; // past '\n'
                        break;
                    }
                }
                lineNumber++;
                if (kept > 0 && kept == length && line[kept - 1] == '\r') {
                    kept--;
                    length--;
                }
                if (isBlank(line, kept) && length == kept) {
                    continue; // blank lines carry nothing to lose
                }
                return new RawLine(Arrays.copyOf(line, kept), length, source, lineNumber);
            }
        }

        private void ensure(int size) {
            if (size > line.length) {
                line = Arrays.copyOf(line, Math.max(size, Math.min(KEEP, line.length * 2)));
            }
        }

        private static boolean isBlank(byte[] b, int n) {
            for (int i = 0; i < n; i++) {
                if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

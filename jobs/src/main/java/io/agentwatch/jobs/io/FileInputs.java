package io.agentwatch.jobs.io;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/**
 * Bounded file input: one NDJSON file (plain or {@code .gz}), or a folder of them read recursively.
 * In a folder only {@code *.ndjson}, {@code *.jsonl} and {@code *.json} files (and their {@code
 * .gz}) are read, so a labels CSV or a README beside the data is not taken for events.
 */
public final class FileInputs {
    private FileInputs() {}

    public static FileSource<RawLine> source(java.nio.file.Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("input " + path + " does not exist");
        }
        return FileSource.forBulkFileFormat(
                        new FileLineFormat(), new Path(path.toAbsolutePath().toUri()))
                .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(new EventFiles()))
                .build();
    }

    /** Accepts folders and event files; skips hidden files (and Flink's in-progress files). */
    static final class EventFiles implements Predicate<Path>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean test(Path path) {
            String name = path.getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
            if (isEventFile(name)) {
                return true;
            }
            try {
                return path.getFileSystem().getFileStatus(path).isDir();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static boolean isEventFile(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.endsWith(".gz")) {
                n = n.substring(0, n.length() - 3);
            }
            return n.endsWith(".ndjson") || n.endsWith(".jsonl") || n.endsWith(".json");
        }
    }
}

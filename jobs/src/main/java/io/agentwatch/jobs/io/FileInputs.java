package io.agentwatch.jobs.io;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/**
 * File input: one NDJSON file (plain or {@code .gz}), or a folder of them read recursively. In a
 * folder only {@code *.ndjson}, {@code *.jsonl} and {@code *.json} files (and their {@code .gz})
 * are read, so a labels CSV or a README beside the data is not taken for events. Bounded, or with
 * {@link #follow} a folder watched for new files.
 */
public final class FileInputs {
    private FileInputs() {}

    public static FileSource<RawLine> source(java.nio.file.Path path) {
        return builder(path).build();
    }

    /**
     * Unbounded: reads the folder, then every file that appears in it later (checked every {@code
     * every}). Files must appear whole: write them elsewhere (or under a name starting with a dot)
     * and move them in.
     */
    public static FileSource<RawLine> follow(java.nio.file.Path folder, Duration every) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("input " + folder + " is not a folder to follow");
        }
        return builder(folder).monitorContinuously(every).build();
    }

    private static FileSource.FileSourceBuilder<RawLine> builder(java.nio.file.Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("input " + path + " does not exist");
        }
        return FileSource.forBulkFileFormat(
                        new FileLineFormat(), new Path(path.toAbsolutePath().toUri()))
                .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(new EventFiles()));
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

package io.agentwatch.models.event;

import io.agentwatch.models.sensitivity.EventSanitizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads contract-v1 events from NDJSON files ({@code .gz} too) outside Flink, for the offline
 * tools: each line parsed, validated, classified and masked as the job does. Invalid lines are
 * counted and handed to the caller with their reason, never dropped silently.
 */
public final class EventFiles {
    private final EventParser parser = new EventParser();
    private final EventSanitizer sanitizer;
    private long valid;
    private long invalid;

    public EventFiles(EventSanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    /** The input's event files: the file itself, or a folder's .ndjson and .ndjson.gz by name. */
    public static List<Path> list(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            if (!Files.isRegularFile(input)) {
                throw new IOException(input + ": no such file or folder");
            }
            return List.of(input);
        }
        try (Stream<Path> files = Files.list(input)) {
            List<Path> out = new ArrayList<>();
            files.filter(
                            p -> {
                                String n = p.getFileName().toString();
                                return n.endsWith(".ndjson") || n.endsWith(".ndjson.gz");
                            })
                    .sorted()
                    .forEach(out::add);
            if (out.isEmpty()) {
                throw new IOException(input + ": no .ndjson or .ndjson.gz files");
            }
            return out;
        }
    }

    /** Reads every line of every file, in order. */
    public void read(Path input, Consumer<AccessEvent> events, Consumer<String> invalidLines)
            throws IOException {
        for (Path file : list(input)) {
            try (InputStream in = open(file)) {
                readLines(file, in, events, invalidLines);
            }
        }
    }

    public long valid() {
        return valid;
    }

    public long invalid() {
        return invalid;
    }

    private void readLines(
            Path file, InputStream in, Consumer<AccessEvent> events, Consumer<String> invalidLines)
            throws IOException {
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[1024];
        int length = 0;
        long trueLength = 0;
        long number = 0;
        int n;
        while ((n = in.read(buf)) > 0 || length > 0) {
            for (int i = 0; i < Math.max(n, 0); i++) {
                if (buf[i] != '\n') {
                    trueLength++;
                    // An over-long line keeps only a prefix: the parser rejects it by its length.
                    if (length <= EventParser.MAX_RECORD_BYTES) {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[length++] = buf[i];
                    }
                    continue;
                }
                number++;
                accept(file, number, line, length, trueLength, events, invalidLines);
                length = 0;
                trueLength = 0;
            }
            if (n <= 0) {
                number++;
                accept(file, number, line, length, trueLength, events, invalidLines);
                length = 0;
                trueLength = 0;
            }
        }
    }

    private void accept(
            Path file,
            long number,
            byte[] line,
            int length,
            long trueLength,
            Consumer<AccessEvent> events,
            Consumer<String> invalidLines) {
        if (length == 0 || (length == 1 && line[0] == '\r')) {
            return;
        }
        ParseResult r = parser.parse(line, 0, length, trueLength);
        if (r.isValid()) {
            valid++;
            events.accept(sanitizer.sanitize(r.event()));
            return;
        }
        invalid++;
        invalidLines.accept(
                file.getFileName()
                        + " line "
                        + number
                        + ": "
                        + r.error().field()
                        + " "
                        + r.error().reason());
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz")
                ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16)
                : in;
    }
}

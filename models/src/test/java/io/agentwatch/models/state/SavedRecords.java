package io.agentwatch.models.state;

import io.agentwatch.models.event.AccessEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * State records as an earlier layout wrote them, committed as files under {@code /state/}: a line
 * per record, its time base and then the record in base64; lines starting with {@code #} say how
 * the file was made.
 */
final class SavedRecords {
    private SavedRecords() {}

    static List<String> read(String resource) throws IOException {
        try (InputStream in = SavedRecords.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.startsWith("#"))
                    .toList();
        }
    }

    /** The record {@code write} makes with time base {@code base}, as a line of such a file. */
    static String line(StateWriter w, long base, Consumer<StateWriter> write) {
        w.reset(base);
        write.accept(w);
        return base
                + " "
                + Base64.getEncoder().encodeToString(Arrays.copyOf(w.buffer(), w.length()));
    }

    /** The reader set to the line's record. */
    static StateReader open(StateReader r, String line) {
        String[] parts = line.split(" ");
        byte[] bytes = Base64.getDecoder().decode(parts[1]);
        r.reset(bytes, 0, bytes.length);
        r.timeBase(Long.parseLong(parts[0]));
        return r;
    }

    /**
     * The lines of a state, as the files of such states were made: a seed-11 simulation of 30
     * agents over 7 days, events masked as the job masks them; the state of every 301st event's
     * agent after it, then every agent's at the end, by agent id.
     */
    static <S> List<String> simulate(
            Supplier<S> create, BiConsumer<S, AccessEvent> onEvent, Function<S, String> line)
            throws IOException {
        List<String> lines = new ArrayList<>();
        SimulatedAgents.run(11, 301, create, onEvent, s -> lines.add(line.apply(s)));
        return lines;
    }
}

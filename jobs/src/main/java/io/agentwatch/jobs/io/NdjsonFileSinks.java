package io.agentwatch.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.DetectionStreams;
import io.agentwatch.models.output.EcsDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/**
 * Writes the pipeline's documents as NDJSON files in one folder: {@code events-*.ndjson}, {@code
 * alerts-*.ndjson}, {@code dead-letters-*.ndjson}, {@code agent-risk-*.ndjson} and, with a model,
 * {@code model-findings-*.ndjson}, and {@code access-review-*.ndjson}; the same documents that go
 * to Elasticsearch. Files are committed on checkpoints and when a bounded input ends.
 */
public final class NdjsonFileSinks {
    public static final String EVENTS_PREFIX = "events";
    public static final String ALERTS_PREFIX = "alerts";
    public static final String DEAD_LETTERS_PREFIX = "dead-letters";
    public static final String AGENT_RISK_PREFIX = "agent-risk";
    public static final String MODEL_FINDINGS_PREFIX = "model-findings";
    public static final String ACCESS_REVIEW_PREFIX = "access-review";
    public static final String SUFFIX = ".ndjson";

    /** Every kind of file these sinks write. */
    public static final java.util.List<String> PREFIXES =
            java.util.List.of(
                    EVENTS_PREFIX,
                    ALERTS_PREFIX,
                    DEAD_LETTERS_PREFIX,
                    AGENT_RISK_PREFIX,
                    MODEL_FINDINGS_PREFIX,
                    ACCESS_REVIEW_PREFIX);

    private static final ObjectMapper JSON = new ObjectMapper();

    private NdjsonFileSinks() {}

    /** Whether a file name is one these sinks write with this prefix. */
    public static boolean isOutput(String fileName, String prefix) {
        return fileName.startsWith(prefix + "-") && fileName.endsWith(SUFFIX);
    }

    /** The files these sinks wrote into a folder with this prefix, in name order. */
    public static List<Path> outputs(Path folder, String prefix) throws IOException {
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(p -> isOutput(p.getFileName().toString(), prefix))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Every document these sinks wrote into a folder with this prefix, file by file. */
    public static void documents(
            Path folder, String prefix, java.util.function.Consumer<JsonNode> sink)
            throws IOException {
        for (Path f : outputs(folder, prefix)) {
            try (java.io.BufferedReader r =
                    Files.newBufferedReader(f, java.nio.charset.StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        sink.accept(JSON.readTree(line));
                    }
                }
            }
        }
    }

    /** Whether a file name is any file these sinks write. */
    public static boolean isOutput(String fileName) {
        return PREFIXES.stream().anyMatch(p -> isOutput(fileName, p));
    }

    /**
     * Lines already encoded ({@link EcsDocuments#eventLine}), gathered into 64 KB writes: the file
     * stream under the sink is unbuffered, and a system call per event cost a tenth of the CPU.
     * Flink finishes (flushes) the writer before it commits a file, at every checkpoint.
     */
    private static final class LineWriter implements BulkWriter<byte[]> {
        private final java.io.BufferedOutputStream out;

        LineWriter(FSDataOutputStream stream) {
            this.out = new java.io.BufferedOutputStream(stream, 1 << 16);
        }

        @Override
        public void addElement(byte[] line) throws IOException {
            out.write(line);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void finish() throws IOException {
            // Flushes only: Flink closes the stream itself.
            out.flush();
        }
    }

    /** A document and its newline in one write: the file stream under the sink is unbuffered. */
    private static final class DocumentLineEncoder implements Encoder<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(String document, java.io.OutputStream stream) throws IOException {
            stream.write((document + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    public static void attach(DetectionStreams streams, Path folder) {
        streams.events
                .map(EcsDocuments::eventLine)
                .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .name("Enriched event to ECS JSON")
                .uid("events-json")
                .sinkTo(
                        FileSink.forBulkFormat(
                                        flinkPath(folder),
                                        (BulkWriter.Factory<byte[]>) LineWriter::new)
                                .withBucketAssigner(new BasePathBucketAssigner<>())
                                .withOutputFileConfig(fileNames(EVENTS_PREFIX))
                                .build())
                .uid(EVENTS_PREFIX + "-file-sink")
                .name("Write " + EVENTS_PREFIX + " NDJSON")
                // A task of its own: at each checkpoint the sink forces the file to disk (hundreds
                // of milliseconds for seconds of events), which would stall the detectors and
                // every alert behind them if it ran in their thread.
                .disableChaining();
        write(
                streams.alerts
                        .map(EcsDocuments::alert)
                        .returns(Types.STRING)
                        .name("Alert revision to ECS JSON")
                        .uid("alerts-json"),
                new DocumentLineEncoder(),
                folder,
                ALERTS_PREFIX);
        write(
                streams.deadLetters
                        .map(EcsDocuments::deadLetter)
                        .returns(Types.STRING)
                        .name("Dead letter to JSON")
                        .uid("dead-letters-json"),
                new DocumentLineEncoder(),
                folder,
                DEAD_LETTERS_PREFIX);
        write(
                streams.agentRisk
                        .map(EcsDocuments::agentRisk)
                        .returns(Types.STRING)
                        .name("Agent risk to JSON")
                        .uid("agent-risk-json"),
                new DocumentLineEncoder(),
                folder,
                AGENT_RISK_PREFIX);
        write(
                streams.accessReview
                        .map(d -> d.json)
                        .returns(Types.STRING)
                        .name("Access review row to JSON")
                        .uid("access-review-json"),
                new DocumentLineEncoder(),
                folder,
                ACCESS_REVIEW_PREFIX);
        if (streams.modelFindings != null) {
            write(
                    streams.modelFindings
                            .map(EcsDocuments::modelFinding)
                            .returns(Types.STRING)
                            .name("Model finding to JSON")
                            .uid("model-findings-json"),
                    new DocumentLineEncoder(),
                    folder,
                    MODEL_FINDINGS_PREFIX);
        }
    }

    private static org.apache.flink.core.fs.Path flinkPath(Path folder) {
        return new org.apache.flink.core.fs.Path(folder.toAbsolutePath().toUri());
    }

    private static OutputFileConfig fileNames(String prefix) {
        return OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(SUFFIX).build();
    }

    private static <T> DataStreamSink<T> write(
            DataStream<T> documents, Encoder<T> encoder, Path folder, String prefix) {
        FileSink<T> sink =
                FileSink.forRowFormat(flinkPath(folder), encoder)
                        .withBucketAssigner(new BasePathBucketAssigner<>())
                        .withOutputFileConfig(fileNames(prefix))
                        .build();
        return documents
                .sinkTo(sink)
                .uid(prefix + "-file-sink")
                .name("Write " + prefix + " NDJSON");
    }
}

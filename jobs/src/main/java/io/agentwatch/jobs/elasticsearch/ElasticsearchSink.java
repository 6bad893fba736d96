package io.agentwatch.jobs.elasticsearch;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.Preconditions;

/**
 * An Elasticsearch sink on Flink's {@link AsyncSinkBase}: batches by count, bytes and time, applies
 * back-pressure, flushes on checkpoints, and keeps unsent documents in checkpoints. Documents are
 * created with deterministic ids, so replays write nothing twice. See {@link
 * ElasticsearchSinkWriter} for how failures are handled.
 */
public final class ElasticsearchSink<InputT> extends AsyncSinkBase<InputT, IndexRequestEntry> {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 2;
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
    public static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 5L * 1024 * 1024;
    public static final long DEFAULT_MAX_TIME_IN_BUFFER_MS = 1_000;
    public static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 1024 * 1024;
    public static final long DEFAULT_INITIAL_BACKOFF_MS = 100;
    public static final long DEFAULT_MAX_BACKOFF_MS = 30_000;

    /** How long Elasticsearch may wait for an unavailable primary shard before answering 503. */
    public static final long DEFAULT_BULK_TIMEOUT_MS = 60_000;

    private final ElasticsearchConnection connection;
    private final String deadLetterIndex;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final long bulkTimeoutMs;

    private ElasticsearchSink(Builder<InputT> b) {
        super(
                b.converter,
                b.maxBatchSize,
                b.maxInFlightRequests,
                b.maxBufferedRequests,
                b.maxBatchSizeInBytes,
                b.maxTimeInBufferMs,
                b.maxRecordSizeInBytes);
        this.connection = b.connection;
        this.deadLetterIndex = b.deadLetterIndex;
        this.initialBackoffMs = b.initialBackoffMs;
        this.maxBackoffMs = b.maxBackoffMs;
        this.bulkTimeoutMs = b.bulkTimeoutMs;
    }

    public static <InputT> Builder<InputT> builder() {
        return new Builder<>();
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<IndexRequestEntry>> createWriter(
            WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<IndexRequestEntry>> restoreWriter(
            WriterInitContext context,
            Collection<BufferedRequestState<IndexRequestEntry>> recovered) {
        AsyncSinkWriterConfiguration config =
                AsyncSinkWriterConfiguration.builder()
                        .setMaxBatchSize(getMaxBatchSize())
                        .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                        .setMaxInFlightRequests(getMaxInFlightRequests())
                        .setMaxBufferedRequests(getMaxBufferedRequests())
                        .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                        .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                        .build();
        return new ElasticsearchSinkWriter<>(
                getElementConverter(),
                context,
                config,
                recovered,
                connection,
                deadLetterIndex,
                initialBackoffMs,
                maxBackoffMs,
                bulkTimeoutMs);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<IndexRequestEntry>>
            getWriterStateSerializer() {
        return new IndexRequestEntrySerializer();
    }

    /** Builds an {@link ElasticsearchSink}; every argument is checked when it is set. */
    public static final class Builder<InputT> {
        private ElasticsearchConnection connection;
        private ElementConverter<InputT, IndexRequestEntry> converter;
        private String deadLetterIndex;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private int maxInFlightRequests = DEFAULT_MAX_IN_FLIGHT_REQUESTS;
        private int maxBufferedRequests = DEFAULT_MAX_BUFFERED_REQUESTS;
        private long maxBatchSizeInBytes = DEFAULT_MAX_BATCH_SIZE_IN_BYTES;
        private long maxTimeInBufferMs = DEFAULT_MAX_TIME_IN_BUFFER_MS;
        private long maxRecordSizeInBytes = DEFAULT_MAX_RECORD_SIZE_IN_BYTES;
        private long initialBackoffMs = DEFAULT_INITIAL_BACKOFF_MS;
        private long maxBackoffMs = DEFAULT_MAX_BACKOFF_MS;
        private long bulkTimeoutMs = DEFAULT_BULK_TIMEOUT_MS;

        public Builder<InputT> connection(ElasticsearchConnection connection) {
            this.connection = Preconditions.checkNotNull(connection, "connection");
            return this;
        }

        public Builder<InputT> converter(ElementConverter<InputT, IndexRequestEntry> converter) {
            this.converter = Preconditions.checkNotNull(converter, "converter");
            return this;
        }

        /** Where documents Elasticsearch rejects (e.g. a mapping conflict) are written instead. */
        public Builder<InputT> deadLetterIndex(String index) {
            Preconditions.checkArgument(
                    index != null && !index.isBlank(), "dead-letter index must not be blank");
            this.deadLetterIndex = index;
            return this;
        }

        public Builder<InputT> maxBatchSize(int n) {
            Preconditions.checkArgument(n > 0, "maxBatchSize must be positive, is %s", n);
            this.maxBatchSize = n;
            return this;
        }

        public Builder<InputT> maxInFlightRequests(int n) {
            Preconditions.checkArgument(n > 0, "maxInFlightRequests must be positive, is %s", n);
            this.maxInFlightRequests = n;
            return this;
        }

        public Builder<InputT> maxBufferedRequests(int n) {
            Preconditions.checkArgument(n > 0, "maxBufferedRequests must be positive, is %s", n);
            this.maxBufferedRequests = n;
            return this;
        }

        public Builder<InputT> maxBatchSizeInBytes(long n) {
            Preconditions.checkArgument(n > 0, "maxBatchSizeInBytes must be positive, is %s", n);
            this.maxBatchSizeInBytes = n;
            return this;
        }

        public Builder<InputT> maxTimeInBufferMs(long ms) {
            Preconditions.checkArgument(ms > 0, "maxTimeInBufferMs must be positive, is %s", ms);
            this.maxTimeInBufferMs = ms;
            return this;
        }

        public Builder<InputT> backoff(long initialMs, long maxMs) {
            Preconditions.checkArgument(
                    initialMs > 0 && maxMs >= initialMs,
                    "backoff must be 0 < initial <= max, is %s..%s",
                    initialMs,
                    maxMs);
            this.initialBackoffMs = initialMs;
            this.maxBackoffMs = maxMs;
            return this;
        }

        public Builder<InputT> bulkTimeoutMs(long ms) {
            Preconditions.checkArgument(ms > 0, "bulkTimeoutMs must be positive, is %s", ms);
            this.bulkTimeoutMs = ms;
            return this;
        }

        public ElasticsearchSink<InputT> build() {
            Preconditions.checkNotNull(connection, "connection is not set");
            Preconditions.checkNotNull(converter, "converter is not set");
            Preconditions.checkNotNull(deadLetterIndex, "dead-letter index is not set");
            Preconditions.checkArgument(
                    maxRecordSizeInBytes <= maxBatchSizeInBytes,
                    "a record may not be larger than a batch");
            return new ElasticsearchSink<>(this);
        }
    }
}

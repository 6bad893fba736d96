package io.agentwatch.jobs.elasticsearch;

import io.agentwatch.jobs.DetectionStreams;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Attaches the Elasticsearch sinks (events, alerts, dead letters, agent risk, model findings,
 * access review) to a pipeline.
 */
public final class ElasticsearchOutputs {
    /** Alerts wait at most this long in the sink's buffer: analysts should see them at once. */
    static final long ALERT_MAX_TIME_IN_BUFFER_MS = 200;

    private ElasticsearchOutputs() {}

    public static void attach(
            DetectionStreams streams, ElasticsearchConnection connection, IndexNames names) {
        sink(
                streams.events,
                EsDocumentConverters.events(names),
                ElasticsearchSink.DEFAULT_MAX_TIME_IN_BUFFER_MS,
                ElasticsearchSink.DEFAULT_MAX_IN_FLIGHT_REQUESTS,
                connection,
                names,
                "events",
                "Events");
        sink(
                streams.alerts,
                EsDocumentConverters.alerts(names),
                ALERT_MAX_TIME_IN_BUFFER_MS,
                // One request at a time: an alert's revisions must reach Elasticsearch in order.
                1,
                connection,
                names,
                "alerts",
                "Alerts");
        sink(
                streams.deadLetters,
                EsDocumentConverters.deadLetters(names),
                ElasticsearchSink.DEFAULT_MAX_TIME_IN_BUFFER_MS,
                ElasticsearchSink.DEFAULT_MAX_IN_FLIGHT_REQUESTS,
                connection,
                names,
                "dead-letters",
                "Dead letters");
        sink(
                streams.agentRisk,
                EsDocumentConverters.agentRisk(names),
                ElasticsearchSink.DEFAULT_MAX_TIME_IN_BUFFER_MS,
                ElasticsearchSink.DEFAULT_MAX_IN_FLIGHT_REQUESTS,
                connection,
                names,
                "agent-risk",
                "Agent risk");
        sink(
                streams.accessReview,
                EsDocumentConverters.accessReview(names),
                ElasticsearchSink.DEFAULT_MAX_TIME_IN_BUFFER_MS,
                ElasticsearchSink.DEFAULT_MAX_IN_FLIGHT_REQUESTS,
                connection,
                names,
                "access-review",
                "Access review");
        if (streams.modelFindings != null) {
            sink(
                    streams.modelFindings,
                    EsDocumentConverters.modelFindings(names),
                    ElasticsearchSink.DEFAULT_MAX_TIME_IN_BUFFER_MS,
                    ElasticsearchSink.DEFAULT_MAX_IN_FLIGHT_REQUESTS,
                    connection,
                    names,
                    "model-findings",
                    "Model findings");
        }
    }

    private static <T> void sink(
            DataStream<T> stream,
            ElementConverter<T, IndexRequestEntry> converter,
            long maxTimeInBufferMs,
            int maxInFlightRequests,
            ElasticsearchConnection connection,
            IndexNames names,
            String uid,
            String what) {
        stream.sinkTo(
                        ElasticsearchSink.<T>builder()
                                .connection(connection)
                                .converter(converter)
                                .deadLetterIndex(names.deadLetters())
                                .maxTimeInBufferMs(maxTimeInBufferMs)
                                .maxInFlightRequests(maxInFlightRequests)
                                .build())
                .uid(uid + "-elasticsearch-sink")
                .name(what + " to Elasticsearch");
    }
}

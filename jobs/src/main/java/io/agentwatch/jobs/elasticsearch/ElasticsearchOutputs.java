package io.agentwatch.jobs.elasticsearch;

import io.agentwatch.jobs.DetectionStreams;

/** Attaches the Elasticsearch sinks (events, alerts, dead letters, agent risk) to a pipeline. */
public final class ElasticsearchOutputs {
    private ElasticsearchOutputs() {}

    public static void attach(
            DetectionStreams streams, ElasticsearchConnection connection, IndexNames names) {
        streams.events
                .sinkTo(
                        ElasticsearchSink.<io.agentwatch.models.event.AccessEvent>builder()
                                .connection(connection)
                                .converter(EsDocumentConverters.events(names))
                                .deadLetterIndex(names.deadLetters())
                                .build())
                .uid("events-elasticsearch-sink")
                .name("Events to Elasticsearch");
        streams.alerts
                .sinkTo(
                        ElasticsearchSink.<io.agentwatch.models.detect.Alert>builder()
                                .connection(connection)
                                .converter(EsDocumentConverters.alerts(names))
                                .deadLetterIndex(names.deadLetters())
                                .maxTimeInBufferMs(200)
                                .build())
                .uid("alerts-elasticsearch-sink")
                .name("Alerts to Elasticsearch");
        streams.deadLetters
                .sinkTo(
                        ElasticsearchSink.<io.agentwatch.models.output.DeadLetter>builder()
                                .connection(connection)
                                .converter(EsDocumentConverters.deadLetters(names))
                                .deadLetterIndex(names.deadLetters())
                                .build())
                .uid("dead-letters-elasticsearch-sink")
                .name("Dead letters to Elasticsearch");
        streams.agentRisk
                .sinkTo(
                        ElasticsearchSink.<io.agentwatch.models.risk.AgentRisk>builder()
                                .connection(connection)
                                .converter(EsDocumentConverters.agentRisk(names))
                                .deadLetterIndex(names.deadLetters())
                                .build())
                .uid("agent-risk-elasticsearch-sink")
                .name("Agent risk to Elasticsearch");
    }
}

package io.agentwatch.jobs.elasticsearch;

import io.agentwatch.jobs.functions.AccessReviewDocument;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.output.DeadLetter;
import io.agentwatch.models.output.EcsDocuments;
import io.agentwatch.models.risk.AgentRisk;
import io.agentwatch.models.risk.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Pipeline outputs to Elasticsearch documents with deterministic ids: the event id, the alert id,
 * and for a dead letter a hash of where it came from and what it held. Replays rewrite nothing.
 */
public final class EsDocumentConverters {
    private EsDocumentConverters() {}

    /**
     * One document per input event, the biggest output: written as UTF-8 bytes from the start
     * rather than as a string encoded again.
     */
    public static ElementConverter<AccessEvent, IndexRequestEntry> events(IndexNames names) {
        return (AccessEvent e, SinkWriter.Context c) ->
                IndexRequestEntry.ofUtf8(
                        names.events(e.timestamp), e.eventId, EcsDocuments.eventBytes(e), false);
    }

    /** Every revision of an alert updates one document; the analyst's status survives. */
    public static ElementConverter<Alert, IndexRequestEntry> alerts(IndexNames names) {
        return (Alert a, SinkWriter.Context c) ->
                IndexRequestEntry.upsert(
                        names.alerts(),
                        a.alertId,
                        EcsDocuments.alert(a),
                        EcsDocuments.alertUpdate(a));
    }

    public static ElementConverter<DeadLetter, IndexRequestEntry> deadLetters(IndexNames names) {
        return (DeadLetter d, SinkWriter.Context c) ->
                new IndexRequestEntry(
                        names.deadLetters(), deadLetterId(d), EcsDocuments.deadLetter(d), true);
    }

    public static ElementConverter<AgentRisk, IndexRequestEntry> agentRisk(IndexNames names) {
        return (AgentRisk r, SinkWriter.Context c) ->
                new IndexRequestEntry(
                        names.agentRisk(),
                        sha256(r.agentId + "\n" + r.timestamp + "\n" + r.findingId),
                        EcsDocuments.agentRisk(r),
                        false);
    }

    /** One document per bundle, agent and hour: a replay, or a swap back, overwrites it. */
    public static ElementConverter<Finding, IndexRequestEntry> modelFindings(IndexNames names) {
        return (Finding f, SinkWriter.Context c) ->
                new IndexRequestEntry(
                        names.modelFindings(),
                        sha256(f.modelId + "\n" + f.findingId),
                        EcsDocuments.modelFinding(f),
                        false);
    }

    /** The latest review of a period wins: a bounded run's partial last period is completed. */
    public static ElementConverter<AccessReviewDocument, IndexRequestEntry> accessReview(
            IndexNames names) {
        return (AccessReviewDocument d, SinkWriter.Context c) ->
                IndexRequestEntry.upsert(names.accessReview(), d.id, d.json, d.json);
    }

    static String deadLetterId(DeadLetter d) {
        return sha256(d.source + "\n" + d.offset + "\n" + d.reason + "\n" + d.raw);
    }

    static String sha256(String s) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.agentwatch.jobs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.agentwatch.models.output.DeadLetter;
import io.agentwatch.models.output.EcsDocuments;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches as bulk requests ({@code create}, or {@code update} with {@code upsert} for
 * documents revised in place, such as alerts) and sorts what comes back:
 *
 * <ul>
 *   <li>created, or already there (409: a replay) — done;
 *   <li>rejected for a passing reason (429, 5xx), or the whole request failed (connection, timeout)
 *       — only those items are retried, after an exponential back-off, so nothing is lost;
 *   <li>rejected for good (400: mapping conflict, bad value) — written to the dead-letter index
 *       instead, and the job goes on; a dead letter rejected for good is dropped and counted;
 *   <li>credentials refused (401, 403) — fatal: the job fails with a message saying so.
 * </ul>
 */
final class ElasticsearchSinkWriter<InputT> extends AsyncSinkWriter<InputT, IndexRequestEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
    static final String REJECTED_REASON = "ELASTICSEARCH_REJECTED";

    private final RestClient rest;
    private final ElasticsearchAsyncClient client;
    private final String deadLetterIndex;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final String bulkTimeout;
    private final ScheduledExecutorService retryTimer;
    private int consecutiveFailures;

    private final Counter itemsRetried;
    private final Counter itemsDeadLettered;
    private final Counter itemsDropped;
    private final Counter itemsAlreadyPresent;
    private final Counter bulkFailures;

    ElasticsearchSinkWriter(
            ElementConverter<InputT, IndexRequestEntry> converter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration config,
            Collection<BufferedRequestState<IndexRequestEntry>> recovered,
            ElasticsearchConnection connection,
            String deadLetterIndex,
            long initialBackoffMs,
            long maxBackoffMs,
            long bulkTimeoutMs) {
        super(converter, context, config, recovered);
        this.rest = connection.restClient();
        this.client = connection.asyncClient(rest);
        this.deadLetterIndex = deadLetterIndex;
        this.initialBackoffMs = initialBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
        this.bulkTimeout = bulkTimeoutMs + "ms";
        this.retryTimer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "elasticsearch-sink-retry");
                            t.setDaemon(true);
                            return t;
                        });
        var metrics = context.metricGroup();
        this.itemsRetried = metrics.counter("elasticsearchItemsRetried");
        this.itemsDeadLettered = metrics.counter("elasticsearchItemsDeadLettered");
        this.itemsDropped = metrics.counter("elasticsearchItemsDropped");
        this.itemsAlreadyPresent = metrics.counter("elasticsearchItemsAlreadyPresent");
        this.bulkFailures = metrics.counter("elasticsearchBulkFailures");
    }

    @Override
    protected void submitRequestEntries(
            List<IndexRequestEntry> batch, ResultHandler<IndexRequestEntry> result) {
        List<IndexRequestEntry> entries = latestRevisions(batch);
        BulkRequest.Builder bulk = new BulkRequest.Builder().timeout(t -> t.time(bulkTimeout));
        for (IndexRequestEntry e : entries) {
            if (e.isUpsert()) {
                // The client writes only create/index bodies raw; update bodies go as JSON values.
                JsonData upsert = JsonData.fromJson(new String(e.json, StandardCharsets.UTF_8));
                JsonData update = JsonData.fromJson(new String(e.update, StandardCharsets.UTF_8));
                bulk.operations(
                        op ->
                                op.update(
                                        u ->
                                                u.index(e.index)
                                                        .id(e.id)
                                                        .retryOnConflict(3)
                                                        .action(
                                                                a ->
                                                                        a.doc(update)
                                                                                .upsert(upsert))));
            } else {
                BinaryData body = BinaryData.of(e.json, ContentType.APPLICATION_JSON);
                bulk.operations(op -> op.create(c -> c.index(e.index).id(e.id).document(body)));
            }
        }
        client.bulk(bulk.build())
                .whenComplete(
                        (response, error) -> {
                            if (error != null) {
                                onRequestFailure(entries, error, result);
                            } else {
                                onResponse(entries, response, result);
                            }
                        });
    }

    /**
     * Of several upserts of one document in a batch only the last is sent: an earlier one retried
     * after a later one succeeded would put an old revision back.
     */
    static List<IndexRequestEntry> latestRevisions(List<IndexRequestEntry> batch) {
        Map<String, Integer> last = null;
        for (int i = 0; i < batch.size(); i++) {
            IndexRequestEntry e = batch.get(i);
            if (e.isUpsert()) {
                if (last == null) {
                    last = new HashMap<>();
                }
                last.put(e.index + "/" + e.id, i);
            }
        }
        if (last == null) {
            return batch;
        }
        List<IndexRequestEntry> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            IndexRequestEntry e = batch.get(i);
            if (!e.isUpsert() || last.get(e.index + "/" + e.id) == i) {
                out.add(e);
            }
        }
        return out;
    }

    private void onResponse(
            List<IndexRequestEntry> entries,
            BulkResponse response,
            ResultHandler<IndexRequestEntry> result) {
        if (!response.errors()) {
            consecutiveFailures = 0;
            result.complete();
            return;
        }
        List<IndexRequestEntry> again = new ArrayList<>();
        boolean passing = false;
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            IndexRequestEntry entry = entries.get(i);
            if (item.error() == null) {
                continue;
            }
            int status = item.status();
            if (status == 409) {
                itemsAlreadyPresent.inc();
            } else if (status == 429 || status >= 500) {
                itemsRetried.inc();
                again.add(entry);
                passing = true;
            } else if (entry.deadLetter) {
                itemsDropped.inc();
                LOG.error(
                        "Elasticsearch rejected dead letter {} in {} ({}); it is dropped",
                        entry.id,
                        entry.index,
                        item.error().type());
            } else {
                itemsDeadLettered.inc();
                again.add(deadLetterFor(entry, item));
            }
        }
        if (again.isEmpty()) {
            consecutiveFailures = 0;
            result.complete();
        } else if (passing) {
            LOG.info(
                    "Elasticsearch could not take {} of {} documents for now; retrying them",
                    again.size(),
                    entries.size());
            retryLater(again, result);
        } else {
            result.retryForEntries(again);
        }
    }

    private void onRequestFailure(
            List<IndexRequestEntry> entries,
            Throwable error,
            ResultHandler<IndexRequestEntry> result) {
        Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
        int status = statusOf(cause);
        if (status == 401 || status == 403) {
            result.completeExceptionally(
                    new IOException(
                            "Elasticsearch refused the credentials (HTTP "
                                    + status
                                    + "): check --es-api-key or --es-user/--es-password",
                            cause));
            return;
        }
        bulkFailures.inc();
        itemsRetried.inc(entries.size());
        LOG.warn(
                "Bulk request to Elasticsearch failed ({}); retrying {} documents",
                cause.toString(),
                entries.size());
        retryLater(entries, result);
    }

    private void retryLater(
            List<IndexRequestEntry> entries, ResultHandler<IndexRequestEntry> result) {
        consecutiveFailures++;
        long backoff =
                Math.min(maxBackoffMs, initialBackoffMs << Math.min(20, consecutiveFailures - 1));
        long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        retryTimer.schedule(() -> result.retryForEntries(entries), jittered, TimeUnit.MILLISECONDS);
    }

    private IndexRequestEntry deadLetterFor(IndexRequestEntry entry, BulkResponseItem item) {
        DeadLetter d = new DeadLetter();
        d.timestamp = System.currentTimeMillis();
        d.reason = REJECTED_REASON;
        d.field = "$";
        String why = item.error().type() + ": " + item.error().reason();
        d.message = CardNumbers.mask(why.length() > 1024 ? why.substring(0, 1024) : why);
        String raw = entry.json();
        d.rawBytes = entry.json.length;
        d.rawTruncated = raw.length() > DeadLetter.MAX_RAW_CHARS;
        d.raw = CardNumbers.mask(d.rawTruncated ? raw.substring(0, DeadLetter.MAX_RAW_CHARS) : raw);
        d.source = CardNumbers.mask("elasticsearch:" + entry.index + "/" + entry.id);
        d.offset = -1;
        return new IndexRequestEntry(
                deadLetterIndex,
                EsDocumentConverters.sha256(entry.index + "/" + entry.id),
                EcsDocuments.deadLetter(d),
                true);
    }

    static int statusOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ElasticsearchException) {
                return ((ElasticsearchException) c).status();
            }
            if (c instanceof TransportException) {
                int s = ((TransportException) c).statusCode();
                if (s > 0) {
                    return s;
                }
            }
            if (c instanceof ResponseException) {
                return ((ResponseException) c).getResponse().getStatusLine().getStatusCode();
            }
        }
        return -1;
    }

    @Override
    protected long getSizeInBytes(IndexRequestEntry entry) {
        return entry.sizeInBytes();
    }

    @Override
    public void close() {
        super.close();
        retryTimer.shutdownNow();
        try {
            rest.close();
        } catch (IOException e) {
            LOG.warn("Closing the Elasticsearch client failed", e);
        }
    }
}

package io.agentwatch.jobs.webhook;

import io.agentwatch.models.risk.Alert;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Queues alerts and posts them from one background thread; see {@link WebhookSink}. */
final class WebhookWriter implements SinkWriter<Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWriter.class);

    private final WebhookSink sink;
    private final HttpClient http;
    private final BlockingQueue<String> queue;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread sender;
    private volatile boolean closed;

    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private final Counter dropped;

    WebhookWriter(WebhookSink sink, SinkWriterMetricGroup metrics) {
        this.sink = sink;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.queue = new ArrayBlockingQueue<>(sink.queueCapacity);
        this.delivered = metrics.counter("webhookDelivered");
        this.retried = metrics.counter("webhookRetried");
        this.failed = metrics.counter("webhookFailed");
        this.dropped = metrics.counter("webhookDroppedQueueFull");
        this.sender = new Thread(this::sendLoop, "webhook-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @Override
    public void write(Alert alert, Context context) {
        if (!queue.offer(sink.format.body(alert))) {
            dropped.inc();
            LOG.warn(
                    "Webhook {} queue is full; alert {} is not sent",
                    sink.displayUrl(),
                    alert.alertId);
        }
    }

    /** Never waits on the receiver, except once at the end of a bounded input (bounded by time). */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (!endOfInput) {
            return;
        }
        long deadline = System.nanoTime() + sink.drainTimeout.toNanos();
        while ((!queue.isEmpty() || inFlight.get() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void sendLoop() {
        while (!closed) {
            String body;
            try {
                body = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (body == null) {
                continue;
            }
            inFlight.incrementAndGet();
            try {
                deliver(body);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private void deliver(String body) {
        long backoff = sink.initialBackoff.toMillis();
        for (int attempt = 1; attempt <= sink.maxAttempts && !closed; attempt++) {
            try {
                HttpRequest request =
                        HttpRequest.newBuilder(sink.url)
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                int status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    delivered.inc();
                    return;
                }
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    break; // the receiver refuses this request: retrying will not help
                }
                LOG.warn(
                        "Webhook {} answered {} (attempt {} of {})",
                        sink.displayUrl(),
                        status,
                        attempt,
                        sink.maxAttempts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn(
                        "Webhook {} failed: {} (attempt {} of {})",
                        sink.displayUrl(),
                        e.toString(),
                        attempt,
                        sink.maxAttempts);
            }
            if (attempt < sink.maxAttempts) {
                retried.inc();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(sink.maxBackoff.toMillis(), backoff * 2);
            }
        }
        failed.inc();
        LOG.error(
                "Webhook {}: an alert could not be delivered; it remains in"
                        + " Elasticsearch/Kafka/files",
                sink.displayUrl());
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        sender.interrupt();
        sender.join(5_000);
    }
}

package io.agentwatch.jobs.webhook;

import io.agentwatch.models.risk.Alert;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.Preconditions;

/**
 * Posts alerts to a webhook. Notifications are best effort on purpose: each alert is retried with
 * exponential back-off up to {@link #maxAttempts} times from a bounded queue on a background
 * thread, so a slow or failing receiver never back-pressures detection or the other outputs
 * (Elasticsearch and Kafka stay the record). What cannot be delivered is counted and logged.
 */
public final class WebhookSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final int DEFAULT_QUEUE_CAPACITY = 1_000;

    /** How long the end of a bounded input waits for queued alerts to be delivered. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    final URI url;
    final WebhookFormat format;
    final int maxAttempts;
    final Duration initialBackoff;
    final Duration maxBackoff;
    final int queueCapacity;
    final Duration drainTimeout;

    public WebhookSink(URI url, WebhookFormat format) {
        this(
                url,
                format,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF,
                DEFAULT_QUEUE_CAPACITY,
                DEFAULT_DRAIN_TIMEOUT);
    }

    public WebhookSink(
            URI url,
            WebhookFormat format,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            int queueCapacity,
            Duration drainTimeout) {
        Preconditions.checkArgument(
                url != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme())),
                "webhook URL must be http(s), is %s",
                url);
        Preconditions.checkArgument(maxAttempts > 0, "maxAttempts must be positive");
        Preconditions.checkArgument(queueCapacity > 0, "queueCapacity must be positive");
        this.url = url;
        this.format = Preconditions.checkNotNull(format);
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.queueCapacity = queueCapacity;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) throws IOException {
        return new WebhookWriter(this, context.metricGroup());
    }

    /** The URL without user info or query, for names and logs (those can hold tokens). */
    public String displayUrl() {
        return url.getScheme()
                + "://"
                + url.getHost()
                + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + "/…";
    }
}

package io.agentwatch.jobs.kafka;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.ContractWriter;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces contract-v1 events to a Kafka topic, keyed by agent id (so one agent's events stay in
 * order in one partition), optionally paced to a rate.
 */
public final class KafkaEventWriter implements ContactCentreSimulator.EventSink, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final long nanosPerEvent;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long next = System.nanoTime();

    /**
     * @param ratePerSecond events per second, or 0 for as fast as the broker takes them
     */
    public KafkaEventWriter(KafkaConnection kafka, String topic, int ratePerSecond) {
        Properties p = kafka.clientProperties();
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.nanosPerEvent = ratePerSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    }

    @Override
    public void accept(AccessEvent e) throws IOException {
        send(e.agentId, ContractWriter.toBytes(e));
    }

    /** Sends one raw record (tests use this for malformed input). */
    public void send(String key, byte[] value) throws IOException {
        Exception earlier = failure.get();
        if (earlier != null) {
            throw new IOException("Kafka producer failed: " + earlier.getMessage(), earlier);
        }
        if (nanosPerEvent > 0) {
            next += nanosPerEvent;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
        producer.send(
                new ProducerRecord<>(topic, key, value),
                (meta, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
    }

    @Override
    public void close() throws IOException {
        producer.flush();
        producer.close();
        Exception earlier = failure.get();
        if (earlier != null) {
            throw new IOException("Kafka producer failed: " + earlier.getMessage(), earlier);
        }
    }

    /** Blocks until every record sent so far is acknowledged. */
    public void flush() throws ExecutionException {
        producer.flush();
    }
}

package io.agentwatch.jobs.kafka;

import io.agentwatch.models.output.DeadLetter;
import io.agentwatch.models.output.EcsDocuments;
import io.agentwatch.models.risk.Alert;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Documents to a Kafka topic as JSON, keyed by a stable id so consumers can de-duplicate: delivery
 * is at least once, and the producer retries with back-off on its own.
 */
public final class KafkaJsonSink {
    private KafkaJsonSink() {}

    /** A serializable function. */
    public interface Field<T> extends Function<T, String>, Serializable {}

    /** Alerts as ECS JSON, keyed by alert id (a compacted topic keeps each alert's latest). */
    public static KafkaSink<Alert> alerts(KafkaConnection kafka, String topic) {
        return sink(kafka, topic, a -> a.alertId, EcsDocuments::alert);
    }

    /** Dead letters (masked) as JSON, keyed by where they came from. */
    public static KafkaSink<DeadLetter> deadLetters(KafkaConnection kafka, String topic) {
        return sink(kafka, topic, d -> d.source + "@" + d.offset, EcsDocuments::deadLetter);
    }

    public static <T> KafkaSink<T> sink(
            KafkaConnection kafka, String topic, Field<T> key, Field<T> json) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(kafka.clientProperties())
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new Record<>(topic, key, json))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    static final class Record<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final Field<T> key;
        private final Field<T> json;

        Record(String topic, Field<T> key, Field<T> json) {
            this.topic = topic;
            this.key = key;
            this.json = json;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                T element, KafkaSinkContext context, Long timestamp) {
            // No record timestamp: Kafka stamps the send time. Event time (old, for a backfill)
            // would
            // put the record past the topic's retention at once.
            return new ProducerRecord<>(
                    topic,
                    null,
                    null,
                    key.apply(element).getBytes(StandardCharsets.UTF_8),
                    json.apply(element).getBytes(StandardCharsets.UTF_8));
        }
    }
}

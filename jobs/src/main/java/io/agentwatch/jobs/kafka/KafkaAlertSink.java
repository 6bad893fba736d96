package io.agentwatch.jobs.kafka;

import io.agentwatch.models.detect.Alert;
import io.agentwatch.models.output.EcsDocuments;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Alerts to a Kafka topic as ECS JSON, keyed by alert id (consumers can de-duplicate on the key:
 * delivery is at least once, and the producer retries with back-off on its own).
 */
public final class KafkaAlertSink {
    private KafkaAlertSink() {}

    public static KafkaSink<Alert> sink(KafkaConnection kafka, String topic) {
        return KafkaSink.<Alert>builder()
                .setKafkaProducerConfig(kafka.clientProperties())
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new AlertRecord(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    static final class AlertRecord implements KafkaRecordSerializationSchema<Alert> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        AlertRecord(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Alert alert, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(
                    topic,
                    null,
                    alert.end,
                    alert.alertId.getBytes(StandardCharsets.UTF_8),
                    EcsDocuments.alert(alert).getBytes(StandardCharsets.UTF_8));
        }
    }
}

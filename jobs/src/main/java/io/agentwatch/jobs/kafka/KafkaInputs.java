package io.agentwatch.jobs.kafka;

import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.models.config.RuleUpdate;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka sources of the job: access events, and rule files on a control topic. */
public final class KafkaInputs {
    private KafkaInputs() {}

    /**
     * Access events.
     *
     * @param stopAtLatest end at the offsets that are latest when the job starts (reprocessing and
     *     tests); otherwise read forever
     */
    public static KafkaSource<RawLine> source(
            KafkaConnection kafka, String topic, String group, boolean stopAtLatest) {
        return source(kafka, topic, group, stopAtLatest, new RawLineDeserializer());
    }

    /** Rule files (key: the file name, {@code <id>.json}; value: its content). */
    public static KafkaSource<RuleUpdate> ruleUpdates(
            KafkaConnection kafka, String topic, String group, boolean stopAtLatest) {
        return source(kafka, topic, group, stopAtLatest, new RuleUpdateDeserializer());
    }

    /**
     * Reads the topic from the group's committed offsets (the earliest offsets for a new group);
     * offsets are committed on checkpoints.
     */
    @SuppressWarnings("deprecation") // OffsetResetStrategy: the connector's API still takes it
    private static <T> KafkaSource<T> source(
            KafkaConnection kafka,
            String topic,
            String group,
            boolean stopAtLatest,
            KafkaRecordDeserializationSchema<T> deserializer) {
        KafkaSourceBuilder<T> b =
                KafkaSource.<T>builder()
                        .setProperties(kafka.clientProperties())
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(topic)
                        .setGroupId(group)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(deserializer)
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (stopAtLatest) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }
}

package io.agentwatch.jobs.kafka;

import io.agentwatch.jobs.io.RawLine;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka source of access events. */
public final class KafkaInputs {
    private KafkaInputs() {}

    /**
     * Reads the topic from the group's committed offsets (the earliest offsets for a new group);
     * offsets are committed on checkpoints.
     *
     * @param stopAtLatest end at the offsets that are latest when the job starts (reprocessing and
     *     tests); otherwise read forever
     */
    @SuppressWarnings("deprecation") // OffsetResetStrategy: the connector's API still takes it
    public static KafkaSource<RawLine> source(
            KafkaConnection kafka, String topic, String group, boolean stopAtLatest) {
        KafkaSourceBuilder<RawLine> b =
                KafkaSource.<RawLine>builder()
                        .setProperties(kafka.clientProperties())
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(topic)
                        .setGroupId(group)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new RawLineDeserializer())
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (stopAtLatest) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /**
     * Rule files on a control topic (key: the file name, {@code <id>.json}; value: its content),
     * read from the group's committed offsets, or from the start for a new group.
     */
    @SuppressWarnings("deprecation")
    public static KafkaSource<io.agentwatch.models.config.RuleUpdate> ruleUpdates(
            KafkaConnection kafka, String topic, String group, boolean stopAtLatest) {
        KafkaSourceBuilder<io.agentwatch.models.config.RuleUpdate> b =
                KafkaSource.<io.agentwatch.models.config.RuleUpdate>builder()
                        .setProperties(kafka.clientProperties())
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(topic)
                        .setGroupId(group)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new RuleUpdateDeserializer());
        if (stopAtLatest) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }
}

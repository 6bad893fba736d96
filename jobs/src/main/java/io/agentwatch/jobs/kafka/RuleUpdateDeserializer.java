package io.agentwatch.jobs.kafka;

import io.agentwatch.models.config.RuleUpdate;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Control-topic records to {@link RuleUpdate}s; validation happens where they are applied. */
public final class RuleUpdateDeserializer implements KafkaRecordDeserializationSchema<RuleUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleUpdate> out) {
        String file = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        String json =
                record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        out.collect(new RuleUpdate(file, json));
    }

    @Override
    public TypeInformation<RuleUpdate> getProducedType() {
        return TypeInformation.of(RuleUpdate.class);
    }
}

package io.agentwatch.jobs.kafka;

import io.agentwatch.jobs.io.RawLine;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka records to {@link RawLine}s, untouched: decoding and validation happen in the parser, so a
 * bad record becomes a dead letter naming its topic, partition and offset. A record with no value
 * is passed on empty (and dead-lettered), not dropped.
 */
public final class RawLineDeserializer implements KafkaRecordDeserializationSchema<RawLine> {
    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
        byte[] value = record.value() == null ? EMPTY : record.value();
        out.collect(
                new RawLine(
                        value,
                        value.length,
                        record.topic() + "/" + record.partition(),
                        record.offset()));
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }
}

package io.agentwatch.jobs.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker (KRaft, one combined node) on 127.0.0.1, started once per test JVM and closed
 * when the JVM's tests are done. Use with {@code @ExtendWith(LocalKafka.class)}.
 */
public final class LocalKafka
        implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
    private static LocalKafka instance;

    private KafkaClusterTestKit cluster;

    public static synchronized String bootstrapServers() {
        if (instance == null) {
            throw new IllegalStateException(
                    "LocalKafka is not started: add @ExtendWith(LocalKafka.class)");
        }
        return instance.cluster.bootstrapServers();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LocalKafka.class) {
            if (instance != null) {
                return;
            }
            LocalKafka kafka = new LocalKafka();
            kafka.cluster =
                    new KafkaClusterTestKit.Builder(
                                    new TestKitNodes.Builder()
                                            .setCombined(true)
                                            .setNumBrokerNodes(1)
                                            .setNumControllerNodes(1)
                                            .build())
                            .setConfigProp("offsets.topic.replication.factor", "1")
                            .setConfigProp("transaction.state.log.replication.factor", "1")
                            .setConfigProp("transaction.state.log.min.isr", "1")
                            .setConfigProp("group.initial.rebalance.delay.ms", "0")
                            .build();
            kafka.cluster.format();
            kafka.cluster.startup();
            kafka.cluster.waitForReadyBrokers();
            instance = kafka;
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(LocalKafka.class.getName(), kafka);
        }
    }

    @Override
    public void close() throws Exception {
        synchronized (LocalKafka.class) {
            cluster.close();
            instance = null;
        }
    }

    public static void createTopic(String name, int partitions) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /**
     * Every record on the topic, read from the beginning. Waits until at least {@code
     * expectedAtLeast} records are there (or the timeout passes), then reads up to the end offsets.
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(
            String topic, int expectedAtLeast, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            c.partitionsFor(topic)
                    .forEach(
                            info ->
                                    partitions.add(
                                            new org.apache.kafka.common.TopicPartition(
                                                    topic, info.partition())));
            c.assign(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                c.seekToBeginning(partitions);
                out.clear();
                java.util.Map<org.apache.kafka.common.TopicPartition, Long> end =
                        c.endOffsets(partitions);
                while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                    c.poll(Duration.ofMillis(200)).forEach(out::add);
                }
                if (out.size() >= expectedAtLeast || System.nanoTime() > deadline) {
                    return out;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return out;
                }
            }
        }
    }
}

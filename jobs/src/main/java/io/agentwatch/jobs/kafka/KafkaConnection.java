package io.agentwatch.jobs.kafka;

import io.agentwatch.jobs.io.Secrets;
import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to reach a Kafka cluster: bootstrap servers plus any client property (SASL, SSL, ...), passed
 * through as given. Values may name secrets as {@code ${env:NAME}} or {@code ${file:/path}}; they
 * are resolved when a client is built and never printed.
 */
public final class KafkaConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final Map<String, String> properties;

    public KafkaConnection(String bootstrapServers, Map<String, String> properties) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "Kafka bootstrap servers are empty (--kafka HOST:PORT)");
        }
        this.bootstrapServers = bootstrapServers;
        this.properties = new TreeMap<>(properties);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties with secrets resolved, for building a client. */
    public Properties clientProperties() {
        Properties p = new Properties();
        properties.forEach((k, v) -> p.setProperty(k, Secrets.resolve(v, "Kafka property " + k)));
        p.setProperty("bootstrap.servers", bootstrapServers);
        return p;
    }

    @Override
    public String toString() {
        // Property values may be secrets: name the keys only.
        return "Kafka " + bootstrapServers + " " + properties.keySet();
    }
}

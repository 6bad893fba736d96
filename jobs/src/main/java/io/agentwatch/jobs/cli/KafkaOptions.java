package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.kafka.KafkaConnection;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** {@code --kafka HOST:PORT} and the client properties that go with it. */
public final class KafkaOptions {
    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description =
                    "Any Kafka client property (security.protocol, sasl.jaas.config,"
                        + " ssl.truststore.location, ...); repeatable. A value may be $${env:NAME}"
                        + " or $${file:/path}.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description = "Kafka client properties file; --kafka-property wins over it.")
    Path propertiesFile;

    boolean present() {
        return bootstrap != null;
    }

    KafkaConnection connection() throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        if (propertiesFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
        }
        all.putAll(properties);
        return new KafkaConnection(bootstrap, all);
    }
}

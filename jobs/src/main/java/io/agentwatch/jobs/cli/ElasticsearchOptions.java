package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.elasticsearch.ElasticsearchConnection;
import io.agentwatch.jobs.elasticsearch.ElasticsearchSetup;
import io.agentwatch.jobs.elasticsearch.IndexNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --es URL} and how to authenticate; each can also come from an environment variable. */
public final class ElasticsearchOptions {
    @Option(
            names = "--es",
            paramLabel = "URL[,URL]",
            split = ",",
            description = "Elasticsearch URLs.")
    List<String> urls = new ArrayList<>();

    @Option(
            names = "--es-api-key",
            paramLabel = "KEY",
            description = "API key (the base64 'encoded' form), or $${env:NAME} / $${file:/path}.")
    String apiKey;

    @Option(names = "--es-user", paramLabel = "USER", description = "User for basic auth.")
    String user;

    @Option(
            names = "--es-password",
            paramLabel = "PASSWORD",
            description = "Password, or $${env:NAME} / $${file:/path}.")
    String password;

    @Option(
            names = "--es-ca",
            paramLabel = "FILE",
            description = "PEM CA certificate to trust for https.")
    String caFile;

    @Option(
            names = "--es-index-prefix",
            paramLabel = "PREFIX",
            defaultValue = IndexNames.DEFAULT_PREFIX,
            description = "Index name prefix (default: ${DEFAULT-VALUE}).")
    String indexPrefix;

    @Option(
            names = "--es-retention",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Delete event indices older than this (default: dashboards/elasticsearch/"
                            + "retention.json, 90d).")
    Duration retention;

    /** The retention asked for, or the one in {@code retention.json}. */
    Duration retention() throws java.io.IOException {
        return retention != null ? retention : ElasticsearchSetup.defaultRetention();
    }

    boolean present() {
        return urls != null && !urls.isEmpty() && !urls.get(0).isBlank();
    }

    ElasticsearchConnection connection() {
        return new ElasticsearchConnection(
                urls,
                blankToNull(apiKey),
                blankToNull(user),
                blankToNull(password),
                blankToNull(caFile));
    }

    IndexNames names() {
        return new IndexNames(indexPrefix);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

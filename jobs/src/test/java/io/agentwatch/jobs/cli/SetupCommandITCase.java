package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.testing.LocalElasticsearch;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ./detector setup} against a real Elasticsearch: installs once, then changes nothing. */
@ExtendWith(LocalElasticsearch.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SetupCommandITCase {
    private static CliTestSupport.Outcome setup(String... args) {
        return CliTestSupport.capture(args);
    }

    @Test
    void installsOnceThenReportsNothingChanged() {
        String[] args = {
            "setup", "--es", LocalElasticsearch.url(), "--es-index-prefix", "setup-it"
        };
        CliTestSupport.Outcome first = setup(args);
        assertThat(first.code()).isZero();
        assertThat(first.out())
                .contains("elasticsearch 8.")
                .contains("index template setup-it-alerts for setup-it-alerts* (installed)")
                .contains("4 object(s) installed or updated");

        CliTestSupport.Outcome second = setup(args);
        assertThat(second.code()).isZero();
        assertThat(second.out())
                .contains("index template setup-it-events for setup-it-events-* (unchanged)")
                .contains("nothing changed");

        CliTestSupport.Outcome longer =
                setup(
                        "setup",
                        "--es",
                        LocalElasticsearch.url(),
                        "--es-index-prefix",
                        "setup-it",
                        "--es-retention",
                        "30d");
        assertThat(longer.code()).isZero();
    }

    @Test
    void saysSoWhenElasticsearchCannotBeReached() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        CliTestSupport.Outcome r = setup("setup", "--es", "http://127.0.0.1:" + port);
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("cannot reach Elasticsearch");
    }
}

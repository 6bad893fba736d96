package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.testing.LocalElasticsearch;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
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

    /** {@code setup} against the test cluster, with prefix setup-it and these options. */
    private static CliTestSupport.Outcome setupIt(String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "setup",
                                "--es",
                                LocalElasticsearch.url(),
                                "--es-index-prefix",
                                "setup-it"));
        args.addAll(List.of(more));
        return setup(args.toArray(new String[0]));
    }

    @Test
    void installsOnceThenReportsNothingChanged() {
        CliTestSupport.Outcome first = setupIt();
        assertThat(first.code()).isZero();
        assertThat(first.out())
                .contains("elasticsearch 8.")
                .contains("index template setup-it-alerts for setup-it-alerts* (installed)")
                .contains("component template setup-it-ecs-base (installed)")
                .contains(
                        "index template setup-it-model-findings for setup-it-model-findings*"
                                + " (installed)")
                .contains("7 object(s) installed or updated");

        CliTestSupport.Outcome second = setupIt();
        assertThat(second.code()).isZero();
        assertThat(second.out())
                .contains("index template setup-it-events for setup-it-events-* (unchanged)")
                .contains("nothing changed: everything was already set up");

        CliTestSupport.Outcome shorter = setupIt("--es-retention", "30d");
        assertThat(shorter.code()).isZero();
        assertThat(shorter.out())
                .as("without ILM, retention is the job's: the templates do not change")
                .contains("nothing changed");
    }

    @Test
    void saysSoWhenElasticsearchOrKibanaCannotBeReached() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        CliTestSupport.Outcome r = setup("setup", "--es", "http://127.0.0.1:" + port);
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("cannot reach Elasticsearch");

        CliTestSupport.Outcome kibana = setupIt("--kibana", "http://127.0.0.1:" + port);
        assertThat(kibana.code()).isNotZero();
        assertThat(kibana.err()).contains("cannot reach Kibana at http://127.0.0.1:" + port);
    }
}

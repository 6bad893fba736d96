package io.agentwatch.jobs.elasticsearch;

import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.jobs.testing.LocalElasticsearch;
import io.agentwatch.jobs.testing.Logs;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.testing.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink against a real Elasticsearch that cannot take writes for a while: an index whose primary
 * shard may not be allocated answers 503 to every item; the sink must retry those items with
 * back-off (not fail, not drop) and deliver all of them once the shard is allocated.
 */
@ExtendWith(LocalElasticsearch.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ElasticsearchSinkITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void retriesItemsWhileTheShardIsUnavailableThenDeliversAll() throws Exception {
        IndexNames names = new IndexNames("unavailable");
        ElasticsearchConnection connection = ElasticsearchConnection.of(LocalElasticsearch.url());
        try (RestClient rest = connection.restClient()) {
            new ElasticsearchSetup(rest, names).install(Duration.ofDays(3650));
            String index = names.events(T0);
            Request create = new Request("PUT", "/" + index);
            create.setEntity(
                    new NStringEntity(
                            "{\"settings\":{\"index.routing.allocation.require._name\":\"no-such-node\"}}",
                            ContentType.APPLICATION_JSON));
            create.addParameter("wait_for_active_shards", "0");
            rest.performRequest(create);

            List<AccessEvent> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                events.add(TestEvents.view("agent-" + (i % 5), T0 + i * MINUTE / 10));
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromData(TypeInformation.of(AccessEvent.class), events.toArray(new AccessEvent[0]))
                    .sinkTo(
                            ElasticsearchSink.<AccessEvent>builder()
                                    .connection(connection)
                                    .converter(EsDocumentConverters.events(names))
                                    .deadLetterIndex(names.deadLetters())
                                    .bulkTimeoutMs(1_000)
                                    .backoff(200, 1_000)
                                    .build());
            JobClient job = env.executeAsync("sink-retry-it");

            // Wait until the sink has met the 503s and is retrying (it logs each retry round).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (retryRounds() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(retryRounds()).as("retry rounds logged").isGreaterThanOrEqualTo(2);
            assertThat(job.getJobStatus().get().isTerminalState())
                    .as("the sink keeps retrying, it does not give up")
                    .isFalse();

            Request allow = new Request("PUT", "/" + index + "/_settings");
            allow.setEntity(
                    new NStringEntity(
                            "{\"index.routing.allocation.require._name\":null}",
                            ContentType.APPLICATION_JSON));
            rest.performRequest(allow);

            job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
            assertThat(count(rest, index)).isEqualTo(events.size());
            assertThat(count(rest, names.deadLetters()))
                    .as("a passing failure is not a dead letter")
                    .isZero();
        }
    }

    private static long retryRounds() throws Exception {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(Logs.file())) {
            return lines.filter(
                            l ->
                                    l.contains("ElasticsearchSinkWriter")
                                            && l.contains("retrying them"))
                    .count();
        }
    }

    /** Documents in the index; 0 when it does not exist. */
    private static long count(RestClient rest, String index) throws Exception {
        try {
            rest.performRequest(new Request("POST", "/" + index + "/_refresh"));
            String body =
                    EntityUtils.toString(
                            rest.performRequest(new Request("GET", "/" + index + "/_count"))
                                    .getEntity());
            return new ObjectMapper().readTree(body).path("count").asLong();
        } catch (org.elasticsearch.client.ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return 0;
            }
            throw e;
        }
    }
}

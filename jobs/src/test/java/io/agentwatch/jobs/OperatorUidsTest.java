package io.agentwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.elasticsearch.ElasticsearchConnection;
import io.agentwatch.jobs.elasticsearch.ElasticsearchOutputs;
import io.agentwatch.jobs.elasticsearch.IndexNames;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.models.config.RuleUpdate;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.ml.ModelUpdate;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint maps state to operators by uid: the detection job's uids are part of its upgrade
 * contract. Renaming one orphans that operator's state (every agent's baselines, say) in every
 * savepoint taken before; if a rename is meant, it needs {@code --allow-non-restored-state} and a
 * line in the upgrade notes of docs/operations.md.
 */
class OperatorUidsTest {
    private static final Set<String> STATEFUL_UIDS =
            Set.of(
                    "parse-and-mask",
                    "event-time",
                    "peer-sampler",
                    "peer-baselines",
                    // Replaced card-search-burst, behaviour-detectors and model-scoring, and took
                    // in access-usage, before 0.1.0 (docs/operations.md, upgrade notes).
                    "agent-detectors",
                    "access-review",
                    "agent-risk");

    @Test
    void everyOperatorOfTheJobHasAStableUid(@TempDir Path out) {
        Configuration conf = new Configuration();
        // As `run` configures its job: Flink refuses a graph with an operator lacking a uid.
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        var raw =
                env.fromData(TypeInformation.of(RawLine.class), new RawLine(new byte[0], 0, "t", 0))
                        .uid("test-lines");
        var rules =
                env.fromData(TypeInformation.of(RuleUpdate.class), new RuleUpdate("f", "{}"))
                        .uid("test-rules");
        var models =
                env.fromData(TypeInformation.of(ModelUpdate.class), new ModelUpdate())
                        .uid("test-models");
        DetectionStreams streams =
                new DetectionJob(Settings.defaults(), null).wire(raw, rules, models);
        NdjsonFileSinks.attach(streams, out);
        ElasticsearchOutputs.attach(
                streams, ElasticsearchConnection.of("http://127.0.0.1:9"), IndexNames.defaults());

        Set<String> uids = new TreeSet<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            assertThat(node.getTransformationUID())
                    .as("uid of operator %s", node.getOperatorName())
                    .isNotBlank();
            uids.add(node.getTransformationUID());
        }
        assertThat(uids)
                .as("the uids savepoints of earlier versions hold state under")
                .containsAll(STATEFUL_UIDS);
    }
}

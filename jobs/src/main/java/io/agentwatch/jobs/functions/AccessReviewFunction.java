package io.agentwatch.jobs.functions;

import io.agentwatch.jobs.elasticsearch.AccessReviewIndex;
import io.agentwatch.models.output.EcsDocuments;
import io.agentwatch.models.review.AccessReview;
import io.agentwatch.models.review.AccessReviewConfig;
import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.review.FieldReview;
import io.agentwatch.models.sensitivity.FieldClassifier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by review period: gathers every agent's summary of the period and, when event time passes
 * the period's end, writes the period's access review (every role and team, every field) as
 * documents, then forgets the period.
 */
public class AccessReviewFunction
        extends KeyedProcessFunction<Long, AgentAccessUsage, AccessReviewDocument> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AccessReviewFunction.class);

    private final AccessReviewConfig config;
    private final String sensitivityRules;
    private transient FieldClassifier classifier;
    private transient ListState<AgentAccessUsage> agents;

    /**
     * @param sensitivityRules path of a sensitivity rules file, or null for the defaults
     */
    public AccessReviewFunction(AccessReviewConfig config, String sensitivityRules) {
        this.config = config;
        this.sensitivityRules = sensitivityRules;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        classifier = FieldClassifier.fromFileOrDefaults(sensitivityRules);
        agents =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "period-agent-usage", AgentAccessUsage.class));
    }

    @Override
    public void processElement(AgentAccessUsage u, Context ctx, Collector<AccessReviewDocument> out)
            throws Exception {
        if (u.periodEnd <= ctx.timerService().currentWatermark()) {
            // Cannot happen by construction (AccessUsageFunction counts late events in the open
            // period); a review is never rewritten from part of its agents.
            LOG.warn(
                    "Access usage of {} for a period already reviewed ({}) not counted",
                    u.agentId,
                    u.periodStart);
            return;
        }
        agents.add(u);
        ctx.timerService().registerEventTimeTimer(u.periodEnd);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AccessReviewDocument> out)
            throws Exception {
        AccessReview review = new AccessReview(config, classifier);
        long start = ctx.getCurrentKey();
        for (AgentAccessUsage u : agents.get()) {
            review.add(u);
        }
        agents.clear();
        for (FieldReview r : review.reviews()) {
            out.collect(
                    new AccessReviewDocument(
                            AccessReviewIndex.id(r, start, timestamp),
                            EcsDocuments.accessReview(r, start, timestamp)));
        }
    }
}

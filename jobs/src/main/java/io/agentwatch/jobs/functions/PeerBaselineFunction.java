package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.detect.PeerBaselineEstimator;
import io.agentwatch.models.detect.PeerSample;
import io.agentwatch.models.detect.RobustRate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by peer group (role): folds agents' window counts into the group's baseline. */
public class PeerBaselineFunction extends KeyedProcessFunction<String, PeerSample, PeerBaseline> {
    private static final long serialVersionUID = 1L;

    private final PeerBaselineEstimator estimator;
    private transient ValueState<RobustRate> rate;

    public PeerBaselineFunction(PeerBaselineEstimator estimator) {
        this.estimator = estimator;
    }

    @Override
    public void open(OpenContext openContext) {
        rate =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "peer-card-search-rate", RobustRate.class));
    }

    @Override
    public void processElement(PeerSample sample, Context ctx, Collector<PeerBaseline> out)
            throws Exception {
        RobustRate r = rate.value();
        if (r == null) {
            r = new RobustRate();
        }
        PeerBaseline due = estimator.add(r, sample);
        rate.update(r);
        if (due != null) {
            out.collect(due);
        }
    }
}

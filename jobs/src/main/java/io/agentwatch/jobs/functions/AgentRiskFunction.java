package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.Alert;
import io.agentwatch.models.risk.AgentRisk;
import io.agentwatch.models.risk.RiskScorer;
import io.agentwatch.models.risk.RiskState;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by agent: folds each finding into the agent's decaying risk and emits the new risk. */
public class AgentRiskFunction extends KeyedProcessFunction<String, Alert, AgentRisk> {
    private static final long serialVersionUID = 1L;

    private final RiskScorer scorer;
    private final long stateTtlMillis;
    private transient ValueState<RiskState> state;

    public AgentRiskFunction(RiskScorer scorer, long stateTtlMillis) {
        this.scorer = scorer;
        this.stateTtlMillis = stateTtlMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<RiskState> d =
                new ValueStateDescriptor<>("agent-risk", RiskState.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(stateTtlMillis)).build());
        state = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(Alert finding, Context ctx, Collector<AgentRisk> out)
            throws Exception {
        RiskState s = state.value();
        if (s == null) {
            s = new RiskState();
        }
        AgentRisk risk = scorer.add(s, finding);
        state.update(s);
        out.collect(risk);
    }
}

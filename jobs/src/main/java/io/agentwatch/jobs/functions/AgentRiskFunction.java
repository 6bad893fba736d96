package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.risk.AgentRisk;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.risk.AlertEpisodes;
import io.agentwatch.models.risk.RiskRateCap;
import io.agentwatch.models.risk.RiskScorer;
import io.agentwatch.models.risk.RiskState;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent: folds each finding into the agent's decaying risk, emits the new risk (side
 * output {@link Descriptors#AGENT_RISK}, capped in rate by {@link RiskRateCap}) and the agent's
 * alert when the risk is high enough: one alert per episode, each finding a new revision of it.
 */
public class AgentRiskFunction extends KeyedProcessFunction<String, Finding, Alert> {
    private static final long serialVersionUID = 1L;

    private final RiskScorer scorer;
    private final AlertEpisodes episodes;
    private final RiskRateCap cap;
    private final long stateTtlMillis;
    private transient ValueState<RiskState> state;
    private transient LongCounter alertsOpened;

    public AgentRiskFunction(
            RiskScorer scorer, AlertEpisodes episodes, RiskRateCap cap, long stateTtlMillis) {
        this.scorer = scorer;
        this.episodes = episodes;
        this.cap = cap;
        this.stateTtlMillis = stateTtlMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(
                                Descriptors.expiring(
                                        new ValueStateDescriptor<>("agent-risk", RiskState.class),
                                        stateTtlMillis));
        alertsOpened = getRuntimeContext().getLongCounter(Descriptors.ALERT_COUNT);
    }

    @Override
    public void processElement(Finding finding, Context ctx, Collector<Alert> out)
            throws Exception {
        RiskState s = state.value();
        if (s == null) {
            s = new RiskState();
        }
        AgentRisk risk = scorer.add(s, finding);
        Alert alert = episodes.update(s, finding, risk);
        if (alert != null) {
            risk.alertId = alert.alertId;
            if (alert.revision == 1) {
                alertsOpened.add(1);
            }
            out.collect(alert);
        }
        AgentRisk now = cap.offer(s, risk);
        if (now != null) {
            ctx.output(Descriptors.AGENT_RISK, now);
        } else {
            ctx.timerService().registerEventTimeTimer(cap.dueAt(s));
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        RiskState s = state.value();
        if (s == null || s.heldBack == null || timestamp < cap.dueAt(s)) {
            return;
        }
        AgentRisk held = cap.flush(s);
        state.update(s);
        ctx.output(Descriptors.AGENT_RISK, held);
    }
}

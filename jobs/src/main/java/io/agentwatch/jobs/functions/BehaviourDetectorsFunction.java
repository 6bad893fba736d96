package io.agentwatch.jobs.functions;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Alert;
import io.agentwatch.models.detect.behaviour.AgentBehaviourState;
import io.agentwatch.models.detect.behaviour.BehaviourConfig;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.AccessEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent: runs {@link BehaviourDetectors} with the agent's state and the rules in force.
 */
public class BehaviourDetectorsFunction
        extends KeyedBroadcastProcessFunction<String, AccessEvent, Control, Alert> {
    private static final long serialVersionUID = 1L;

    private final RuntimeRules rules;
    private final long stateTtlMillis;
    private transient BehaviourDetectors detectors;
    private transient long detectorsGeneration = -1;
    private transient ValueState<AgentBehaviourState> state;
    private transient LongCounter alerts;

    public BehaviourDetectorsFunction(Settings settings, long stateTtlMillis) {
        this.rules = new RuntimeRules(settings);
        this.stateTtlMillis = stateTtlMillis;
    }

    static ValueStateDescriptor<AgentBehaviourState> stateDescriptor() {
        return new ValueStateDescriptor<>("agent-behaviour", AgentBehaviourState.class);
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<AgentBehaviourState> d = stateDescriptor();
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(stateTtlMillis)).build());
        state = getRuntimeContext().getState(d);
        alerts = getRuntimeContext().getLongCounter(Descriptors.ALERT_COUNT);
    }

    @Override
    public void processElement(AccessEvent e, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        Settings settings = rules.current(ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
        if (detectors == null || rules.generation() != detectorsGeneration) {
            detectors = new BehaviourDetectors(new BehaviourConfig(settings));
            detectorsGeneration = rules.generation();
        }
        AgentBehaviourState s = state.value();
        if (s == null) {
            s = new AgentBehaviourState();
        }
        List<Alert> found = detectors.onEvent(s, e);
        state.update(s);
        for (Alert a : found) {
            alerts.add(1);
            out.collect(a);
        }
    }

    @Override
    public void processBroadcastElement(Control control, Context ctx, Collector<Alert> out)
            throws Exception {
        // Peer baselines are the card-search detector's; rule updates are for everyone.
        if (control.rule != null) {
            RuntimeRules.apply(control.rule, ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
        }
    }
}

package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.Alert;
import io.agentwatch.models.detect.behaviour.AgentBehaviourState;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.AccessEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by agent: runs {@link BehaviourDetectors} with the agent's state on each event. */
public class BehaviourDetectorsFunction extends KeyedProcessFunction<String, AccessEvent, Alert> {
    private static final long serialVersionUID = 1L;

    private final BehaviourDetectors detectors;
    private final long stateTtlMillis;
    private transient ValueState<AgentBehaviourState> state;
    private transient LongCounter alerts;

    public BehaviourDetectorsFunction(BehaviourDetectors detectors, long stateTtlMillis) {
        this.detectors = detectors;
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
    public void processElement(AccessEvent e, Context ctx, Collector<Alert> out) throws Exception {
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
}

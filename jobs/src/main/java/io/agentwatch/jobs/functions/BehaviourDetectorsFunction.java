package io.agentwatch.jobs.functions;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.detect.PeerGroups;
import io.agentwatch.models.detect.behaviour.AgentBehaviourState;
import io.agentwatch.models.detect.behaviour.BehaviourConfig;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.AccessEvent;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent: runs {@link BehaviourDetectors} with the agent's state and the rules in force,
 * and passes each event on, enriched with the agent's baseline, as {@link
 * Descriptors#ENRICHED_EVENTS}.
 */
public class BehaviourDetectorsFunction
        extends KeyedBroadcastProcessFunction<String, AccessEvent, Control, Finding> {
    private static final long serialVersionUID = 1L;

    private final RuntimeRules<BehaviourDetectors> rules;
    private final long stateTtlMillis;
    private transient ValueState<AgentBehaviourState> state;
    private transient LongCounter alerts;

    public BehaviourDetectorsFunction(Settings settings, long stateTtlMillis) {
        this.rules =
                new RuntimeRules<>(settings, s -> new BehaviourDetectors(new BehaviourConfig(s)));
        this.stateTtlMillis = stateTtlMillis;
    }

    static ValueStateDescriptor<AgentBehaviourState> stateDescriptor() {
        return new ValueStateDescriptor<>("agent-behaviour", AgentBehaviourState.class);
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(Descriptors.expiring(stateDescriptor(), stateTtlMillis));
        alerts = getRuntimeContext().getLongCounter(Descriptors.FINDING_COUNT);
    }

    @Override
    public void processElement(AccessEvent e, ReadOnlyContext ctx, Collector<Finding> out)
            throws Exception {
        BehaviourDetectors detectors =
                rules.current(ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
        AgentBehaviourState s = state.value();
        if (s == null) {
            s = new AgentBehaviourState();
        }
        ReadOnlyBroadcastState<String, PeerBaseline> peers =
                ctx.getBroadcastState(Descriptors.PEER_BASELINES);
        List<Finding> found = detectors.onEvent(s, e, group -> peer(peers, group));
        state.update(s);
        ctx.output(Descriptors.ENRICHED_EVENTS, e);
        for (Finding a : found) {
            alerts.add(1);
            out.collect(a);
        }
    }

    private static PeerBaseline peer(
            ReadOnlyBroadcastState<String, PeerBaseline> peers, String group) {
        try {
            return peers.get(group);
        } catch (Exception e) {
            throw new IllegalStateException("peer baseline " + group + " unreadable", e);
        }
    }

    @Override
    public void processBroadcastElement(Control control, Context ctx, Collector<Finding> out)
            throws Exception {
        if (control.peerBaseline != null && PeerGroups.isBehaviour(control.peerBaseline.group)) {
            ctx.getBroadcastState(Descriptors.PEER_BASELINES)
                    .put(control.peerBaseline.group, control.peerBaseline);
        }
        if (control.rule != null) {
            RuntimeRules.apply(control.rule, ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
        }
    }
}

package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.AgentSamples;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.event.AccessEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent: passes events through and emits the samples {@link PeerSampler} closes (window
 * counts by role, active days by team) to {@link Descriptors#PEER_SAMPLES} for the peer baselines.
 *
 * <p>It sits in front of the detectors (not inside them) because peer baselines are broadcast back
 * into the detectors, and a Flink job graph cannot have cycles.
 */
public class PeerSampleFunction extends KeyedProcessFunction<String, AccessEvent, AccessEvent> {
    private static final long serialVersionUID = 1L;

    private final PeerSampler sampler;
    private final long stateTtlMillis;
    private transient ValueState<AgentSamples> state;

    public PeerSampleFunction(PeerSampler sampler, long stateTtlMillis) {
        this.sampler = sampler;
        this.stateTtlMillis = stateTtlMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(
                                Descriptors.expiring(
                                        new ValueStateDescriptor<>(
                                                "agent-samples", AgentSamples.class),
                                        stateTtlMillis));
    }

    @Override
    public void processElement(AccessEvent e, Context ctx, Collector<AccessEvent> out)
            throws Exception {
        AgentSamples s = state.value();
        if (s == null) {
            s = new AgentSamples();
        }
        sampler.onEvent(s, e, sample -> ctx.output(Descriptors.PEER_SAMPLES, sample));
        state.update(s);
        out.collect(e);
    }
}

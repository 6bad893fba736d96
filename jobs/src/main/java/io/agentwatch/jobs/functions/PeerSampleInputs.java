package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.PeerSampleGate;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.event.AccessEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.util.Collector;

/**
 * Chained where events enter the job: hands the peer sampler the fields it reads ({@link
 * PeerSampler#sampledFields}) of only the events that can change their agent's samples ({@link
 * PeerSampleGate}), so about half of all events never cross to it. Nothing to checkpoint: after a
 * restore the gate lets events through until it knows their agents again.
 */
public class PeerSampleInputs extends RichFlatMapFunction<AccessEvent, AccessEvent> {
    private static final long serialVersionUID = 1L;

    /**
     * Agents remembered per source task (6 MB): enough that at 100,000 agents few displace each
     * other; one displaced only has its next event let through.
     */
    static final int SLOTS = 1 << 18;

    private final PeerSampler sampler;
    private transient PeerSampleGate gate;

    public PeerSampleInputs(PeerSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public void open(OpenContext openContext) {
        gate = new PeerSampleGate(sampler, SLOTS);
        getRuntimeContext()
                .getMetricGroup()
                .gauge("agentwatchPeerSampleEventsHeldBack", (Gauge<Long>) gate::heldBack);
    }

    @Override
    public void flatMap(AccessEvent e, Collector<AccessEvent> out) {
        if (gate.passes(e)) {
            out.collect(PeerSampler.sampledFields(e));
        }
    }
}

package io.agentwatch.jobs.types;

import io.agentwatch.jobs.functions.AgentDetectorState;
import io.agentwatch.models.state.AccessUsageCodec;
import io.agentwatch.models.state.DetectorStateCodec;
import io.agentwatch.models.state.StateReader;
import io.agentwatch.models.state.StateWriter;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * {@link AgentDetectorState} in the compact layout ({@link DetectorStateCodec}): the largest
 * per-agent value, and the one every checkpoint writes for every agent.
 *
 * <p>The open period's access usage ({@link AccessUsageCodec}) comes last and only when there is
 * one: a value written before the usage moved into this state (its record ends after the features)
 * reads as an agent with no open period.
 */
public final class AgentDetectorStateSerializer extends CompactStateSerializer<AgentDetectorState> {
    private static final long serialVersionUID = 1L;

    @Override
    protected long timeBase(AgentDetectorState s) {
        return DetectorStateCodec.timeBase(s.behaviour);
    }

    @Override
    protected void write(StateWriter w, AgentDetectorState s) {
        DetectorStateCodec.writeAgent(
                w, s.recentIds, s.card, s.cardTimer, s.behaviour, s.features, s.usage);
    }

    @Override
    protected AgentDetectorState read(StateReader r) {
        AgentDetectorState s = new AgentDetectorState();
        s.recentIds = DetectorStateCodec.readRecentEventIds(r);
        s.card = DetectorStateCodec.readCardSearchBurstState(r);
        s.cardTimer = r.time();
        s.behaviour = DetectorStateCodec.readAgentBehaviourState(r);
        s.features = DetectorStateCodec.readAgentFeatureState(r);
        s.usage = r.atEnd() ? null : AccessUsageCodec.readOpen(r);
        return s;
    }

    @Override
    public TypeSerializer<AgentDetectorState> duplicate() {
        return new AgentDetectorStateSerializer();
    }

    @Override
    public AgentDetectorState createInstance() {
        return new AgentDetectorState();
    }

    @Override
    public TypeSerializerSnapshot<AgentDetectorState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The layout's version ({@link CompactStateSerializer.Snapshot}). */
    public static final class Snapshot extends CompactStateSerializer.Snapshot<AgentDetectorState> {
        public Snapshot() {
            super(AgentDetectorStateSerializer::new);
        }
    }
}

package io.agentwatch.jobs.types;

import io.agentwatch.jobs.functions.AgentDetectorState;
import io.agentwatch.models.state.DetectorStateCodec;
import io.agentwatch.models.state.StateReader;
import io.agentwatch.models.state.StateWriter;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;

/**
 * {@link AgentDetectorState} in the compact layout ({@link DetectorStateCodec}): the largest
 * per-agent value, and the one every checkpoint writes for every agent.
 */
public final class AgentDetectorStateSerializer extends CompactStateSerializer<AgentDetectorState> {
    private static final long serialVersionUID = 1L;

    @Override
    protected long timeBase(AgentDetectorState s) {
        return DetectorStateCodec.timeBase(s.behaviour);
    }

    @Override
    protected void write(StateWriter w, AgentDetectorState s) {
        DetectorStateCodec.write(w, s.recentIds);
        DetectorStateCodec.write(w, s.card);
        w.time(s.cardTimer);
        DetectorStateCodec.write(w, s.behaviour);
        DetectorStateCodec.write(w, s.features);
    }

    @Override
    protected AgentDetectorState read(StateReader r) {
        AgentDetectorState s = new AgentDetectorState();
        s.recentIds = DetectorStateCodec.readRecentEventIds(r);
        s.card = DetectorStateCodec.readCardSearchBurstState(r);
        s.cardTimer = r.time();
        s.behaviour = DetectorStateCodec.readAgentBehaviourState(r);
        s.features = DetectorStateCodec.readAgentFeatureState(r);
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

    /**
     * The layout's version. State written by Flink's POJO serializer (agentwatch before the compact
     * layout) is read with it once and written in this layout from then on.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AgentDetectorState> {
        public Snapshot() {
            super(AgentDetectorStateSerializer::new);
        }

        @Override
        public TypeSerializerSchemaCompatibility<AgentDetectorState> resolveSchemaCompatibility(
                TypeSerializerSnapshot<AgentDetectorState> old) {
            if (old instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(old);
        }
    }
}

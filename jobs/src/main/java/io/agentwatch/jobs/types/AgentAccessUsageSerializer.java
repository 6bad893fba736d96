package io.agentwatch.jobs.types;

import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.state.AccessUsageCodec;
import io.agentwatch.models.state.StateReader;
import io.agentwatch.models.state.StateWriter;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** An agent's access usage in the compact layout ({@link AccessUsageCodec}). */
public final class AgentAccessUsageSerializer extends CompactStateSerializer<AgentAccessUsage> {
    private static final long serialVersionUID = 1L;

    @Override
    protected long timeBase(AgentAccessUsage u) {
        return AccessUsageCodec.timeBase(u);
    }

    @Override
    protected void write(StateWriter w, AgentAccessUsage u) {
        AccessUsageCodec.write(w, u);
    }

    @Override
    protected AgentAccessUsage read(StateReader r) {
        return AccessUsageCodec.read(r);
    }

    @Override
    public TypeSerializer<AgentAccessUsage> duplicate() {
        return new AgentAccessUsageSerializer();
    }

    @Override
    public AgentAccessUsage createInstance() {
        return new AgentAccessUsage();
    }

    @Override
    public TypeSerializerSnapshot<AgentAccessUsage> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The layout's version ({@link CompactStateSerializer.Snapshot}). */
    public static final class Snapshot extends CompactStateSerializer.Snapshot<AgentAccessUsage> {
        public Snapshot() {
            super(AgentAccessUsageSerializer::new);
        }
    }
}

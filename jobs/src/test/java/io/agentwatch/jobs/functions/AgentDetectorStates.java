package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.event.AccessEvent;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * Reads an agent's {@link AgentDetectorState} out of a harness of {@link AgentDetectorsFunction}.
 */
final class AgentDetectorStates {
    private AgentDetectorStates() {}

    static AgentDetectorState of(
            KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> h,
            String agent)
            throws Exception {
        h.getOperator().setCurrentKey(agent);
        return h.getOperator()
                .getKeyedStateBackend()
                .getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        AgentDetectorsFunction.stateDescriptor())
                .value();
    }
}

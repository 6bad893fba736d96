package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.event.AccessEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
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
        return KeyedValues.of(h.getOperator(), agent, AgentDetectorsFunction.stateDescriptor());
    }

    /**
     * The instant of the agent's one timer, by its state ({@link AgentDetectorsFunction#nextWake}).
     */
    static long wake(
            KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> h,
            String agent,
            long stateTtlMillis)
            throws Exception {
        return AgentDetectorsFunction.nextWake(of(h, agent), stateTtlMillis);
    }

    /** A harness of the function, not yet set up: a test may first choose its state backend. */
    static KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> harness(
            AgentDetectorsFunction fn) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        fn,
                        List.of(
                                Descriptors.PEER_BASELINES,
                                Descriptors.RULE_SETTINGS,
                                Descriptors.MODELS)),
                e -> e.agentId,
                Types.STRING,
                1,
                1,
                0);
    }

    /** A harness of the function, its keyed state restored from {@code snapshot}. */
    static KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> restoredHarness(
            AgentDetectorsFunction fn, OperatorSubtaskState snapshot) throws Exception {
        var h = harness(fn);
        h.setup();
        h.initializeState(snapshot);
        h.open();
        return h;
    }
}

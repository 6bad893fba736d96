package io.agentwatch.jobs.functions;

import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

/** Reads one key's value state out of an operator under a test harness. */
final class KeyedValues {
    private KeyedValues() {}

    static <T> T of(AbstractStreamOperator<?> operator, String key, ValueStateDescriptor<T> state)
            throws Exception {
        operator.setCurrentKey(key);
        return operator.getKeyedStateBackend()
                .getPartitionedState(
                        VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, state)
                .value();
    }
}

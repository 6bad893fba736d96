package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.view;

import io.agentwatch.models.event.AccessEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

/**
 * A snapshot of agent {@code a}'s state as an earlier agentwatch kept it: a value under a state
 * descriptor (its name and serializer then), with Flink's state TTL, which agentwatch used then.
 */
final class EarlierState {
    static final long TTL = 400L * 24 * 3_600_000L;

    private EarlierState() {}

    static <T> OperatorSubtaskState snapshot(
            ValueStateDescriptor<T> descriptor, T value, StateBackend backend) throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<String, AccessEvent, String>(
                        new KeyedProcessOperator<>(new Writer<>(descriptor, value)),
                        e -> e.agentId,
                        Types.STRING)) {
            h.setStateBackend(backend);
            h.setup();
            h.open();
            AccessEvent e = view("a", T0);
            h.processElement(e, e.timestamp);
            return h.snapshot(1, T0);
        }
    }

    /** Keeps the value as the agent's state, whatever the event. */
    private static final class Writer<T> extends KeyedProcessFunction<String, AccessEvent, String> {
        private final ValueStateDescriptor<T> descriptor;
        private final T value;
        private transient ValueState<T> state;

        Writer(ValueStateDescriptor<T> descriptor, T value) {
            this.descriptor = descriptor;
            this.value = value;
        }

        @Override
        public void open(OpenContext ctx) {
            state = getRuntimeContext().getState(Descriptors.expiring(descriptor, TTL));
        }

        @Override
        public void processElement(AccessEvent e, Context ctx, Collector<String> out)
                throws Exception {
            state.update(value);
        }
    }
}

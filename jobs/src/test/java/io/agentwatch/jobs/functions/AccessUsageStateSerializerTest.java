package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.DetectionJob;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.testing.BitExact;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.junit.jupiter.api.Test;

/** {@link AccessUsageFunction}'s state, compact, restores from itself and from the POJO layout. */
class AccessUsageStateSerializerTest {
    private static final AgentAccessUsage USED = used();

    private static AgentAccessUsage used() {
        AccessUsageCounter counter = DetectionJob.accessUsageCounter(Settings.defaults());
        AgentAccessUsage u = new AgentAccessUsage();
        for (int i = 0; i < 30; i++) {
            AccessEvent e = view("a", T0 + i * 60_000L);
            e.customerId = "customer-" + i % 7;
            e.fields = new String[] {"email", i % 2 == 0 ? "phone" : "address"};
            counter.add(u, e);
        }
        return u;
    }

    private static AgentAccessUsage restored(boolean pojo) throws Exception {
        OperatorSubtaskState snapshot =
                EarlierState.snapshot(
                        pojo
                                ? new ValueStateDescriptor<>(
                                        "agent-access-usage", AgentAccessUsage.class)
                                : AccessUsageFunction.stateDescriptor(),
                        USED,
                        new org.apache.flink.runtime.state.hashmap.HashMapStateBackend());
        var fn = new AccessUsageFunction(DetectionJob.accessUsageCounter(Settings.defaults()));
        var operator = new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(fn);
        try (var h =
                new org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<
                        String, AccessEvent, AgentAccessUsage>(
                        operator, e -> e.agentId, Types.STRING, 1, 1, 0)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.getOperator().setCurrentKey("a");
            return h.getOperator()
                    .getKeyedStateBackend()
                    .getPartitionedState(
                            VoidNamespace.INSTANCE,
                            VoidNamespaceSerializer.INSTANCE,
                            AccessUsageFunction.stateDescriptor())
                    .value();
        }
    }

    @Test
    void restoresFromItsOwnLayout() throws Exception {
        assertThat(USED.fieldCount).isEqualTo(3);
        assertThat(restored(false)).usingRecursiveComparison(BitExact.FIELDS).isEqualTo(USED);
    }

    @Test
    void restoresFromASavepointOfThePojoLayout() throws Exception {
        assertThat(restored(true)).usingRecursiveComparison(BitExact.FIELDS).isEqualTo(USED);
    }

    @Test
    void closedPeriodsTravelToTheReviewInTheCompactLayout() throws Exception {
        AccessUsageCounter counter = DetectionJob.accessUsageCounter(Settings.defaults());
        AgentAccessUsage closed = counter.close(used());
        var config = new org.apache.flink.api.common.serialization.SerializerConfigImpl();
        var compact = io.agentwatch.jobs.types.SerializerType.ACCESS_USAGE.createSerializer(config);
        var pojo =
                org.apache.flink.api.common.typeinfo.TypeInformation.of(AgentAccessUsage.class)
                        .createSerializer(config);
        var out = new org.apache.flink.core.memory.DataOutputSerializer(256);
        compact.serialize(closed, out);
        int compactBytes = out.length();
        var in = new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(compact.deserialize(in))
                .usingRecursiveComparison(BitExact.FIELDS)
                .isEqualTo(closed);
        out.clear();
        pojo.serialize(closed, out);
        assertThat(compactBytes).isLessThan(out.length() / 2);
    }
}

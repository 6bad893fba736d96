package io.agentwatch.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class AgentIdSerializerTest {
    private static final String[] IDS = {
        "",
        "agent-0042",
        "agent-0042~17",
        "a".repeat(126),
        "b".repeat(127),
        "c".repeat(20_000),
        "agënt-ü",
        "代理-7",
        "agent-0042é",
        "é",
        "\u007f\u0080",
        null
    };

    @Test
    void writesTheBytesOfFlinksStringSerializerAndReadsThemBack() throws Exception {
        AgentIdSerializer fast = new AgentIdSerializer();
        for (String id : IDS) {
            byte[] bytes = bytes(fast, id);
            assertThat(bytes).as(describe(id)).isEqualTo(bytes(StringSerializer.INSTANCE, id));
            assertThat(fast.deserialize(new DataInputDeserializer(bytes))).isEqualTo(id);

            DataOutputSerializer copied = new DataOutputSerializer(16);
            fast.copy(new DataInputDeserializer(bytes), copied);
            assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
        }
    }

    @Test
    void aSerializerWritesAgainWithItsScratchAfterALongerId() throws Exception {
        AgentIdSerializer fast = new AgentIdSerializer();
        DataOutputSerializer out = new DataOutputSerializer(16);
        for (String id : new String[] {"x".repeat(300), "agent-1", "é-2", "agent-3"}) {
            fast.serialize(id, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(List.of(fast.deserialize(in), fast.deserialize(in), fast.deserialize(in)))
                .containsExactly("x".repeat(300), "agent-1", "é-2");
        assertThat(fast.deserialize(in)).isEqualTo("agent-3");
        assertThat(in.available()).isZero();
    }

    @Test
    void stateAndTimersKeyedByStringSerializerRestoreWithItAndBack() throws Exception {
        OperatorSubtaskState before;
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> h =
                harness(Types.STRING)) {
            h.open();
            h.processElement("agent-1", 10);
            h.processElement("agënt-2", 10);
            h.processElement("agent-1", 20);
            before = h.snapshot(1, 30);
        }
        OperatorSubtaskState after;
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> h =
                harness(SerializerType.AGENT_ID)) {
            h.initializeState(before);
            h.open();
            h.processElement("agent-1", 40);
            h.processElement("agënt-2", 40);
            assertThat(h.extractOutputValues()).containsExactly("agent-1 3", "agënt-2 2");
            after = h.snapshot(2, 50);
        }
        // And back: a build keyed with StringSerializer reads this one's state and timers.
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> h =
                harness(Types.STRING)) {
            h.initializeState(after);
            h.open();
            h.processWatermark(new Watermark(1_000));
            assertThat(h.extractOutputValues())
                    .containsExactlyInAnyOrder("agent-1 fired at 1000", "agënt-2 fired at 1000");
        }
    }

    /** Counts each key's events and sets a timer for each key at 1000; not yet opened. */
    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
            TypeInformation<String> keyType) throws Exception {
        KeyedProcessFunction<String, String, String> count =
                new KeyedProcessFunction<>() {
                    private transient ValueState<Long> seen;

                    @Override
                    public void open(OpenContext c) {
                        seen =
                                getRuntimeContext()
                                        .getState(new ValueStateDescriptor<>("seen", Types.LONG));
                    }

                    @Override
                    public void processElement(String id, Context ctx, Collector<String> out)
                            throws Exception {
                        long n = seen.value() == null ? 1 : seen.value() + 1;
                        seen.update(n);
                        ctx.timerService().registerEventTimeTimer(1_000);
                        if (ctx.timestamp() >= 40) {
                            out.collect(id + " " + n);
                        }
                    }

                    @Override
                    public void onTimer(long t, OnTimerContext ctx, Collector<String> out) {
                        out.collect(ctx.getCurrentKey() + " fired at " + t);
                    }
                };
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(count), id -> id, keyType);
    }

    private static byte[] bytes(TypeSerializer<String> serializer, String id) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(16);
        serializer.serialize(id, out);
        return out.getCopyOfBuffer();
    }

    private static String describe(String id) {
        return id == null ? "null" : id.length() > 20 ? id.length() + " chars" : id;
    }
}

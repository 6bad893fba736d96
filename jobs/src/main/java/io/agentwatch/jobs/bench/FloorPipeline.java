package io.agentwatch.jobs.bench;

import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.jobs.types.AccessEventType;
import io.agentwatch.jobs.types.SerializerType;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.EventParser;
import io.agentwatch.models.event.ParseResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The floor the detector is measured against: the same source, the same parser and the same shuffle
 * by agent, then a keyed count and nothing else. What the full pipeline costs above it is the
 * detection.
 */
final class FloorPipeline {
    private FloorPipeline() {}

    static void wire(StreamExecutionEnvironment env, BenchInput input) {
        MemoryLinesSource.stream(env, input, 0)
                .uid("bench-lines")
                .flatMap(new Parse(), AccessEventType.INFO)
                .uid("bench-parse")
                .keyBy(e -> e.agentId, SerializerType.AGENT_ID)
                .process(new CountPerAgent())
                .uid("bench-count")
                .sinkTo(new DiscardingSink<>())
                .uid("bench-discard");
    }

    static final class Parse extends RichFlatMapFunction<RawLine, AccessEvent> {
        private transient EventParser parser;

        @Override
        public void open(OpenContext context) {
            parser = new EventParser();
        }

        @Override
        public void flatMap(RawLine raw, Collector<AccessEvent> out) {
            ParseResult r = parser.parse(raw.bytes, 0, raw.length, raw.length);
            if (r.isValid()) {
                out.collect(r.event());
            }
        }
    }

    static final class CountPerAgent extends KeyedProcessFunction<String, AccessEvent, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(AccessEvent e, Context ctx, Collector<Long> out)
                throws Exception {
            Long n = count.value();
            count.update(n == null ? 1 : n + 1);
        }
    }
}

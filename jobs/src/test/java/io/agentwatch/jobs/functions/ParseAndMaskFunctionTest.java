package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.CardDataIntent;
import io.agentwatch.models.event.EventParser;
import io.agentwatch.models.output.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseAndMaskFunctionTest {
    private static RawLine line(String text, long n) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new RawLine(b, b.length, "input.ndjson", n);
    }

    @Test
    void validRecordsComeOutMaskedAndInvalidOnesBecomeDeadLetters() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawLine, AccessEvent> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseAndMaskFunction(null))) {
            h.processElement(line(json("\"query\":\"4111 1111 1111 1111\""), 1), 0);
            h.processElement(line("{\"event_id\":\"x\",\"query\":\"4111111111111111\"", 2), 0);
            h.processElement(line(json("").replace("\"search\"", "\"peek\""), 3), 0);
            RawLine huge =
                    new RawLine(
                            new byte[EventParser.MAX_RECORD_BYTES + 1], 200_000, "input.ndjson", 4);
            h.processElement(huge, 0);

            List<AccessEvent> events = h.extractOutputValues();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).query).isEqualTo("4111 11** **** 1111");
            assertThat(events.get(0).cardDataIntent).isEqualTo(CardDataIntent.CARD_NUMBER);

            List<DeadLetter> dead =
                    h.getSideOutput(Descriptors.DEAD_LETTERS).stream()
                            .map(StreamRecord::getValue)
                            .collect(Collectors.toList());
            assertThat(dead)
                    .extracting(d -> d.reason)
                    .containsExactly("NOT_JSON", "UNKNOWN_ACTION", "TOO_LARGE");
            assertThat(dead.get(0).raw)
                    .contains("411111******1111")
                    .doesNotContain("4111111111111111");
            assertThat(dead.get(0).offset).isEqualTo(2);
            assertThat(dead.get(0).source).isEqualTo("input.ndjson");
            assertThat(dead.get(1).field).isEqualTo("action");
            assertThat(dead.get(2).message).contains("200000 bytes");
            assertThat(dead.get(2).rawBytes).isEqualTo(EventParser.MAX_RECORD_BYTES + 1);
        }
    }
}

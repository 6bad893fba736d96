package io.agentwatch.jobs.functions;

import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.EventParser;
import io.agentwatch.models.event.ParseResult;
import io.agentwatch.models.output.DeadLetter;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.sensitivity.FieldClassifier;
import java.io.IOException;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses, validates, classifies and masks raw records. Valid events go on, masked; invalid ones go
 * to {@link Descriptors#DEAD_LETTERS} with the reason. Nothing thrown here stops the job: a record
 * is either an event or a dead letter.
 */
public class ParseAndMaskFunction extends ProcessFunction<RawLine, AccessEvent> {
    private static final long serialVersionUID = 1L;

    /** Sensitivity rules file, or null for the shipped defaults. */
    private final String sensitivityRules;

    private transient EventParser parser;
    private transient EventSanitizer sanitizer;
    private transient Counter eventsMetric;
    private transient Counter deadLettersMetric;
    private transient LongCounter eventsIn;
    private transient LongCounter eventsValid;
    private transient LongCounter deadLetters;

    public ParseAndMaskFunction(String sensitivityRules) {
        this.sensitivityRules = sensitivityRules;
    }

    @Override
    public void open(OpenContext openContext) throws IOException {
        parser = new EventParser();
        FieldClassifier fields = FieldClassifier.fromFileOrDefaults(sensitivityRules);
        sanitizer = new EventSanitizer(fields);
        eventsMetric = getRuntimeContext().getMetricGroup().counter("agentwatchEventsValid");
        deadLettersMetric = getRuntimeContext().getMetricGroup().counter("agentwatchDeadLetters");
        eventsIn = getRuntimeContext().getLongCounter(Descriptors.EVENTS_IN);
        eventsValid = getRuntimeContext().getLongCounter(Descriptors.EVENTS_VALID);
        deadLetters = getRuntimeContext().getLongCounter(Descriptors.DEAD_LETTER_COUNT);
    }

    @Override
    public void processElement(RawLine raw, Context ctx, Collector<AccessEvent> out) {
        eventsIn.add(1);
        ParseResult result =
                parser.parse(raw.bytes, 0, Math.min(raw.length, raw.bytes.length), raw.length);
        if (result.isValid()) {
            eventsMetric.inc();
            eventsValid.add(1);
            out.collect(sanitizer.sanitize(result.event()));
            return;
        }
        deadLettersMetric.inc();
        deadLetters.add(1);
        ctx.output(
                Descriptors.DEAD_LETTERS,
                DeadLetter.of(
                        result.error(),
                        raw.bytes,
                        0,
                        Math.min(raw.length, raw.bytes.length),
                        raw.source,
                        raw.offset,
                        System.currentTimeMillis()));
    }
}

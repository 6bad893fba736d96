package io.agentwatch.jobs.functions;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the broadcast control stream: none. Rule and model updates come from sources
 * without watermarks, and a two-input operator's event time is the lower of its inputs', so the
 * control input would hold every per-agent timer back for ever. Declaring the control stream at the
 * end of event time leaves the detectors' event time to their event input.
 */
public final class ControlWatermarks implements WatermarkGenerator<Control> {
    public static WatermarkStrategy<Control> strategy() {
        return WatermarkStrategy.<Control>forGenerator(c -> new ControlWatermarks())
                .withTimestampAssigner((c, previous) -> previous);
    }

    @Override
    public void onEvent(Control event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
}

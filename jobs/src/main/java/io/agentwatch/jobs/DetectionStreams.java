package io.agentwatch.jobs;

import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.output.DeadLetter;
import io.agentwatch.models.risk.AgentRisk;
import io.agentwatch.models.risk.Alert;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The outputs of the detection pipeline, for sinks (or tests) to consume. */
public final class DetectionStreams {
    /** Valid events, classified, masked and enriched with the agent's baseline. */
    public final DataStream<AccessEvent> events;

    /** What each detector found; they feed the agents' risk. */
    public final DataStream<Finding> findings;

    /** Alerts raised from agents' risk: every revision (same id, rising revision number). */
    public final DataStream<Alert> alerts;

    public final DataStream<DeadLetter> deadLetters;

    /** Each agent's decaying risk after each finding. */
    public final DataStream<AgentRisk> agentRisk;

    public DetectionStreams(
            DataStream<AccessEvent> events,
            DataStream<Finding> findings,
            DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters,
            DataStream<AgentRisk> agentRisk) {
        this.events = events;
        this.findings = findings;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.agentRisk = agentRisk;
    }
}

package io.agentwatch.jobs;

import io.agentwatch.jobs.functions.AccessReviewDocument;
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

    /** What each detector (and the live model) found; they feed the agents' risk. */
    public final DataStream<Finding> findings;

    /** Alerts raised from agents' risk: every revision (same id, rising revision number). */
    public final DataStream<Alert> alerts;

    public final DataStream<DeadLetter> deadLetters;

    /** Each agent's decaying risk after each finding. */
    public final DataStream<AgentRisk> agentRisk;

    /**
     * What the model bundles found, live and shadow ({@link Finding#shadow}), or null when the job
     * scores with no model.
     */
    public final DataStream<Finding> modelFindings;

    /** Each review period's access review, written when event time passes its end. */
    public final DataStream<AccessReviewDocument> accessReview;

    public DetectionStreams(
            DataStream<AccessEvent> events,
            DataStream<Finding> findings,
            DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters,
            DataStream<AgentRisk> agentRisk,
            DataStream<Finding> modelFindings,
            DataStream<AccessReviewDocument> accessReview) {
        this.events = events;
        this.findings = findings;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.agentRisk = agentRisk;
        this.modelFindings = modelFindings;
        this.accessReview = accessReview;
    }
}

package io.agentwatch.jobs.functions;

import io.agentwatch.models.config.RuleUpdate;
import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.ml.ModelUpdate;

/**
 * What is broadcast to every detector instance: a peer baseline, a rule update or a model bundle.
 * One of them is set. (A Flink job connects a keyed stream to one broadcast stream, so both travel
 * in one.)
 */
public class Control {
    public PeerBaseline peerBaseline;
    public RuleUpdate rule;
    public ModelUpdate model;

    public Control() {}

    public static Control of(PeerBaseline baseline) {
        Control c = new Control();
        c.peerBaseline = baseline;
        return c;
    }

    public static Control of(RuleUpdate rule) {
        Control c = new Control();
        c.rule = rule;
        return c;
    }

    public static Control of(ModelUpdate model) {
        Control c = new Control();
        c.model = model;
        return c;
    }
}

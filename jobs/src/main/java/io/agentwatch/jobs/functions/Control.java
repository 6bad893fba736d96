package io.agentwatch.jobs.functions;

import io.agentwatch.models.config.RuleUpdate;
import io.agentwatch.models.detect.PeerBaseline;

/**
 * What is broadcast to every detector instance: a peer baseline, or a rule update. One of the two
 * is set. (A Flink job connects a keyed stream to one broadcast stream, so both travel in one.)
 */
public class Control {
    public PeerBaseline peerBaseline;
    public RuleUpdate rule;

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
}

package io.agentwatch.jobs.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.models.event.Timestamps;
import io.agentwatch.models.output.EcsDocuments;
import io.agentwatch.models.risk.Alert;

/** What a webhook receives for an alert that opened or escalated. */
public enum WebhookFormat {
    /** The alert document itself (ECS JSON, as in Elasticsearch). */
    JSON,
    /** A Slack-compatible message: {@code {"text": "..."}}. */
    SLACK;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String body(Alert a) {
        if (this == JSON) {
            return EcsDocuments.alert(a);
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put(
                "text",
                String.format(
                        ":rotating_light: *%s*%s agent `%s` (risk %.0f) — %s Activity %s to %s."
                                + " Alert id `%s`.",
                        a.severity.label(),
                        a.revision > 1 ? " (escalated)" : "",
                        a.agentId,
                        a.maxRisk,
                        a.reason,
                        Timestamps.format(a.start),
                        Timestamps.format(a.end),
                        a.alertId));
        return n.toString();
    }
}

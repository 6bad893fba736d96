package io.agentwatch.jobs.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.models.detect.Alert;
import io.agentwatch.models.event.Timestamps;
import io.agentwatch.models.output.EcsDocuments;

/** What a webhook receives for one alert. */
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
                        ":rotating_light: *%s* `%s` (risk %.0f) — %s Window %s to %s. Alert id"
                                + " `%s`.",
                        a.severity.label(),
                        a.ruleId,
                        a.riskScore,
                        a.reason,
                        Timestamps.format(a.start),
                        Timestamps.format(a.end),
                        a.alertId));
        return n.toString();
    }
}

package io.agentwatch.models.sensitivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentwatch.models.event.AccessEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Classifies an event (field sensitivity, card-data intent) and then masks every card number in
 * every string it holds, so nothing downstream ever sees a PAN. Intent is judged on the raw query
 * first: once masked, a card number can no longer be checked.
 */
public final class EventSanitizer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FieldClassifier fields;
    private final CardDataIntentClassifier intent;

    public EventSanitizer(FieldClassifier fields) {
        this.fields = fields;
        this.intent = new CardDataIntentClassifier();
    }

    public static EventSanitizer withDefaults() {
        return new EventSanitizer(FieldClassifier.defaults());
    }

    /** Classifies and masks in place; returns the same event. */
    public AccessEvent sanitize(AccessEvent e) {
        e.sensitivity = fields.classifyAll(e.fields);
        e.cardDataIntent = intent.classify(e.action, e.query, e.sensitivity);

        e.eventId = CardNumbers.mask(e.eventId);
        e.agentId = CardNumbers.mask(e.agentId);
        e.agentName = CardNumbers.mask(e.agentName);
        e.agentRole = CardNumbers.mask(e.agentRole);
        e.agentTeam = CardNumbers.mask(e.agentTeam);
        e.resourceType = CardNumbers.mask(e.resourceType);
        e.resourceId = CardNumbers.mask(e.resourceId);
        e.customerId = CardNumbers.mask(e.customerId);
        e.ticketId = CardNumbers.mask(e.ticketId);
        e.query = CardNumbers.mask(e.query);
        e.sessionId = CardNumbers.mask(e.sessionId);
        e.userAgent = CardNumbers.mask(e.userAgent);
        if (e.fields != null) {
            for (int i = 0; i < e.fields.length; i++) {
                e.fields[i] = CardNumbers.mask(e.fields[i]);
            }
        }
        e.extraJson = maskJson(e.extraJson);
        return e;
    }

    /**
     * Masks card numbers in a JSON object text: string values, object keys, and numbers (a PAN sent
     * as a JSON number becomes a masked string).
     */
    public static String maskJson(String json) {
        if (json == null || !mayHoldCard(json)) {
            return json;
        }
        try {
            JsonNode masked = maskNode(MAPPER.readTree(json));
            return MAPPER.writeValueAsString(masked);
        } catch (IOException e) {
            // Not JSON after all: mask it as text rather than let anything through.
            return CardNumbers.mask(json);
        }
    }

    /**
     * Thirteen digits anywhere, not {@link CardNumbers}' run of them: in JSON text a card's digits
     * can be split by escapes ({@code 4111\u00201111...} is "4111 1111..." once parsed), so only a
     * total count is a safe reason to skip parsing.
     */
    private static boolean mayHoldCard(String json) {
        return CardNumbers.asciiDigits(json, CardNumbers.MIN_DIGITS) >= CardNumbers.MIN_DIGITS;
    }

    private static JsonNode maskNode(JsonNode node) {
        if (node.isTextual()) {
            String masked = CardNumbers.mask(node.textValue());
            return masked == node.textValue() ? node : TextNode.valueOf(masked);
        }
        if (node.isIntegralNumber()) {
            String text = node.asText();
            String masked = CardNumbers.mask(text);
            return masked == text ? node : TextNode.valueOf(masked);
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, maskNode(array.get(i)));
            }
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                entries.add(it.next());
            }
            object.removeAll();
            for (Map.Entry<String, JsonNode> entry : entries) {
                object.set(CardNumbers.mask(entry.getKey()), maskNode(entry.getValue()));
            }
            return object;
        }
        return node;
    }
}

package io.agentwatch.models.event;

/**
 * A record that breaks the contract: which field (a dotted path, or {@code $} for the whole
 * record), why, and a sentence for people.
 */
public final class InvalidEvent {
    public static final String WHOLE_RECORD = "$";

    private final String field;
    private final ErrorReason reason;
    private final String message;

    public InvalidEvent(String field, ErrorReason reason, String message) {
        this.field = field;
        this.reason = reason;
        this.message = message;
    }

    public String field() {
        return field;
    }

    public ErrorReason reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return reason + " at " + field + ": " + message;
    }
}

package io.agentwatch.models.event;

/** Either a valid event or the reason the record is invalid; never both. */
public final class ParseResult {
    private final AccessEvent event;
    private final InvalidEvent error;

    private ParseResult(AccessEvent event, InvalidEvent error) {
        this.event = event;
        this.error = error;
    }

    public static ParseResult valid(AccessEvent event) {
        return new ParseResult(event, null);
    }

    public static ParseResult invalid(InvalidEvent error) {
        return new ParseResult(null, error);
    }

    public boolean isValid() {
        return event != null;
    }

    public AccessEvent event() {
        return event;
    }

    public InvalidEvent error() {
        return error;
    }

    @Override
    public String toString() {
        return isValid() ? "valid " + event : "invalid " + error;
    }
}

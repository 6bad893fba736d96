package io.agentwatch.models.event;

/** Whether the access succeeded (`outcome`). */
public enum Outcome {
    SUCCESS("success"),
    FAILURE("failure");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The outcome with this wire name, or null when the name is not part of the contract. */
    public static Outcome fromWire(String name) {
        switch (name) {
            case "success":
                return SUCCESS;
            case "failure":
                return FAILURE;
            default:
                return null;
        }
    }
}

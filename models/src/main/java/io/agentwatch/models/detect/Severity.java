package io.agentwatch.models.detect;

/** Finding severity, with the numeric value ECS puts in {@code event.severity}. */
public enum Severity {
    LOW(21),
    MEDIUM(47),
    HIGH(73),
    CRITICAL(99);

    private final int ecsValue;

    Severity(int ecsValue) {
        this.ecsValue = ecsValue;
    }

    public int ecsValue() {
        return ecsValue;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

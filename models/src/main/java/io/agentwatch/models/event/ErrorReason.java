package io.agentwatch.models.event;

/** Why an input record broke the contract. Stable codes: dashboards group dead letters by them. */
public enum ErrorReason {
    TOO_LARGE,
    INVALID_UTF8,
    NOT_JSON,
    NOT_AN_OBJECT,
    DUPLICATE_FIELD,
    MISSING,
    BLANK,
    TOO_LONG,
    WRONG_TYPE,
    UNPARSEABLE_TIME,
    TIME_OUT_OF_RANGE,
    UNKNOWN_ACTION,
    INVALID_VALUE,
    DUPLICATE_EVENT
}

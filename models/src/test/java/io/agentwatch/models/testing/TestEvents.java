package io.agentwatch.models.testing;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.CardDataIntent;
import io.agentwatch.models.event.Outcome;
import io.agentwatch.models.sensitivity.SensitivityClass;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Named instants and event builders shared by the tests of every module. */
public final class TestEvents {
    /** Monday 2026-03-02 09:00 UTC: the start of most test scenarios. */
    public static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();

    public static final long SECOND = 1_000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;

    /** Public test card numbers (issuers' documented test PANs). */
    public static final String VISA = "4111111111111111";

    public static final String MASTERCARD = "5555555555554444";
    public static final String AMEX = "378282246310005";
    public static final String DISCOVER = "6011111111111117";

    private static final AtomicLong IDS = new AtomicLong();

    private TestEvents() {}

    /** A plain event of this agent (role tier1) at this time. */
    public static AccessEvent event(String agent, long timestamp, Action action) {
        AccessEvent e = new AccessEvent();
        e.eventId = "test-" + IDS.incrementAndGet();
        e.timestamp = timestamp;
        e.agentId = agent;
        e.agentRole = "tier1";
        e.agentTeam = "dublin-tier1";
        e.action = action;
        e.outcome = Outcome.SUCCESS;
        return e;
    }

    /** A classified search that targets card data (as the sanitizer would mark it). */
    public static AccessEvent cardSearch(String agent, long timestamp) {
        AccessEvent e = event(agent, timestamp, Action.SEARCH);
        e.query = "card ending 1234";
        e.cardDataIntent = CardDataIntent.LAST4;
        e.sensitivity = SensitivityClass.PCI.bit();
        return e;
    }

    /** An ordinary customer view. */
    public static AccessEvent view(String agent, long timestamp) {
        AccessEvent e = event(agent, timestamp, Action.VIEW);
        e.customerId = "C0000001";
        e.fields = new String[] {"name", "email"};
        e.sensitivity = SensitivityClass.PII.bit();
        return e;
    }

    /** A contract-v1 JSON record with all required fields and the given extra JSON members. */
    public static String json(String extraMembers) {
        return "{\"event_id\":\"e-1\",\"@timestamp\":\"2026-03-02T09:00:00Z\",\"agent\":{\"id\":\"agent-1\"},"
                   + "\"action\":\"search\""
                + (extraMembers.isEmpty() ? "" : "," + extraMembers)
                + "}";
    }
}

package io.agentwatch.models.simulator;

import java.util.ArrayList;
import java.util.List;

/** Ground truth for one injected scenario: who, when, and exactly which events. */
public final class Label {
    public final Scenario scenario;
    public final String agentId;
    public final List<String> eventIds = new ArrayList<>();
    public long start = Long.MAX_VALUE;
    public long end = Long.MIN_VALUE;

    public Label(Scenario scenario, String agentId) {
        this.scenario = scenario;
        this.agentId = agentId;
    }

    void add(String eventId, long timestamp) {
        eventIds.add(eventId);
        start = Math.min(start, timestamp);
        end = Math.max(end, timestamp);
    }

    public boolean isEmpty() {
        return eventIds.isEmpty();
    }
}

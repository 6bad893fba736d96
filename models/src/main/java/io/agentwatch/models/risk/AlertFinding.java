package io.agentwatch.models.risk;

import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.Severity;
import java.util.Arrays;

/**
 * One rule's findings within an alert: how often it fired in the episode, how much risk it added,
 * and its latest finding (observed against the agent's and the peers' baselines). A Flink POJO,
 * kept in the agent's risk state while the episode is open.
 */
public class AlertFinding {
    /** Contributing event ids kept per rule: enough to start an investigation, bounded state. */
    public static final int MAX_EVENT_IDS = 10;

    public String ruleId;

    /** The highest severity among the rule's findings. */
    public Severity severity;

    /** The first finding's id (rule, agent and its start). */
    public String findingId;

    public int count;

    /** Risk points this rule added to the agent in the episode. */
    public double contribution;

    /** Event time of the first contributing event, and of the latest finding. */
    public long start;

    public long end;

    /** Event time of the rule's first finding in the episode: when it was detected. */
    public long detectedAt;

    /**
     * The latest finding (without its event ids): its reason, observed value, threshold and
     * baselines are the evidence an analyst reads.
     */
    public Finding latest;

    /** Contributing event ids of all the rule's findings, at most {@link #MAX_EVENT_IDS}. */
    public String[] eventIds;

    public AlertFinding() {}

    static AlertFinding first(Finding f, double contribution) {
        AlertFinding a = new AlertFinding();
        a.ruleId = f.ruleId;
        a.findingId = f.findingId;
        a.start = f.start;
        a.detectedAt = f.end;
        a.eventIds = new String[0];
        a.merge(f, contribution);
        return a;
    }

    /**
     * Adds a later finding of the same rule: counts and risk add up, the evidence is the latest.
     */
    void merge(Finding f, double contribution) {
        count++;
        this.contribution += contribution;
        start = Math.min(start, f.start);
        end = Math.max(end, f.end);
        if (severity == null || f.severity.compareTo(severity) > 0) {
            severity = f.severity;
        }
        latest = f.withoutEventIds();
        addEventIds(f.eventIds);
    }

    /** A copy that later merges do not change (the latest finding itself is never changed). */
    AlertFinding copy() {
        AlertFinding c = new AlertFinding();
        c.ruleId = ruleId;
        c.severity = severity;
        c.findingId = findingId;
        c.count = count;
        c.contribution = contribution;
        c.start = start;
        c.end = end;
        c.detectedAt = detectedAt;
        c.latest = latest;
        c.eventIds = eventIds.clone();
        return c;
    }

    private void addEventIds(String[] ids) {
        if (ids == null || eventIds.length >= MAX_EVENT_IDS) {
            return;
        }
        String[] out =
                Arrays.copyOf(eventIds, Math.min(MAX_EVENT_IDS, eventIds.length + ids.length));
        int n = eventIds.length;
        for (String id : ids) {
            if (n == out.length) {
                break;
            }
            if (!contains(out, n, id)) {
                out[n++] = id;
            }
        }
        eventIds = n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static boolean contains(String[] a, int n, String id) {
        for (int i = 0; i < n; i++) {
            if (a[i].equals(id)) {
                return true;
            }
        }
        return false;
    }
}

package io.agentwatch.models.review;

import io.agentwatch.models.detect.LinearCounting;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.review.FieldReview.AgentUse;
import io.agentwatch.models.review.FieldReview.Recommendation;
import io.agentwatch.models.sensitivity.FieldClassifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Learns from access events which customer data fields each role and each team really uses over a
 * period, and recommends per group and field: mask (rarely or never needed), keep (routinely
 * needed, with ticket context) or review (needed by a few, or mostly without ticket context). It is
 * built from each agent's summary of the period ({@link AgentAccessUsage}: the job sends them when
 * a period ends; offline, {@link #add(AccessEvent)} makes them), and keeps counts, field names and
 * agent ids only, never customer data. Customers are counted per agent as hashes in a bitmap
 * (linear counting) and added up: a customer two agents of a group served counts twice.
 */
public final class AccessReview {
    public static final String ROLE = "role";
    public static final String TEAM = "team";

    private final AccessReviewConfig config;
    private final FieldClassifier classifier;
    private final Map<String, Group> groups = new TreeMap<>();
    private final Map<String, Set<String>> fieldsByKind = new HashMap<>();
    private final AccessUsageCounter wholeInput = AccessUsageCounter.wholeInput();
    private final Map<String, AgentAccessUsage> openAgents = new HashMap<>();
    private long from = Long.MAX_VALUE;
    private long to = Long.MIN_VALUE;

    private static final class Use {
        long accesses;
        long withTicket;
        long customers;
        final Map<String, long[]> byAgent = new HashMap<>();
    }

    private static final class Group {
        final String kind;
        final String name;
        final Set<String> agents = new HashSet<>();
        final Map<String, Use> fields = new HashMap<>();

        Group(String kind, String name) {
            this.kind = kind;
            this.name = name;
        }
    }

    public AccessReview(AccessReviewConfig config, FieldClassifier classifier) {
        this.config = config;
        this.classifier = classifier;
    }

    /** Counts one (masked, classified) event: the whole input is one period. */
    public void add(AccessEvent e) {
        if (!e.succeeded()) {
            return;
        }
        from = Math.min(from, e.timestamp);
        to = Math.max(to, e.timestamp);
        wholeInput.add(openAgents.computeIfAbsent(e.agentId, a -> new AgentAccessUsage()), e);
    }

    /** Event time of the first and last event counted by {@link #add(AccessEvent)}. */
    public long from() {
        return from;
    }

    public long to() {
        return to;
    }

    /**
     * Adds one agent's summary of the period (as the job's agents send them when a period ends):
     * the agent counts in its role and its team.
     */
    public void add(AgentAccessUsage u) {
        if (u.agentRole != null) {
            count(group(ROLE, u.agentRole), u);
        }
        if (u.agentTeam != null) {
            count(group(TEAM, u.agentTeam), u);
        }
    }

    private Group group(String kind, String name) {
        return groups.computeIfAbsent(kind + "\u0000" + name, k -> new Group(kind, name));
    }

    private void count(Group g, AgentAccessUsage a) {
        g.agents.add(a.agentId);
        Set<String> known = fieldsByKind.computeIfAbsent(g.kind, k -> new HashSet<>());
        for (int i = 0; i < a.fieldCount; i++) {
            AgentFieldUse f = a.fields[i];
            known.add(f.field);
            Use u = g.fields.computeIfAbsent(f.field, k -> new Use());
            u.accesses += f.accesses;
            u.withTicket += f.withTicket;
            u.customers += LinearCounting.estimate(f.customers);
            long[] mine = u.byAgent.computeIfAbsent(a.agentId, k -> new long[2]);
            mine[0] += f.accesses;
            mine[1] += f.withTicket;
        }
    }

    /**
     * Every group's review of every field seen in the period for its kind (a field no agent of the
     * group used is a row too: never needed), roles first, then teams, by group and field.
     */
    public List<FieldReview> reviews() {
        for (AgentAccessUsage open : openAgents.values()) {
            add(wholeInput.close(open));
        }
        openAgents.clear();
        List<FieldReview> out = new ArrayList<>();
        for (Group g : groups.values()) {
            for (String field : new TreeSet<>(fieldsByKind.getOrDefault(g.kind, Set.of()))) {
                out.add(review(g, field, g.fields.get(field)));
            }
        }
        out.sort(
                Comparator.comparing((FieldReview r) -> r.groupKind.equals(ROLE) ? 0 : 1)
                        .thenComparing(r -> r.group)
                        .thenComparing(r -> r.field));
        return out;
    }

    private FieldReview review(Group g, String field, Use u) {
        int agents = g.agents.size();
        int used = u == null ? 0 : u.byAgent.size();
        long accesses = u == null ? 0 : u.accesses;
        long withTicket = u == null ? 0 : u.withTicket;
        List<AgentUse> evidence = u == null ? List.of() : evidence(u);
        double agentShare = agents == 0 ? 0 : (double) used / agents;
        double ticketShare = accesses == 0 ? 0 : (double) withTicket / accesses;
        Recommendation rec;
        String why;
        String usage =
                String.format(
                        Locale.ROOT,
                        "%d of %d active agents (%.0f%%) used it, %d times, %.0f%% with a ticket",
                        used,
                        agents,
                        100 * agentShare,
                        accesses,
                        100 * ticketShare);
        if (agents < config.minAgents) {
            rec = Recommendation.REVIEW;
            why =
                    String.format(
                            Locale.ROOT,
                            "too few active agents to judge (%d, under access_review.min_agents"
                                    + " %d); %s",
                            agents,
                            config.minAgents,
                            usage);
        } else if (used == 0) {
            rec = Recommendation.MASK;
            why = "never needed: no agent of the " + g.kind + " used it in the period";
        } else if (agentShare <= config.maskMaxAgentShare) {
            rec = Recommendation.MASK;
            why =
                    String.format(
                            Locale.ROOT,
                            "rarely needed: %s (at most access_review.mask_max_agent_share"
                                    + " %.0f%%)%s",
                            usage,
                            100 * config.maskMaxAgentShare,
                            evidence.isEmpty() ? "" : "; review the agents who used it");
        } else if (agentShare >= config.keepMinAgentShare
                && ticketShare >= config.keepMinTicketShare) {
            rec = Recommendation.KEEP;
            why =
                    String.format(
                            Locale.ROOT,
                            "routinely needed with ticket context: %s (at least %.0f%% of agents"
                                    + " and %.0f%% with a ticket)",
                            usage,
                            100 * config.keepMinAgentShare,
                            100 * config.keepMinTicketShare);
        } else {
            rec = Recommendation.REVIEW;
            why =
                    String.format(
                            Locale.ROOT,
                            "%s: %s (keep needs %.0f%% of agents and %.0f%% with a ticket)",
                            agentShare < config.keepMinAgentShare
                                    ? "needed by a few agents"
                                    : "mostly without ticket context",
                            usage,
                            100 * config.keepMinAgentShare,
                            100 * config.keepMinTicketShare);
        }
        return new FieldReview(
                g.kind,
                g.name,
                field,
                classifier.classify(field).name(),
                agents,
                used,
                accesses,
                withTicket,
                u == null ? 0 : u.customers,
                rec,
                why,
                evidence);
    }

    /** Agents whose own uses had a ticket less often than keep needs, most unticketed first. */
    private List<AgentUse> evidence(Use u) {
        List<AgentUse> out = new ArrayList<>();
        for (Map.Entry<String, long[]> a : u.byAgent.entrySet()) {
            long total = a.getValue()[0];
            long without = total - a.getValue()[1];
            if (without > 0 && (double) a.getValue()[1] / total < config.keepMinTicketShare) {
                out.add(new AgentUse(a.getKey(), total, without));
            }
        }
        out.sort(
                Comparator.comparingLong(AgentUse::withoutTicket)
                        .reversed()
                        .thenComparing(AgentUse::agentId));
        return out.size() > AccessReviewConfig.MAX_EVIDENCE
                ? out.subList(0, AccessReviewConfig.MAX_EVIDENCE)
                : out;
    }
}

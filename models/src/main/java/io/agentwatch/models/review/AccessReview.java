package io.agentwatch.models.review;

import io.agentwatch.models.detect.LinearCounting;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.review.FieldReview.AgentUse;
import io.agentwatch.models.review.FieldReview.Recommendation;
import io.agentwatch.models.sensitivity.FieldClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
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
    private final Map<String, OpenAccessUsage> openAgents = new HashMap<>();
    private long from = Long.MAX_VALUE;
    private long to = Long.MIN_VALUE;

    private static final class Use {
        long accesses;
        long withTicket;
        long customers;

        /**
         * Each agent's own uses and uses with a ticket ({@code own[2k]}, {@code own[2k + 1]} for
         * {@code agents[k]}), in the order the agents came. Arrays, not a map by agent: at the end
         * of a period every agent's summary arrives at once (100,000 of them at 100,000 agents) and
         * an agent is almost always new to the field, so appending is all it takes.
         */
        String[] agents = new String[8];

        long[] own = new long[16];
        int size;

        /** Where each agent is in the arrays; built only once an agent comes a second time. */
        Map<String, Integer> index;

        /**
         * @param newToGroup whether the agent's summary is its first in the group: then it is new
         *     to the field too, and needs no lookup
         */
        void addAgent(String agent, long accesses, long withTicket, boolean newToGroup) {
            int at;
            if (!newToGroup) {
                at = indexOf(agent);
            } else if (size > 0 && agent.equals(agents[size - 1])) {
                // The same field twice in one summary: the agent came with this summary.
                at = size - 1;
            } else {
                at = -1;
            }
            if (at < 0) {
                if (size == agents.length) {
                    agents = Arrays.copyOf(agents, 2 * size);
                    own = Arrays.copyOf(own, 4 * size);
                }
                at = size++;
                agents[at] = agent;
                if (index != null) {
                    index.put(agent, at);
                }
            }
            own[2 * at] += accesses;
            own[2 * at + 1] += withTicket;
        }

        private int indexOf(String agent) {
            if (index == null) {
                index = new HashMap<>();
                for (int k = 0; k < size; k++) {
                    index.put(agents[k], k);
                }
            }
            Integer at = index.get(agent);
            return at == null ? -1 : at;
        }
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
        wholeInput.add(openAgents.computeIfAbsent(e.agentId, a -> new OpenAccessUsage()), e);
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
        boolean newToGroup = g.agents.add(a.agentId);
        Set<String> known = fieldsByKind.computeIfAbsent(g.kind, k -> new HashSet<>());
        for (int i = 0; i < a.fieldCount; i++) {
            AgentFieldUse f = a.fields[i];
            known.add(f.field);
            Use u = g.fields.computeIfAbsent(f.field, k -> new Use());
            u.accesses += f.accesses;
            u.withTicket += f.withTicket;
            u.customers += LinearCounting.estimate(f.customers);
            u.addAgent(a.agentId, f.accesses, f.withTicket, newToGroup);
        }
    }

    /**
     * Every group's review of every field seen in the period for its kind (a field no agent of the
     * group used is a row too: never needed), roles first, then teams, by group and field.
     */
    public List<FieldReview> reviews() {
        for (OpenAccessUsage open : openAgents.values()) {
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
        int used = u == null ? 0 : u.size;
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

    /** Most unticketed first; by agent id among equals, so the list does not depend on order. */
    private static final Comparator<AgentUse> EVIDENCE_ORDER =
            Comparator.comparingLong(AgentUse::withoutTicket)
                    .reversed()
                    .thenComparing(AgentUse::agentId);

    /**
     * Agents whose own uses had a ticket less often than keep needs, most unticketed first, at most
     * {@link AccessReviewConfig#MAX_EVIDENCE}. Only that many are kept while the agents are read (a
     * heap with the last of them on top) rather than every candidate sorted: a field thousands of
     * agents used has thousands.
     */
    private List<AgentUse> evidence(Use u) {
        PriorityQueue<AgentUse> kept =
                new PriorityQueue<>(AccessReviewConfig.MAX_EVIDENCE + 1, EVIDENCE_ORDER.reversed());
        for (int k = 0; k < u.size; k++) {
            long total = u.own[2 * k];
            long ticketed = u.own[2 * k + 1];
            long without = total - ticketed;
            if (without <= 0 || (double) ticketed / total >= config.keepMinTicketShare) {
                continue;
            }
            AgentUse candidate = new AgentUse(u.agents[k], total, without);
            if (kept.size() == AccessReviewConfig.MAX_EVIDENCE) {
                if (EVIDENCE_ORDER.compare(candidate, kept.peek()) >= 0) {
                    continue;
                }
                kept.poll();
            }
            kept.add(candidate);
        }
        List<AgentUse> out = new ArrayList<>(kept);
        out.sort(EVIDENCE_ORDER);
        return out;
    }
}

package io.agentwatch.jobs.functions;

import io.agentwatch.jobs.types.AgentDetectorStateSerializer;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.CardSearchBurstDetector;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.ModelAnomalyDetector;
import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.detect.PeerGroups;
import io.agentwatch.models.detect.behaviour.BehaviourConfig;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.RecentEventIds;
import io.agentwatch.models.features.AgentFeatureState;
import io.agentwatch.models.features.FeatureExtractor;
import io.agentwatch.models.features.FeatureWindow;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.ModelUpdate;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.review.OpenAccessUsage;
import io.agentwatch.models.state.AgentExpiry;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent, every per-agent detector over one state value. An event whose id the agent's
 * recent events already had becomes a dead letter ({@link DuplicateEvents}); the others go through
 * {@link CardSearchBurstDetector} with the broadcast peer baseline of the agent's role, the {@link
 * BehaviourDetectors}, and (when the job scores with models) the agent-hour features, scored by the
 * live and shadow bundles with {@link ModelAnomalyDetector} when an hour closes. Rules in force can
 * change at runtime. Each judged event's fields count in the agent's use of customer data in the
 * open review period ({@link AccessUsageCounter}), sent to the access review when the period closes
 * (by event time, or when a later period starts); an event whose period event time has passed
 * counts in the period event time is in, so a period's review never reopens.
 *
 * <p>They share one operator because each operator an event reaches costs a copy of the event over
 * the network stack and a state lookup, several times what the detectors themselves cost.
 *
 * <p>Outputs: live findings; duplicates to {@link Descriptors#DEAD_LETTERS}; every model finding,
 * live and shadow, to {@link Descriptors#MODEL_FINDINGS}; each event, enriched with the agent's
 * baseline, to {@link Descriptors#ENRICHED_EVENTS}; closed review periods to {@link
 * Descriptors#ACCESS_USAGE}. One event-time timer per agent ({@link #nextWake}), at the earliest
 * of: the card_search_burst window's expiry (ends the episode when a whole window passes without a
 * card-data search), the end of the open agent-hour, the end of the open review period, and the
 * agent's expiry ({@link AgentExpiry}: the state is dropped {@code state.agent_ttl} of event time
 * after the day of its last event, or once its open review period is sent if that ends later). When
 * it fires, every part whose instant has come does its work, and the timer moves to the next. One
 * timer rather than one per part: a quarter as many for Flink to hold on the heap and write into
 * every checkpoint. Each instant still fires once, so the timer queue's upkeep per event (a tenth
 * of this task at 100,000 agents) is about what it was.
 *
 * <p>The expiry is a timer rather than Flink's state TTL, whose cleanup visits another agent's
 * entry on every state access (a cache miss each, an eighth of this task at 100,000 agents) and
 * wraps every value with a time stamp.
 */
public class AgentDetectorsFunction
        extends KeyedBroadcastProcessFunction<String, AccessEvent, Control, Finding> {
    private static final long serialVersionUID = 1L;

    /** The detectors built from the rules in force. */
    private record Detectors(
            CardSearchBurstDetector card,
            BehaviourDetectors behaviour,
            ModelAnomalyDetector model) {
        static Detectors of(Settings s) {
            return new Detectors(
                    new CardSearchBurstDetector(new CardSearchBurstConfig(s)),
                    new BehaviourDetectors(new BehaviourConfig(s)),
                    new ModelAnomalyDetector(s));
        }
    }

    private final RuntimeRules<Detectors> rules;
    private final ModelSlots models;
    private final long stateTtlMillis;
    private final AccessUsageCounter usageCounter;
    private final FeatureExtractor extractor = new FeatureExtractor();

    private transient ValueState<AgentDetectorState> state;
    private transient Counter alertsMetric;
    private transient LongCounter findings;
    private transient LongCounter windows;
    private transient LongCounter modelFindings;
    private transient LongCounter deadLetters;
    private transient LongCounter valid;

    /**
     * @param models bundle files by slot to score with from the start ({@link ModelUpdate#LIVE},
     *     {@link ModelUpdate#SHADOW}); null when the job scores with no model (and keeps no feature
     *     state), empty when bundles only arrive while it runs
     */
    public AgentDetectorsFunction(
            Settings settings, Map<String, BundleFiles> models, long stateTtlMillis) {
        this.rules = new RuntimeRules<>(settings, Detectors::of);
        this.models = models == null ? null : new ModelSlots(models);
        this.stateTtlMillis = stateTtlMillis;
        this.usageCounter = AccessUsageCounter.of(settings);
    }

    static ValueStateDescriptor<AgentDetectorState> stateDescriptor() {
        return new ValueStateDescriptor<>("agent-detectors", new AgentDetectorStateSerializer());
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(stateDescriptor());
        alertsMetric = getRuntimeContext().getMetricGroup().counter("agentwatchAlerts");
        findings = getRuntimeContext().getLongCounter(Descriptors.FINDING_COUNT);
        windows = getRuntimeContext().getLongCounter(Descriptors.MODEL_WINDOWS);
        modelFindings = getRuntimeContext().getLongCounter(Descriptors.MODEL_FINDING_COUNT);
        deadLetters = getRuntimeContext().getLongCounter(Descriptors.DEAD_LETTER_COUNT);
        valid = getRuntimeContext().getLongCounter(Descriptors.EVENTS_VALID);
        if (models != null) {
            models.open();
        }
    }

    @Override
    public void processElement(AccessEvent e, ReadOnlyContext ctx, Collector<Finding> out)
            throws Exception {
        AgentDetectorState s = state.value();
        long wake = Long.MIN_VALUE;
        if (s == null) {
            s = AgentDetectorState.create(models != null);
        } else {
            wake = nextWake(s, stateTtlMillis);
        }
        if ((s.features != null) != (models != null)) {
            // Restored into a job that now scores with models, or no longer does.
            s.features = models != null ? new AgentFeatureState() : null;
        }
        if (RecentEventIds.seenBefore(s.recentIds, e.eventId)) {
            deadLetters.add(1);
            // The parser counted it valid: it is a dead letter instead.
            valid.add(-1);
            ctx.output(Descriptors.DEAD_LETTERS, DuplicateEvents.deadLetter(e));
            return;
        }
        Detectors d = detectors(ctx);
        ReadOnlyBroadcastState<String, PeerBaseline> peers =
                ctx.getBroadcastState(Descriptors.PEER_BASELINES);

        Finding card = d.card.onEvent(s.card, e, peers.get(PeerGroups.cardSearch(e.agentRole)));
        if (e.targetsCardData()) {
            s.cardTimer = d.card.expiryTime(s.card);
        }
        if (card != null) {
            alertsMetric.inc();
            emit(card, out);
        }

        List<Finding> found = d.behaviour.onEvent(s.behaviour, e, group -> peer(peers, group));
        for (Finding f : found) {
            emit(f, out);
        }

        if (s.features != null) {
            FeatureWindow closed = extractor.onEvent(s.features, e);
            if (closed != null) {
                score(d.model, closed, ctx, out);
            }
        }
        countUsage(s, e, ctx);
        rewake(ctx.timerService(), wake, nextWake(s, stateTtlMillis));
        state.update(s);
        ctx.output(Descriptors.ENRICHED_EVENTS, e);
    }

    private void countUsage(AgentDetectorState s, AccessEvent e, ReadOnlyContext ctx) {
        if (!e.succeeded()) {
            // Not counted: nothing to open a period for.
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        long time =
                usageCounter.periodStart(e.timestamp) + usageCounter.periodMillis() <= watermark
                        ? watermark
                        : e.timestamp;
        if (s.usage == null) {
            s.usage = new OpenAccessUsage();
        }
        AgentAccessUsage closed = usageCounter.add(s.usage, e, time);
        if (closed != null) {
            ctx.output(Descriptors.ACCESS_USAGE, closed);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out)
            throws Exception {
        AgentDetectorState s = state.value();
        if (s == null) {
            return;
        }
        Detectors d = detectors(ctx);
        boolean changed = false;
        // Everything due by now, not only what is due at this instant: a timer of a savepoint from
        // a build with a timer per part may fire here too.
        if (due(s.cardTimer, timestamp)) {
            d.card.expire(s.card, timestamp);
            s.cardTimer = d.card.expiryTime(s.card);
            changed = true;
        }
        // The hour may have been closed already by a later hour's event.
        if (s.features != null && due(FeatureExtractor.openWindowEnd(s.features), timestamp)) {
            FeatureWindow closed = extractor.close(s.features, ctx.getCurrentKey());
            score(d.model, closed, ctx, out);
            changed = true;
        }
        if (due(openPeriodEnd(s), timestamp)) {
            ctx.output(Descriptors.ACCESS_USAGE, usageCounter.close(s.usage));
            s.usage = null;
            changed = true;
        }
        if (due(dropAt(s, stateTtlMillis), timestamp)) {
            state.clear();
            return;
        }
        if (changed) {
            state.update(s);
        }
        long next = nextWake(s, stateTtlMillis);
        if (next > timestamp) {
            // The timer that fired is gone; registering one already there changes nothing.
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    private static boolean due(long instant, long now) {
        return instant != Long.MIN_VALUE && instant <= now;
    }

    private Detectors detectors(ReadOnlyContext ctx) throws Exception {
        Detectors d = rules.cached();
        return d != null ? d : rules.current(ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
    }

    /**
     * The one instant the agent's timer is set for: the earliest at which a part of its state has
     * something to do (the card_search_burst window's expiry, the end of the open agent-hour, the
     * end of the open review period, the agent's expiry), or {@link Long#MIN_VALUE} for none.
     * Derived from the state, so no field remembers it.
     */
    static long nextWake(AgentDetectorState s, long stateTtlMillis) {
        long next = Long.MAX_VALUE;
        if (s.cardTimer != Long.MIN_VALUE) {
            next = s.cardTimer;
        }
        if (s.features != null) {
            long hourEnd = FeatureExtractor.openWindowEnd(s.features);
            if (hourEnd != Long.MIN_VALUE) {
                next = Math.min(next, hourEnd);
            }
        }
        long periodEnd = openPeriodEnd(s);
        if (periodEnd != Long.MIN_VALUE) {
            next = Math.min(next, periodEnd);
        }
        long drop = dropAt(s, stateTtlMillis);
        if (drop != Long.MIN_VALUE) {
            next = Math.min(next, drop);
        }
        return next == Long.MAX_VALUE ? Long.MIN_VALUE : next;
    }

    /**
     * When the agent's state is dropped: its expiry ({@link AgentExpiry}), or the end of its open
     * review period if that is later (state.agent_ttl shorter than the period), as the period is
     * sent from this state at its end.
     */
    private static long dropAt(AgentDetectorState s, long stateTtlMillis) {
        long expiry = AgentExpiry.at(s.behaviour.lastSeen, stateTtlMillis);
        long periodEnd = openPeriodEnd(s);
        return periodEnd == Long.MIN_VALUE ? expiry : Math.max(expiry, periodEnd);
    }

    private static long openPeriodEnd(AgentDetectorState s) {
        return s.usage == null || s.usage.periodStart == Long.MIN_VALUE
                ? Long.MIN_VALUE
                : s.usage.periodEnd;
    }

    /** Moves the agent's timer from where the state had it to where it has it now. */
    private static void rewake(TimerService timers, long before, long after) {
        if (after == before) {
            return;
        }
        if (before != Long.MIN_VALUE) {
            timers.deleteEventTimeTimer(before);
        }
        if (after != Long.MIN_VALUE) {
            timers.registerEventTimeTimer(after);
        }
    }

    private void score(
            ModelAnomalyDetector detector,
            FeatureWindow w,
            ReadOnlyContext ctx,
            Collector<Finding> out)
            throws Exception {
        if (models == null) {
            return;
        }
        ReadOnlyBroadcastState<String, ModelUpdate> sent =
                ctx.getBroadcastState(Descriptors.MODELS);
        boolean scored = false;
        for (String slot : ModelSlots.SLOTS) {
            ModelBundle bundle = models.bundle(slot, sent);
            if (bundle == null) {
                continue;
            }
            scored = true;
            Finding f = detector.score(bundle, w, ModelUpdate.isShadow(slot));
            if (f != null) {
                modelFindings.add(1);
                ctx.output(Descriptors.MODEL_FINDINGS, f);
                // Shadow findings are written for review and never reach the agent's risk.
                if (!f.shadow) {
                    emit(f, out);
                }
            }
        }
        if (scored) {
            windows.add(1);
        }
    }

    private void emit(Finding f, Collector<Finding> out) {
        findings.add(1);
        out.collect(f);
    }

    private static PeerBaseline peer(
            ReadOnlyBroadcastState<String, PeerBaseline> peers, String group) {
        try {
            return peers.get(group);
        } catch (Exception e) {
            throw new IllegalStateException("peer baseline " + group + " unreadable", e);
        }
    }

    @Override
    public void processBroadcastElement(Control control, Context ctx, Collector<Finding> out)
            throws Exception {
        if (control.peerBaseline != null) {
            ctx.getBroadcastState(Descriptors.PEER_BASELINES)
                    .put(control.peerBaseline.group, control.peerBaseline);
        }
        if (control.rule != null) {
            rules.apply(control.rule, ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
        }
        if (models != null) {
            models.onUpdate(control.model, ctx.getBroadcastState(Descriptors.MODELS));
        }
    }
}

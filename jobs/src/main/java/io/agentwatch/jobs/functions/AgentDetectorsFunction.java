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
 * Descriptors#ACCESS_USAGE}. Timers: the card_search_burst window's expiry (ends the episode when a
 * whole window passes without a card-data search), the end of the open agent-hour, the end of the
 * open review period, and the agent's expiry ({@link AgentExpiry}: the state is dropped {@code
 * state.agent_ttl} of event time after the day of its last event, or once its open review period is
 * sent if that ends later); they can fall on the same instant, and Flink keeps one timer per key
 * and instant, so no part deletes a timer another still wants.
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
        if (s == null) {
            s = AgentDetectorState.create(models != null);
        } else if ((s.features != null) != (models != null)) {
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
            rescheduleCard(s, ctx.timerService(), d.card.expiryTime(s.card));
        }
        if (card != null) {
            alertsMetric.inc();
            emit(card, out);
        }

        long expiry = AgentExpiry.at(s.behaviour.lastSeen, stateTtlMillis);
        List<Finding> found = d.behaviour.onEvent(s.behaviour, e, group -> peer(peers, group));
        rescheduleExpiry(s, ctx.timerService(), expiry);
        for (Finding f : found) {
            emit(f, out);
        }

        if (s.features != null) {
            AgentFeatureState features = s.features;
            long openEnd = FeatureExtractor.openWindowEnd(features);
            FeatureWindow closed = extractor.onEvent(features, e);
            long nowEnd = FeatureExtractor.openWindowEnd(features);
            if (nowEnd != openEnd) {
                if (closed != null && !wanted(s, openEnd)) {
                    ctx.timerService().deleteEventTimeTimer(openEnd);
                }
                ctx.timerService().registerEventTimeTimer(nowEnd);
            }
            if (closed != null) {
                score(d.model, closed, ctx, out);
            }
        }
        countUsage(s, e, ctx);
        state.update(s);
        ctx.output(Descriptors.ENRICHED_EVENTS, e);
    }

    private void countUsage(AgentDetectorState s, AccessEvent e, ReadOnlyContext ctx) {
        if (!e.succeeded()) {
            // Not counted: nothing to open a period for.
            return;
        }
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        long time =
                usageCounter.periodStart(e.timestamp) + usageCounter.periodMillis() <= watermark
                        ? watermark
                        : e.timestamp;
        if (s.usage == null) {
            s.usage = new AgentAccessUsage();
        }
        long openEnd = s.usage.periodStart == Long.MIN_VALUE ? Long.MIN_VALUE : s.usage.periodEnd;
        AgentAccessUsage closed = usageCounter.add(s.usage, e, time);
        if (closed != null) {
            ctx.output(Descriptors.ACCESS_USAGE, closed);
        }
        if (s.usage.periodEnd != openEnd) {
            if (openEnd != Long.MIN_VALUE && !wanted(s, openEnd)) {
                timers.deleteEventTimeTimer(openEnd);
            }
            timers.registerEventTimeTimer(s.usage.periodEnd);
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
        if (s.cardTimer == timestamp) {
            s.cardTimer = Long.MIN_VALUE;
            d.card.expire(s.card, timestamp);
            rescheduleCard(s, ctx.timerService(), d.card.expiryTime(s.card));
            changed = true;
        }
        // The hour may have been closed already by a later hour's event.
        if (s.features != null && FeatureExtractor.openWindowEnd(s.features) == timestamp) {
            FeatureWindow closed = extractor.close(s.features, ctx.getCurrentKey());
            score(d.model, closed, ctx, out);
            changed = true;
        }
        if (s.usage != null && s.usage.periodEnd == timestamp) {
            ctx.output(Descriptors.ACCESS_USAGE, usageCounter.close(s.usage));
            s.usage = null;
            changed = true;
        }
        // An open review period outlives the expiry (state.agent_ttl shorter than the period): the
        // agent is dropped once the period is sent, at its end.
        if (AgentExpiry.at(s.behaviour.lastSeen, stateTtlMillis) <= timestamp && s.usage == null) {
            state.clear();
        } else if (changed) {
            state.update(s);
        }
    }

    private Detectors detectors(ReadOnlyContext ctx) throws Exception {
        Detectors d = rules.cached();
        return d != null ? d : rules.current(ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
    }

    private void rescheduleCard(AgentDetectorState s, TimerService timers, long at) {
        long current = s.cardTimer;
        if (current == at) {
            return;
        }
        s.cardTimer = at;
        if (current != Long.MIN_VALUE && !wanted(s, current)) {
            timers.deleteEventTimeTimer(current);
        }
        if (at != Long.MIN_VALUE) {
            timers.registerEventTimeTimer(at);
        }
    }

    /** Moves the expiry timer when the event moved the agent's last event to another day. */
    private void rescheduleExpiry(AgentDetectorState s, TimerService timers, long current) {
        long at = AgentExpiry.at(s.behaviour.lastSeen, stateTtlMillis);
        if (at == current) {
            return;
        }
        if (current != Long.MIN_VALUE && !wanted(s, current)) {
            timers.deleteEventTimeTimer(current);
        }
        timers.registerEventTimeTimer(at);
    }

    /** Whether a part of the state still wants a timer at {@code instant}. */
    private boolean wanted(AgentDetectorState s, long instant) {
        return s.cardTimer == instant
                || (s.features != null && FeatureExtractor.openWindowEnd(s.features) == instant)
                || (s.usage != null && s.usage.periodEnd == instant)
                || AgentExpiry.at(s.behaviour.lastSeen, stateTtlMillis) == instant;
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

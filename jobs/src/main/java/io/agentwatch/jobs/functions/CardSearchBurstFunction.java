package io.agentwatch.jobs.functions;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.CardSearchBurstDetector;
import io.agentwatch.models.detect.CardSearchBurstState;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.detect.PeerGroups;
import io.agentwatch.models.event.AccessEvent;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent: runs {@link CardSearchBurstDetector} on each event with the agent's state, the
 * broadcast peer baseline of the agent's role, and the rules in force (which can change at
 * runtime). One event-time timer per agent with an open window ends the episode and frees the
 * window when a whole window passes without a card-data search.
 */
public class CardSearchBurstFunction
        extends KeyedBroadcastProcessFunction<String, AccessEvent, Control, Finding> {
    private static final long serialVersionUID = 1L;

    private final RuntimeRules<CardSearchBurstDetector> rules;
    private final long stateTtlMillis;

    private transient ValueState<CardSearchBurstState> state;
    private transient ValueState<Long> timer;
    private transient Counter alertsMetric;
    private transient LongCounter alerts;

    public CardSearchBurstFunction(Settings settings, long stateTtlMillis) {
        this.rules =
                new RuntimeRules<>(
                        settings, s -> new CardSearchBurstDetector(new CardSearchBurstConfig(s)));
        this.stateTtlMillis = stateTtlMillis;
    }

    /** The agent's baseline and open window. */
    static ValueStateDescriptor<CardSearchBurstState> stateDescriptor() {
        return new ValueStateDescriptor<>("card-search-burst", CardSearchBurstState.class);
    }

    /** The event time of the agent's registered expiry timer, if any. */
    static ValueStateDescriptor<Long> timerDescriptor() {
        return new ValueStateDescriptor<>("card-search-burst-timer", Types.LONG);
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(Descriptors.expiring(stateDescriptor(), stateTtlMillis));
        timer =
                getRuntimeContext()
                        .getState(Descriptors.expiring(timerDescriptor(), stateTtlMillis));
        alertsMetric = getRuntimeContext().getMetricGroup().counter("agentwatchAlerts");
        alerts = getRuntimeContext().getLongCounter(Descriptors.FINDING_COUNT);
    }

    private CardSearchBurstDetector detector(ReadOnlyContext ctx) throws Exception {
        return rules.current(ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
    }

    @Override
    public void processElement(AccessEvent e, ReadOnlyContext ctx, Collector<Finding> out)
            throws Exception {
        CardSearchBurstDetector d = detector(ctx);
        CardSearchBurstState s = state.value();
        if (s == null) {
            s = new CardSearchBurstState();
        }
        PeerBaseline peer =
                ctx.getBroadcastState(Descriptors.PEER_BASELINES)
                        .get(PeerGroups.cardSearch(e.agentRole));
        Finding alert = d.onEvent(s, e, peer);
        if (e.targetsCardData()) {
            reschedule(ctx.timerService(), d.expiryTime(s));
        }
        state.update(s);
        if (alert != null) {
            alertsMetric.inc();
            alerts.add(1);
            out.collect(alert);
        }
    }

    @Override
    public void processBroadcastElement(Control control, Context ctx, Collector<Finding> out)
            throws Exception {
        if (control.peerBaseline != null && !PeerGroups.isBehaviour(control.peerBaseline.group)) {
            ctx.getBroadcastState(Descriptors.PEER_BASELINES)
                    .put(control.peerBaseline.group, control.peerBaseline);
        }
        if (control.rule != null) {
            RuntimeRules.apply(control.rule, ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out)
            throws Exception {
        timer.clear();
        CardSearchBurstState s = state.value();
        if (s == null) {
            return;
        }
        CardSearchBurstDetector d = detector(ctx);
        d.expire(s, timestamp);
        state.update(s);
        reschedule(ctx.timerService(), d.expiryTime(s));
    }

    private void reschedule(TimerService timers, long at) throws Exception {
        Long current = timer.value();
        if (current != null && current == at) {
            return;
        }
        if (current != null) {
            timers.deleteEventTimeTimer(current);
        }
        if (at == Long.MIN_VALUE) {
            timer.clear();
        } else {
            timers.registerEventTimeTimer(at);
            timer.update(at);
        }
    }
}

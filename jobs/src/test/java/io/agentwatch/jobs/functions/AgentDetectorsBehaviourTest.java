package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.state.AgentExpiry;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** {@link AgentDetectorsFunction}'s behaviour part. */
class AgentDetectorsBehaviourTest {
    /** A job that scores no model. */
    private static KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding>
            harness() throws Exception {
        return harness(400L * 24 * HOUR);
    }

    private static KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> harness(
            long ttl) throws Exception {
        return harness(new AgentDetectorsFunction(Settings.defaults(), null, ttl));
    }

    private static KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> harness(
            AgentDetectorsFunction fn) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                fn,
                e -> e.agentId,
                Types.STRING,
                Descriptors.PEER_BASELINES,
                Descriptors.RULE_SETTINGS);
    }

    @Test
    void keepsOneStatePerAgentAndEmitsAlertsOnTheCompletingEvent() throws Exception {
        try (var h = harness()) {
            AccessEvent first = view("a", T0);
            AccessEvent other = view("b", T0 + 20L * 24 * HOUR);
            AccessEvent back = view("a", T0 + 20L * 24 * HOUR);
            h.processElement(first, first.timestamp);
            h.processElement(other, other.timestamp);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement(back, back.timestamp);
            assertThat(h.extractOutputValues())
                    .extracting(a -> a.ruleId)
                    .containsExactly("dormant_account");
            assertThat(h.extractOutputStreamRecords().get(0).getTimestamp())
                    .isEqualTo(back.timestamp);
            assertThat(h.extractOutputValues().get(0).eventIds).containsExactly(back.eventId);
            assertThat(h.numEventTimeTimers())
                    .as("one timer per agent (a's moved from its first day to its last)")
                    .isEqualTo(2);
            assertThat(h.getSideOutput(Descriptors.ENRICHED_EVENTS))
                    .as("every event passes on, enriched with the agent's baseline")
                    .extracting(r -> r.getValue().eventId, r -> r.getValue().usualHourEvents)
                    .containsExactly(
                            tuple(first.eventId, Float.NaN),
                            tuple(other.eventId, Float.NaN),
                            tuple(back.eventId, 0f));
        }
    }

    @Test
    void anEventDeliveredTwiceIsJudgedOnceAndDeadLettered() throws Exception {
        try (var h = harness()) {
            AccessEvent first = view("a", T0);
            AccessEvent again = view("a", T0);
            again.eventId = first.eventId;
            AccessEvent next = view("a", T0 + HOUR);
            h.processElement(first, first.timestamp);
            h.processElement(again, again.timestamp);
            h.processElement(next, next.timestamp);
            assertThat(h.getSideOutput(Descriptors.ENRICHED_EVENTS))
                    .extracting(r -> r.getValue().eventId)
                    .containsExactly(first.eventId, next.eventId);
            assertThat(h.getSideOutput(Descriptors.DEAD_LETTERS))
                    .extracting(r -> r.getValue().reason, r -> r.getValue().field)
                    .containsExactly(tuple("DUPLICATE_EVENT", "event_id"));
        }
    }

    @Test
    void anAgentsStateIsDroppedTheTtlAfterTheDayOfItsLastEvent() throws Exception {
        long day = 24 * HOUR;
        // Past the end of the review period (weekly, from T0's Monday) of the agent's events.
        long ttl = 4 * day;
        long day0 = Math.floorDiv(T0, day) * day;
        try (var h = harness(ttl)) {
            // As in the job (ControlWatermarks): the control input holds back no event time.
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processElement(view("a", T0), T0);
            h.processElement(view("a", T0 + HOUR), T0 + HOUR);
            assertThat(h.numEventTimeTimers()).as("one timer for the agent").isEqualTo(1);
            assertThat(AgentDetectorStates.wake(h, "a", ttl))
                    .as("at its review period's end: after its expiry, which waits for the period")
                    .isEqualTo(AgentDetectorStates.of(h, "a").usage.periodEnd)
                    .isGreaterThan(day0 + day + ttl);
            AccessEvent later = view("a", day0 + 3 * day + HOUR);
            h.processElement(later, later.timestamp);
            assertThat(h.numEventTimeTimers()).as("moved, not added").isEqualTo(1);

            long expiry = day0 + 4 * day + ttl;
            h.processWatermark(expiry - 1);
            assertThat(AgentDetectorStates.of(h, "a")).isNotNull();
            h.processWatermark(expiry);
            assertThat(AgentDetectorStates.of(h, "a")).as("dropped at the expiry").isNull();
            assertThat(h.numEventTimeTimers()).isZero();

            AccessEvent back = view("a", expiry + HOUR);
            h.processElement(back, back.timestamp);
            assertThat(AgentDetectorStates.of(h, "a").behaviour.lastSeen)
                    .as("a returning agent starts afresh")
                    .isEqualTo(back.timestamp);
        }
    }

    /** As the build before one timer per agent did: also a timer at the agent's expiry. */
    private static final class TimerPerPartFunction extends AgentDetectorsFunction {
        private final long ttl;

        TimerPerPartFunction(long ttl) {
            super(Settings.defaults(), null, ttl);
            this.ttl = ttl;
        }

        @Override
        public void processElement(AccessEvent e, ReadOnlyContext ctx, Collector<Finding> out)
                throws Exception {
            super.processElement(e, ctx, out);
            ctx.timerService().registerEventTimeTimer(AgentExpiry.at(e.timestamp, ttl));
        }
    }

    @Test
    void aSavepointWithATimerPerPartRestoresAndItsTimersDoOnlyWhatIsDue() throws Exception {
        long day = 24 * HOUR;
        long ttl = 4 * day;
        long day0 = Math.floorDiv(T0, day) * day;
        long expiry = day0 + day + ttl;
        OperatorSubtaskState snapshot;
        long periodEnd;
        try (var before = harness(new TimerPerPartFunction(ttl))) {
            before.processBroadcastWatermark(Long.MAX_VALUE);
            before.processElement(view("a", T0), T0);
            periodEnd = AgentDetectorStates.of(before, "a").usage.periodEnd;
            assertThat(periodEnd).as("the review period outlives the expiry").isGreaterThan(expiry);
            assertThat(before.numEventTimeTimers())
                    .as("the expiry's and the review period's end")
                    .isEqualTo(2);
            snapshot = before.snapshot(1, T0);
        }
        try (var h =
                AgentDetectorStates.restoredHarness(
                        new AgentDetectorsFunction(Settings.defaults(), null, ttl), snapshot)) {
            h.processBroadcastWatermark(Long.MAX_VALUE);
            assertThat(h.numEventTimeTimers()).isEqualTo(2);

            h.processWatermark(expiry);
            assertThat(AgentDetectorStates.of(h, "a"))
                    .as("the old expiry timer keeps the agent while its period is open")
                    .isNotNull();
            assertThat(h.getSideOutput(Descriptors.ACCESS_USAGE)).isNull();
            assertThat(h.numEventTimeTimers()).as("the period's end is left").isEqualTo(1);

            h.processWatermark(periodEnd);
            assertThat(h.getSideOutput(Descriptors.ACCESS_USAGE))
                    .as("the period is sent once")
                    .hasSize(1);
            assertThat(AgentDetectorStates.of(h, "a")).as("then the agent is dropped").isNull();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}

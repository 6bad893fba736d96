package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.review.AccessReviewConfig;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.AgentAccessUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Access usage, counted in {@link AgentDetectorsFunction}, and {@link AccessReviewFunction}. */
class AccessReviewFunctionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final AccessUsageCounter DAILY = new AccessUsageCounter(Duration.ofDays(1));

    /** Review periods of {@code period}; agents kept {@code ttl} after their last event's day. */
    private static KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> usage(
            String period, String ttl) throws Exception {
        Settings settings =
                Settings.defaults()
                        .with(Map.of("access_review.period", period, "state.agent_ttl", ttl));
        var h =
                AgentDetectorStates.harness(
                        new AgentDetectorsFunction(
                                settings,
                                null,
                                settings.get(AgentwatchOptions.AGENT_STATE_TTL).toMillis()));
        h.setup();
        h.open();
        // As in the job (ControlWatermarks): the control input holds back no event time.
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    private static KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> usage()
            throws Exception {
        return usage("1d", "35d");
    }

    private static List<AgentAccessUsage> sent(
            KeyedBroadcastOperatorTestHarness<String, AccessEvent, Control, Finding> h) {
        var records = h.getSideOutput(Descriptors.ACCESS_USAGE);
        List<AgentAccessUsage> out = new ArrayList<>();
        if (records != null) {
            records.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    private static AccessEvent event(String agent, long t, String role) {
        AccessEvent e = view(agent, t);
        e.agentRole = role;
        e.ticketId = "T-" + t;
        return e;
    }

    @Test
    void anAgentsPeriodEndsByEventTimeOrByALaterPeriodAndLateEventsNeverReopenIt()
            throws Exception {
        long day0 = DAILY.periodStart(T0);
        try (var h = usage()) {
            h.processElement(event("a", T0, "tier1"), T0);
            h.processElement(event("b", T0, "tier1"), T0);

            // a's next event is a day later: its first day is sent at once.
            h.processElement(event("a", T0 + DAY, "tier1"), T0 + DAY);
            assertThat(sent(h))
                    .extracting(u -> u.agentId, u -> u.periodStart)
                    .containsExactly(tuple("a", day0));

            // Event time passes the first day: b's is sent by its timer.
            h.processWatermark(day0 + DAY);
            assertThat(sent(h)).extracting(u -> u.agentId).containsExactly("a", "b");

            // A late event of the first day counts in the day event time is in.
            h.processElement(event("b", T0 + 1, "tier1"), T0 + 1);
            h.processWatermark(day0 + 2 * DAY);
            assertThat(sent(h))
                    .extracting(u -> u.agentId, u -> u.periodStart)
                    .containsExactly(
                            tuple("a", day0),
                            tuple("b", day0),
                            tuple("a", day0 + DAY),
                            tuple("b", day0 + DAY));
            assertThat(sent(h)).allSatisfy(u -> assertThat(u.fieldCount).isEqualTo(2));
            assertThat(AgentDetectorStates.of(h, "a").usage).as("every period sent").isNull();
            assertThat(AgentDetectorStates.of(h, "b").usage).isNull();
        }
    }

    @Test
    void anAgentsUsageIsKeptOnlyWhileItsPeriodIsOpen() throws Exception {
        long day0 = DAILY.periodStart(T0);
        try (var h = usage()) {
            AccessEvent failed = event("c", T0, "tier1");
            failed.outcome = io.agentwatch.models.event.Outcome.FAILURE;
            h.processElement(failed, T0);
            assertThat(AgentDetectorStates.of(h, "c").usage)
                    .as("a failed access counts nothing and opens no period")
                    .isNull();
            h.processElement(event("a", T0, "tier1"), T0);
            assertThat(AgentDetectorStates.of(h, "a").usage.periodStart).isEqualTo(day0);
            h.processWatermark(day0 + DAY);
            assertThat(sent(h)).extracting(u -> u.agentId).containsExactly("a");
            assertThat(AgentDetectorStates.of(h, "a").usage)
                    .as("dropped once its period is sent")
                    .isNull();
            assertThat(AgentDetectorStates.of(h, "a").behaviour).isNotNull();
        }
    }

    @Test
    void anAgentWhoseExpiryComesBeforeItsPeriodsEndIsDroppedOnceThePeriodIsSent() throws Exception {
        AccessUsageCounter weekly = new AccessUsageCounter(Duration.ofDays(7));
        long week0 = weekly.periodStart(T0);
        // Kept 1 hour after the day of its last event, in weekly periods.
        try (var h = usage("7d", "1h")) {
            h.processElement(event("a", T0, "tier1"), T0);
            long expiry = Math.floorDiv(T0, DAY) * DAY + DAY + HOUR;
            assertThat(expiry).isLessThan(week0 + 7 * DAY);
            h.processWatermark(expiry);
            assertThat(AgentDetectorStates.of(h, "a")).as("its period is still open").isNotNull();
            assertThat(sent(h)).isEmpty();
            h.processWatermark(week0 + 7 * DAY);
            assertThat(sent(h)).extracting(u -> u.periodStart).containsExactly(week0);
            assertThat(AgentDetectorStates.of(h, "a"))
                    .as("dropped once the period is sent")
                    .isNull();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aPeriodsReviewIsWrittenOnceEventTimePassesItsEndAndThePeriodIsForgotten()
            throws Exception {
        long day0 = DAILY.periodStart(T0);
        List<AgentAccessUsage> summaries = new ArrayList<>();
        try (var h = usage()) {
            for (int i = 0; i < 5; i++) {
                h.processElement(event("agent-" + i, T0 + i * HOUR, "tier1"), T0 + i * HOUR);
            }
            h.processWatermark(day0 + DAY);
            summaries.addAll(sent(h));
        }
        assertThat(summaries).hasSize(5);
        try (var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new AccessReviewFunction(new AccessReviewConfig(Settings.defaults()), null),
                        (AgentAccessUsage u) -> u.periodStart,
                        Types.LONG)) {
            for (AgentAccessUsage u : summaries) {
                h.processElement(u, u.periodStart);
            }
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(day0 + DAY);
            List<AccessReviewDocument> docs = h.extractOutputValues();
            // One role and one team (TestEvents' agents share a team), two fields each.
            assertThat(docs).hasSize(4);
            JsonNode name =
                    docs.stream()
                            .map(d -> read(d.json))
                            .filter(
                                    d ->
                                            d.at("/agentwatch/access_review/group_kind")
                                                    .asText()
                                                    .equals("role"))
                            .filter(
                                    d ->
                                            d.at("/agentwatch/access_review/field")
                                                    .asText()
                                                    .equals("name"))
                            .findFirst()
                            .orElseThrow();
            assertThat(name.at("/agentwatch/access_review/recommendation").asText())
                    .isEqualTo("keep");
            assertThat(name.at("/agentwatch/access_review/agents_accessed").asInt()).isEqualTo(5);
            assertThat(name.at("/event/start").asText()).isEqualTo("2026-03-02T00:00:00.000Z");
            assertThat(docs).extracting(d -> d.id).doesNotHaveDuplicates();
            assertThat(h.numEventTimeTimers()).isZero();

            // Nothing is kept: the next period's review starts empty.
            h.processWatermark(day0 + 3 * DAY);
            assertThat(h.extractOutputValues()).hasSize(4);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.review.AccessReviewConfig;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.AgentAccessUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class AccessReviewFunctionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccessUsageCounter DAILY = new AccessUsageCounter(Duration.ofDays(1));
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static KeyedOneInputStreamOperatorTestHarness<String, AccessEvent, AgentAccessUsage>
            usage() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AccessUsageFunction(DAILY), e -> e.agentId, Types.STRING);
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
            assertThat(h.numEventTimeTimers()).isEqualTo(2);

            // a's next event is a day later: its first day is sent at once.
            h.processElement(event("a", T0 + DAY, "tier1"), T0 + DAY);
            assertThat(h.extractOutputValues())
                    .extracting(u -> u.agentId, u -> u.periodStart)
                    .containsExactly(org.assertj.core.api.Assertions.tuple("a", day0));

            // Event time passes the first day: b's is sent by its timer.
            h.processWatermark(day0 + DAY);
            assertThat(h.extractOutputValues())
                    .extracting(u -> u.agentId)
                    .containsExactly("a", "b");

            // A late event of the first day counts in the day event time is in.
            h.processElement(event("b", T0 + 1, "tier1"), T0 + 1);
            h.processWatermark(day0 + 2 * DAY);
            assertThat(h.extractOutputValues())
                    .extracting(u -> u.agentId, u -> u.periodStart)
                    .containsExactly(
                            org.assertj.core.api.Assertions.tuple("a", day0),
                            org.assertj.core.api.Assertions.tuple("b", day0),
                            org.assertj.core.api.Assertions.tuple("a", day0 + DAY),
                            org.assertj.core.api.Assertions.tuple("b", day0 + DAY));
            assertThat(h.numEventTimeTimers()).as("every period sent, no timer left").isZero();
        }
    }

    @Test
    void anAgentsStateLivesOnlyWhileItsPeriodIsOpen() throws Exception {
        long day0 = DAILY.periodStart(T0);
        try (var h = usage()) {
            AccessEvent failed = event("c", T0, "tier1");
            failed.outcome = io.agentwatch.models.event.Outcome.FAILURE;
            h.processElement(failed, T0);
            assertThat(h.numKeyedStateEntries())
                    .as("a failed access counts nothing and keeps nothing")
                    .isZero();
            h.processElement(event("a", T0, "tier1"), T0);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(day0 + DAY);
            assertThat(h.extractOutputValues()).extracting(u -> u.agentId).containsExactly("a");
            assertThat(h.numKeyedStateEntries()).as("dropped once its period is sent").isZero();
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
            summaries.addAll(h.extractOutputValues());
        }
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

package io.agentwatch.models.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.review.FieldReview.Recommendation;
import io.agentwatch.models.sensitivity.CardNumbers;
import io.agentwatch.models.sensitivity.FieldClassifier;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.Label;
import io.agentwatch.models.simulator.Scenario;
import io.agentwatch.models.simulator.SimulationConfig;
import io.agentwatch.models.testing.TestEvents;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The access review on a simulated contact centre, whose roles' needs are known by design. */
class AccessReviewTest {
    private static List<FieldReview> reviews;
    private static String revealer;
    private static final Set<String> customers = new HashSet<>();

    @BeforeAll
    static void review() throws Exception {
        ContactCentreSimulator sim =
                new ContactCentreSimulator(
                        new SimulationConfig(4, 80, 5, SimulationConfig.DEFAULT_START, 5_000));
        AccessReview review =
                new AccessReview(
                        new AccessReviewConfig(Settings.defaults()), FieldClassifier.defaults());
        sim.run(
                (AccessEvent e) -> {
                    review.add(e);
                    if (e.customerId != null) {
                        customers.add(e.customerId);
                    }
                },
                null);
        reviews = review.reviews();
        revealer =
                sim.labels().stream()
                        .filter(l -> l.scenario == Scenario.PCI_REVEAL_WITHOUT_TICKET)
                        .map((Label l) -> l.agentId)
                        .findFirst()
                        .orElseThrow();
    }

    private static FieldReview row(String kind, String group, String field) {
        return row(reviews, kind, group, field);
    }

    private static FieldReview row(
            List<FieldReview> reviews, String kind, String group, String field) {
        return reviews.stream()
                .filter(r -> r.groupKind.equals(kind) && r.group.equals(group))
                .filter(r -> r.field.equals(field))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + group + " " + field));
    }

    @Test
    void rolesWhoseWorkNeverNeedsFullCardNumbersShouldHaveThemMasked() {
        for (String role : List.of("tier1", "tier2", "supervisor")) {
            FieldReview r = row(AccessReview.ROLE, role, "payment_card.number");
            assertThat(r.recommendation).as(role + ": " + r.reason).isEqualTo(Recommendation.MASK);
            assertThat(r.sensitivity).isEqualTo("PCI");
        }
    }

    @Test
    void billingKeepsTheLastFourDigitsItRoutinelyNeedsWithTickets() {
        FieldReview r = row(AccessReview.ROLE, "billing", "payment_card.last4");
        assertThat(r.recommendation).as(r.reason).isEqualTo(Recommendation.KEEP);
        assertThat(r.agentShare()).isGreaterThan(0.25);
        assertThat(r.ticketShare()).isGreaterThan(0.8);
        assertThat(r.customers).isPositive();
        assertThat(r.reason).contains("routinely needed with ticket context");
    }

    @Test
    void anAgentRevealingCardNumbersWithoutTicketsIsListedAsEvidence() {
        String role =
                reviews.stream()
                        .filter(r -> r.field.equals("payment_card.number"))
                        .filter(
                                r ->
                                        r.evidence.stream()
                                                .anyMatch(a -> a.agentId().equals(revealer)))
                        .map(r -> r.groupKind + ":" + r.group)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(revealer + " in no evidence"));
        assertThat(role).startsWith(AccessReview.ROLE + ":");
        FieldReview r = row(AccessReview.ROLE, role.substring(5), "payment_card.number");
        FieldReview.AgentUse use =
                r.evidence.stream().filter(a -> a.agentId().equals(revealer)).findFirst().get();
        assertThat(use.withoutTicket()).isEqualTo(use.accesses()).isPositive();
        assertThat(r.reason).contains("review");
    }

    @Test
    void theReviewHoldsCountsAndFieldNamesNeverCustomerData() throws Exception {
        StringWriter csv = new StringWriter();
        AccessReviewCsv.write(reviews, csv);
        String text = csv.toString();
        assertThat(CardNumbers.containsCardNumber(text)).isFalse();
        assertThat(customers).isNotEmpty();
        for (String c : customers) {
            assertThat(text).doesNotContain(c);
        }
        assertThat(text.lines().findFirst().orElseThrow()).startsWith(AccessReviewCsv.HEADER);
    }

    @Test
    void aFieldNoAgentOfTheGroupUsedIsNeverNeededAndSmallGroupsAreForReview() {
        AccessReview review =
                new AccessReview(
                        new AccessReviewConfig(Settings.defaults()), FieldClassifier.defaults());
        for (int i = 0; i < 4; i++) {
            AccessEvent e = TestEvents.view("agent-" + i, TestEvents.T0 + i);
            e.agentRole = "tier1";
            e.ticketId = "T-" + i;
            review.add(e);
        }
        AccessEvent reveal = TestEvents.view("agent-9", TestEvents.T0 + 9);
        reveal.agentRole = "billing";
        reveal.fields = new String[] {"payment_card.number"};
        review.add(reveal);
        List<FieldReview> rows = review.reviews();
        FieldReview never =
                rows.stream()
                        .filter(
                                r ->
                                        r.group.equals("tier1")
                                                && r.field.equals("payment_card.number"))
                        .findFirst()
                        .orElseThrow();
        assertThat(never.recommendation).isEqualTo(Recommendation.MASK);
        assertThat(never.reason).startsWith("never needed");
        assertThat(rows.stream().filter(r -> r.group.equals("tier1") && r.field.equals("name")))
                .extracting(r -> r.recommendation)
                .containsExactly(Recommendation.KEEP);
        assertThat(rows.stream().filter(r -> r.group.equals("billing")))
                .as("one billing agent: too few to judge")
                .allSatisfy(r -> assertThat(r.recommendation).isEqualTo(Recommendation.REVIEW));
    }

    /** One agent's summary of a period, as the job sends it: a field per uses, none ticketed. */
    private static AgentAccessUsage summary(String agent, String... fields) {
        AgentAccessUsage u = new AgentAccessUsage();
        u.agentId = agent;
        u.agentRole = "tier1";
        u.agentTeam = "team-a";
        u.periodStart = TestEvents.T0;
        u.periodEnd = TestEvents.T0 + 1;
        u.fields = new AgentFieldUse[fields.length];
        u.fieldCount = fields.length;
        for (int i = 0; i < fields.length; i++) {
            AgentFieldUse f = new AgentFieldUse();
            f.field = fields[i];
            f.accesses = 2;
            f.customers = new long[16];
            u.fields[i] = f;
        }
        return u;
    }

    @Test
    void anAgentWhoseSummaryComesTwiceOrNamesAFieldTwiceCountsOnceWithAllItsUses() {
        AccessReview review =
                new AccessReview(
                        new AccessReviewConfig(Settings.defaults()), FieldClassifier.defaults());
        review.add(summary("a", "email"));
        for (int i = 0; i < 5; i++) {
            review.add(summary("b" + i, "email"));
        }
        // a again, after others: the second summary of one period (a restore can send two).
        review.add(summary("a", "email", "phone"));
        // c names one field twice in one summary.
        review.add(summary("c", "phone", "phone"));
        List<FieldReview> rows = review.reviews();
        FieldReview email = row(rows, AccessReview.ROLE, "tier1", "email");
        assertThat(email.agentsInGroup).isEqualTo(7);
        assertThat(email.agentsAccessed).isEqualTo(6);
        assertThat(email.accesses).isEqualTo(14);
        assertThat(email.evidence)
                .filteredOn(a -> a.agentId().equals("a"))
                .containsExactly(new FieldReview.AgentUse("a", 4, 4));
        FieldReview phone = row(rows, AccessReview.TEAM, "team-a", "phone");
        assertThat(phone.agentsAccessed).isEqualTo(2);
        assertThat(phone.evidence)
                .extracting(FieldReview.AgentUse::agentId, FieldReview.AgentUse::accesses)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a", 2L),
                        org.assertj.core.groups.Tuple.tuple("c", 4L));
    }

    @Test
    void masksBelowKeepOrTheThresholdsContradictEachOther() {
        assertThatThrownBy(
                        () ->
                                new AccessReviewConfig(
                                        Settings.defaults()
                                                .with(
                                                        Map.of(
                                                                "access_review.mask_max_agent_share",
                                                                "0.5"))))
                .hasMessageContaining("access_review.mask_max_agent_share")
                .hasMessageContaining("access_review.keep_min_agent_share");
    }
}

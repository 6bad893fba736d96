package io.agentwatch.models.features;

import static io.agentwatch.models.features.AgentHourFeatures.*;
import static io.agentwatch.models.testing.TestEvents.HOUR;
import static io.agentwatch.models.testing.TestEvents.MINUTE;
import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.event;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.sensitivity.SensitivityClass;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {
    private static final long DAY = 24 * HOUR;
    private final FeatureExtractor extractor = new FeatureExtractor();
    private final AgentFeatureState state = new AgentFeatureState();
    private final List<FeatureWindow> closed = new ArrayList<>();

    private void feed(AccessEvent e) {
        FeatureWindow w = extractor.onEvent(state, e);
        if (w != null) {
            closed.add(w);
        }
    }

    private static AccessEvent customerView(long t, String customer, String ticket) {
        AccessEvent e = view("a", t);
        e.customerId = customer;
        e.ticketId = ticket;
        e.sourceIp = "10.0.0.1";
        e.sourceCountry = "IE";
        return e;
    }

    @Test
    void anHoursCountsSharesAndDistinctCustomers() {
        feed(customerView(T0, "C1", "T1"));
        feed(customerView(T0 + MINUTE, "C1", null));
        feed(customerView(T0 + 2 * MINUTE, "C2", null));
        feed(cardSearch("a", T0 + 3 * MINUTE));
        AccessEvent export = event("a", T0 + 4 * MINUTE, Action.EXPORT);
        export.resultCount = 250;
        export.customerId = "C3";
        export.ticketId = "T3";
        feed(export);
        feed(event("a", T0 + 5 * MINUTE, Action.LOGIN_FAILED));
        assertThat(closed).as("the hour is still open").isEmpty();

        FeatureWindow w = extractor.close(state, "a");
        assertThat(w.windowStart).isEqualTo(T0);
        assertThat(w.windowEnd).isEqualTo(T0 + HOUR);
        assertThat(w.agentRole).isEqualTo("tier1");
        double[] v = w.values;
        assertThat(v[EVENTS]).isEqualTo(6);
        assertThat(v[VIEWS]).isEqualTo(3);
        assertThat(v[SEARCHES]).isEqualTo(1);
        assertThat(v[CARD_SEARCHES]).isEqualTo(1);
        assertThat(v[EXPORTS]).isEqualTo(1);
        assertThat(v[EXPORT_ROWS]).isEqualTo(250);
        assertThat(v[LOGIN_FAILURES]).isEqualTo(1);
        assertThat(v[PCI_EVENTS]).isEqualTo(1);
        assertThat(v[DISTINCT_CUSTOMERS]).isEqualTo(3);
        assertThat(v[UNTICKETED_SHARE]).isEqualTo(0.5); // 2 of 4 customer accesses
        assertThat(v[EVENTS_VS_OWN]).as("no usual yet").isEqualTo(1);
        assertThat(w.agentUsual).isNull();
        assertThat(w.eventIds).hasSize(6);
        assertThat(extractor.close(state, "a")).as("nothing open").isNull();
    }

    @Test
    void aLaterEventClosesTheHourAndAnOlderOneCountsInTheOpenHour() {
        feed(view("a", T0));
        feed(view("a", T0 + HOUR + MINUTE));
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).values[EVENTS]).isEqualTo(1);
        feed(view("a", T0 + 30 * MINUTE)); // late: counted where the agent is now
        assertThat(extractor.close(state, "a").values[EVENTS]).isEqualTo(2);
        assertThat(FeatureExtractor.openWindowEnd(state)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void afterEnoughHoursTheRatiosCompareWithTheAgentsUsualHour() {
        for (int h = 0; h < 12; h++) {
            for (int i = 0; i < 10; i++) {
                feed(customerView(T0 + h * DAY + i * MINUTE, "C" + i, "T" + i));
            }
        }
        for (int i = 0; i < 60; i++) {
            feed(customerView(T0 + 12 * DAY + i * 30_000L, "X" + i, null));
        }
        FeatureWindow burst = extractor.close(state, "a");
        assertThat(burst.agentUsual[EVENTS])
                .isEqualTo(10, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(burst.values[EVENTS_VS_OWN]).isEqualTo(61.0 / 11);
        assertThat(burst.values[CUSTOMERS_VS_OWN]).isGreaterThan(4);
        assertThat(burst.values[UNTICKETED_SHARE]).isEqualTo(1);
    }

    @Test
    void newCountriesAndAddressesCountOnlyOnceTheAgentHasHistory() {
        AccessEvent first = customerView(T0, "C1", "T1");
        first.sourceCountry = "IE";
        feed(first);
        assertThat(extractor.close(state, "a").values[NEW_COUNTRY])
                .as("a first hour knows nothing")
                .isZero();
        AccessEvent away = customerView(T0 + DAY, "C1", "T1");
        away.sourceCountry = "VN";
        away.sourceIp = "198.51.100.7";
        feed(away);
        FeatureWindow w = extractor.close(state, "a");
        assertThat(w.values[NEW_COUNTRY]).isEqualTo(1);
        assertThat(w.values[NEW_IP]).isEqualTo(1);
        feed(customerView(T0 + 2 * DAY, "C1", "T1"));
        assertThat(extractor.close(state, "a").values[NEW_COUNTRY]).isZero();
    }

    /** Whether the hour at {@code t}, with one view from each address, had a new address. */
    private double newIpInAnHourFrom(long t, String... ips) {
        for (int i = 0; i < ips.length; i++) {
            AccessEvent e = customerView(t + i * MINUTE, "C1", "T1");
            e.sourceIp = ips[i];
            feed(e);
        }
        return extractor.close(state, "a").values[NEW_IP];
    }

    @Test
    void theAgentsLastSixteenAddressesAreKnownAndCountriesTheirLastEight() {
        String[] sixteen = new String[AgentFeatureState.MAX_IPS];
        for (int i = 0; i < sixteen.length; i++) {
            sixteen[i] = "10.0.0." + i;
        }
        newIpInAnHourFrom(T0, sixteen);
        assertThat(newIpInAnHourFrom(T0 + DAY, sixteen[0], sixteen[15]))
                .as("every one of sixteen remembered")
                .isZero();
        assertThat(newIpInAnHourFrom(T0 + 2 * DAY, "10.0.1.16")).isEqualTo(1);
        assertThat(newIpInAnHourFrom(T0 + 3 * DAY, sixteen[1])).isZero();
        assertThat(newIpInAnHourFrom(T0 + 4 * DAY, sixteen[0]))
                .as("the oldest made room for the seventeenth")
                .isEqualTo(1);

        for (int i = 0; i <= AgentFeatureState.MAX_COUNTRIES; i++) {
            AccessEvent e = customerView(T0 + 5 * DAY + i * MINUTE, "C1", "T1");
            e.sourceCountry = "C" + i;
            feed(e);
        }
        extractor.close(state, "a");
        AccessEvent back = customerView(T0 + 6 * DAY, "C1", "T1");
        back.sourceCountry = "C1";
        feed(back);
        assertThat(extractor.close(state, "a").values[NEW_COUNTRY]).isZero();
        back.sourceCountry = "C0";
        back.timestamp = T0 + 7 * DAY;
        feed(back);
        assertThat(extractor.close(state, "a").values[NEW_COUNTRY])
                .as("the oldest country made room for the ninth")
                .isEqualTo(1);
    }

    @Test
    void activityInHoursTheAgentRarelyWorksIsOffProfile() {
        for (int d = 0; d < 3; d++) {
            for (int i = 0; i < 20; i++) {
                feed(view("a", T0 + d * DAY + i * MINUTE)); // 09:00 UTC
            }
        }
        feed(view("a", T0 + 3 * DAY - 6 * HOUR)); // 03:00
        feed(view("a", T0 + 3 * DAY - 6 * HOUR + MINUTE));
        assertThat(closed.get(closed.size() - 1).values[OFF_PROFILE_SHARE]).isZero();
        assertThat(extractor.close(state, "a").values[OFF_PROFILE_SHARE])
                .as("the second 03:00 event has one 03:00 event behind it: still rare")
                .isEqualTo(1);
    }

    @Test
    void notableEventsAreKeptAsEvidenceOverOrdinaryOnes() {
        for (int i = 0; i < 15; i++) {
            feed(view("a", T0 + i * MINUTE));
        }
        AccessEvent reveal = event("a", T0 + 20 * MINUTE, Action.REVEAL);
        reveal.sensitivity = SensitivityClass.PCI.bit();
        feed(reveal);
        FeatureWindow w = extractor.close(state, "a");
        assertThat(w.eventIds).hasSize(AgentFeatureState.MAX_EVENT_IDS).contains(reveal.eventId);
    }

    @Test
    void theModelInputCompressesCountsAndRatios() {
        double[] raw = new double[SIZE];
        raw[EVENTS] = Math.E - 1;
        raw[EVENTS_VS_OWN] = 1;
        raw[UNTICKETED_SHARE] = 0.25;
        double[] in = new double[SIZE];
        AgentHourFeatures.toModelInput(raw, in);
        assertThat(in[EVENTS]).isEqualTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(in[EVENTS_VS_OWN]).isZero();
        assertThat(in[UNTICKETED_SHARE]).isEqualTo(0.25);
        assertThat(AgentHourFeatures.DESCRIPTIONS).hasSize(SIZE);
    }
}

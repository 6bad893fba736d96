package io.agentwatch.models.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.detect.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertDiffTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = LocalDate.of(2026, 3, 2).toEpochDay() * DAY;

    private static Alert alert(String id, String agent, long start, long end, Severity s) {
        Alert a = new Alert();
        a.alertId = id;
        a.agentId = agent;
        a.start = start;
        a.end = end;
        a.opened = end;
        a.severity = s;
        return a;
    }

    @Test
    void matchesAlertsByAgentAndOverlappingTimeAndListsWhatStartsStopsAndChanges() {
        List<Alert> current =
                List.of(
                        alert("c1", "a", T0, T0 + 100, Severity.MEDIUM),
                        alert("c2", "b", T0 + DAY, T0 + DAY + 100, Severity.LOW),
                        alert("c3", "c", T0, T0 + 100, Severity.HIGH));
        List<Alert> proposed =
                List.of(
                        // Another id (its episode started earlier) but the same incident.
                        alert("p1", "a", T0 - 50, T0 + 10, Severity.MEDIUM),
                        alert("p2", "b", T0 + DAY + 50, T0 + DAY + 60, Severity.HIGH),
                        // Same agent as c3, but a later time: a new alert, and c3 stops.
                        alert("p3", "c", T0 + 200, T0 + 300, Severity.HIGH),
                        alert("p4", "d", T0 + DAY, T0 + DAY, Severity.LOW));

        AlertDiff d = AlertDiff.of(current, proposed);

        assertThat(d.current).isEqualTo(3);
        assertThat(d.proposed).isEqualTo(4);
        assertThat(d.startFiring).extracting(a -> a.alertId).containsExactly("p3", "p4");
        assertThat(d.stopFiring).extracting(a -> a.alertId).containsExactly("c3");
        assertThat(d.severityChanged)
                .extracting(pair -> pair[0].alertId + ">" + pair[1].alertId)
                .containsExactly("c2>p2");
        assertThat(d.perDay.get(LocalDate.of(2026, 3, 2))).containsExactly(2, 2);
        assertThat(d.perDay.get(LocalDate.of(2026, 3, 3))).containsExactly(1, 2);
        assertThat(d.unchanged()).isFalse();
    }

    @Test
    void theSameAlertsAreNoChange() {
        List<Alert> alerts = List.of(alert("x", "a", T0, T0 + 1, Severity.LOW));
        assertThat(AlertDiff.of(alerts, alerts).unchanged()).isTrue();
        assertThat(AlertDiff.of(List.of(), List.of()).perDay).isEmpty();
    }
}

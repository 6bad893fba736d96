package io.agentwatch.models.output;

import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.Severity;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.CardDataIntent;
import io.agentwatch.models.event.ErrorReason;
import io.agentwatch.models.event.InvalidEvent;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.risk.AlertEpisodes;
import io.agentwatch.models.risk.RiskScorer;
import io.agentwatch.models.risk.RiskState;
import io.agentwatch.models.sensitivity.SensitivityClass;
import io.agentwatch.models.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EcsDocumentsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void enrichedEventUsesEcsNamesAndAgentwatchForTheRest() throws Exception {
        AccessEvent e = TestEvents.event("agent-1", T0, Action.SEARCH);
        e.agentName = "Ava";
        e.sourceIp = "10.0.0.1";
        e.sourceCountry = "IE";
        e.sourceLat = 53.3;
        e.sourceLon = -6.2;
        e.userAgent = "UA";
        e.customerId = "C1";
        e.ticketId = "T1";
        e.query = "411111******1111";
        e.fields = new String[] {"payment_card.last4"};
        e.sensitivity = SensitivityClass.PCI.bit();
        e.cardDataIntent = CardDataIntent.CARD_NUMBER;
        e.extraJson = "{\"browser_tab\":3}";
        JsonNode d = json.readTree(EcsDocuments.event(e));
        assertThat(d.path("@timestamp").asText()).isEqualTo("2026-03-02T09:00:00.000Z");
        assertThat(d.path("event").path("id").asText()).isEqualTo(e.eventId);
        assertThat(d.path("event").path("kind").asText()).isEqualTo("event");
        assertThat(d.path("event").path("category").get(0).asText()).isEqualTo("database");
        assertThat(d.path("event").path("type").get(0).asText()).isEqualTo("access");
        assertThat(d.path("event").path("outcome").asText()).isEqualTo("success");
        assertThat(d.path("user").path("id").asText()).isEqualTo("agent-1");
        assertThat(d.path("user").path("roles").get(0).asText()).isEqualTo("tier1");
        assertThat(d.path("source").path("geo").path("location").path("lat").asDouble())
                .isEqualTo(53.3);
        assertThat(d.path("user_agent").path("original").asText()).isEqualTo("UA");
        assertThat(d.path("related").path("ip").get(0).asText()).isEqualTo("10.0.0.1");
        JsonNode aw = d.path("agentwatch");
        assertThat(aw.path("customer").path("id").asText()).isEqualTo("C1");
        assertThat(aw.path("ticket").path("id").asText()).isEqualTo("T1");
        assertThat(aw.path("agent").path("team").asText()).isEqualTo("dublin-tier1");
        assertThat(aw.path("sensitivity").path("max").asText()).isEqualTo("PCI");
        assertThat(aw.path("card_data").path("targeted").asBoolean()).isTrue();
        assertThat(aw.path("card_data").path("intent").asText()).isEqualTo("CARD_NUMBER");
        assertThat(aw.path("extra").path("browser_tab").asInt()).isEqualTo(3);
        assertThat(aw.has("baseline")).as("no baseline learned yet").isFalse();

        e.usualHourEvents = 12.5f;
        JsonNode enriched = json.readTree(EcsDocuments.event(e)).path("agentwatch");
        assertThat(enriched.path("baseline").path("usual_hour_events").asDouble()).isEqualTo(12.5);
    }

    @Test
    void theLineAndByteFormsOfAnEventAreItsDocumentsBytes() {
        AccessEvent e = TestEvents.event("agent-ü", T0, Action.VIEW);
        e.agentName = "Zoë \"Z\" Ó Briain\u2028";
        e.query = "naïve \\ search\n";
        e.extraJson = "{\"note\":\"日本\"}";
        byte[] document = EcsDocuments.event(e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(EcsDocuments.eventBytes(e)).isEqualTo(document);
        assertThat(EcsDocuments.eventLine(e))
                .isEqualTo(
                        (EcsDocuments.event(e) + "\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void loginsAreAuthenticationEvents() throws Exception {
        JsonNode d =
                json.readTree(EcsDocuments.event(TestEvents.event("a", T0, Action.LOGIN_FAILED)));
        assertThat(d.path("event").path("category").get(0).asText()).isEqualTo("authentication");
        assertThat(d.path("event").path("type").get(0).asText()).isEqualTo("start");
    }

    @Test
    void alertCarriesRuleEvidenceAndWorkflowStatus() throws Exception {
        Finding a = new Finding();
        a.findingId = "card_search_burst:a:1";
        a.ruleId = "card_search_burst";
        a.ruleName = "Burst";
        a.ruleVersion = 1;
        a.severity = Severity.HIGH;
        a.riskScore = 72;
        a.agentId = "a";
        a.agentRole = "tier1";
        a.agentTeam = "dublin-tier1";
        a.start = T0;
        a.end = T0 + 60_000;
        a.reason = "Agent a ran 9 searches.";
        a.observed = 9;
        a.threshold = 5;
        a.windowMinutes = 15;
        a.basis = "peer";
        a.peerGroup = "tier1";
        a.peerBaselineMean = 0.1;
        a.peerBaselineDeviation = 0.2;
        a.peerBaselineSamples = 500;
        a.eventIds = new String[] {"e1", "e2"};
        RiskState state = new RiskState();
        Settings settings = Settings.defaults();
        Alert alert =
                new AlertEpisodes(settings)
                        .update(state, a, new RiskScorer(settings).add(state, a));
        JsonNode d = json.readTree(EcsDocuments.alert(alert));
        assertThat(d.path("event").path("kind").asText()).isEqualTo("alert");
        assertThat(d.path("event").path("risk_score").asDouble()).isEqualTo(72);
        assertThat(d.path("event").path("severity").asInt())
                .as("severity from the risk: 72 is medium")
                .isEqualTo(47);
        assertThat(d.path("event").path("start").asText()).isEqualTo("2026-03-02T09:00:00.000Z");
        assertThat(d.path("rule").path("id").get(0).asText()).isEqualTo("card_search_burst");
        assertThat(d.path("rule").path("version").get(0).asText()).isEqualTo("1");
        assertThat(d.path("user").path("id").asText()).isEqualTo("a");
        assertThat(d.path("message").asText())
                .startsWith("Agent a (tier1, team dublin-tier1) is at medium risk (72 of 100)")
                .endsWith("Largest: Agent a ran 9 searches.");
        JsonNode doc = d.path("agentwatch").path("alert");
        assertThat(doc.path("status").asText()).isEqualTo("open");
        assertThat(doc.path("revision").asInt()).isEqualTo(1);
        JsonNode finding = doc.path("findings").get(0);
        assertThat(finding.path("rule_id").asText()).isEqualTo("card_search_burst");
        assertThat(finding.path("contribution").asDouble()).isEqualTo(72);
        assertThat(finding.path("observed").asInt()).isEqualTo(9);
        assertThat(finding.path("baseline").path("peer").path("samples").asInt()).isEqualTo(500);
        assertThat(finding.path("baseline").path("agent").has("mean")).isFalse();
        assertThat(doc.path("event_ids")).hasSize(2);

        JsonNode update = json.readTree(EcsDocuments.alertUpdate(alert));
        assertThat(update.path("agentwatch").path("alert").has("status"))
                .as("an update leaves the analyst's status alone")
                .isFalse();
        assertThat(update.path("agentwatch").path("alert").path("revision").asInt()).isEqualTo(1);
    }

    private static Finding modelFinding(boolean shadow) {
        Finding f = new Finding();
        f.findingId = "model_anomaly:a:" + T0 + (shadow ? ":shadow" : "");
        f.ruleId = "model_anomaly";
        f.ruleName = "Agent-hour unlike the training hours (model)";
        f.ruleVersion = 1;
        f.severity = Severity.LOW;
        f.riskScore = 20;
        f.agentId = "a";
        f.agentRole = "tier1";
        f.start = T0;
        f.end = T0 + 3_600_000;
        f.reason = "Hour from 2026-03-02T09:00:00Z: odd.";
        f.threshold = 99.9;
        f.basis = "agent+peer";
        f.modelId = "isolation-forest-1";
        f.modelPercentile = 99.95;
        f.shadow = shadow;
        io.agentwatch.models.detect.ModelFeature m = new io.agentwatch.models.detect.ModelFeature();
        m.name = "card_searches";
        m.value = 40;
        m.agentUsual = 0.2;
        m.peerUsual = 0;
        m.deviation = 12.5;
        f.modelFeatures = new io.agentwatch.models.detect.ModelFeature[] {m};
        f.eventIds = new String[] {"e1"};
        return f;
    }

    @Test
    void aModelFindingNamesTheBundleSlotAndFeatures() throws Exception {
        JsonNode d = json.readTree(EcsDocuments.modelFinding(modelFinding(true)));
        assertThat(d.path("@timestamp").asText()).isEqualTo("2026-03-02T09:00:00.000Z");
        assertThat(d.path("event").path("dataset").asText()).isEqualTo("agentwatch.model_finding");
        assertThat(d.path("rule").path("id").asText()).isEqualTo("model_anomaly");
        JsonNode model = d.path("agentwatch").path("finding").path("model");
        assertThat(model.path("id").asText()).isEqualTo("isolation-forest-1");
        assertThat(model.path("slot").asText()).isEqualTo("shadow");
        assertThat(model.path("percentile").asDouble()).isEqualTo(99.95);
        JsonNode feature = model.path("features").get(0);
        assertThat(feature.path("name").asText()).isEqualTo("card_searches");
        assertThat(feature.path("agent_usual").asDouble()).isEqualTo(0.2);
        assertThat(feature.path("deviation").asDouble()).isEqualTo(12.5);
        assertThat(d.path("agentwatch").path("finding").path("event_ids").get(0).asText())
                .isEqualTo("e1");
    }

    @Test
    void anAlertRecordsTheModelVersionOfItsModelFinding() throws Exception {
        Finding f = modelFinding(false);
        f.riskScore = 30;
        RiskState state = new RiskState();
        Settings settings = Settings.defaults();
        Alert alert =
                new AlertEpisodes(settings)
                        .update(state, f, new RiskScorer(settings).add(state, f));
        JsonNode finding =
                json.readTree(EcsDocuments.alert(alert))
                        .path("agentwatch")
                        .path("alert")
                        .path("findings")
                        .get(0);
        assertThat(finding.path("model").path("id").asText()).isEqualTo("isolation-forest-1");
        assertThat(finding.path("model").path("slot").asText()).isEqualTo("live");
    }

    @Test
    void deadLetterIsMaskedAndTruncated() throws Exception {
        String raw =
                "{\"query\":\"4111111111111111\"," + "x".repeat(DeadLetter.MAX_RAW_CHARS) + "}";
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        DeadLetter d =
                DeadLetter.of(
                        new InvalidEvent("$", ErrorReason.NOT_JSON, "bad 4111111111111111"),
                        bytes,
                        0,
                        bytes.length,
                        "file.ndjson",
                        12,
                        T0);
        JsonNode doc = json.readTree(EcsDocuments.deadLetter(d));
        JsonNode dl = doc.path("agentwatch").path("dead_letter");
        assertThat(dl.path("raw").asText())
                .contains("411111******1111")
                .hasSize(DeadLetter.MAX_RAW_CHARS);
        assertThat(dl.path("raw_truncated").asBoolean()).isTrue();
        assertThat(dl.path("raw_bytes").asInt()).isEqualTo(bytes.length);
        assertThat(dl.path("offset").asLong()).isEqualTo(12);
        assertThat(dl.path("source").asText()).isEqualTo("file.ndjson");
        assertThat(doc.path("error").path("message").asText()).isEqualTo("bad 411111******1111");
        assertThat(doc.path("error").path("type").asText()).isEqualTo("NOT_JSON");

        byte[] small = "{\"a\":1".getBytes(StandardCharsets.UTF_8);
        DeadLetter whole =
                DeadLetter.of(
                        new InvalidEvent("$", ErrorReason.NOT_JSON, "x"),
                        small,
                        0,
                        small.length,
                        null,
                        -1,
                        T0);
        assertThat(whole.rawTruncated).isFalse();
        DeadLetter fromOddFile =
                DeadLetter.of(
                        new InvalidEvent("$", ErrorReason.NOT_JSON, "x"),
                        small,
                        0,
                        small.length,
                        "/tmp/junit-5229496428101084287/e.ndjson",
                        1,
                        T0);
        assertThat(
                        io.agentwatch.models.sensitivity.CardNumbers.containsCardNumber(
                                fromOddFile.source))
                .as("the source is masked too")
                .isFalse();
        assertThat(whole.raw).isEqualTo("{\"a\":1");
    }
}

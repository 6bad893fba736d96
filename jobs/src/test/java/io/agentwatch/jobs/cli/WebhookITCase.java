package io.agentwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agentwatch.jobs.testing.Logs;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts to webhooks: retried through failures, Slack-formatted, and a dead receiver blocks
 * nothing.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WebhookITCase {
    private HttpServer server;
    private final List<String> flaky = new CopyOnWriteArrayList<>();
    private final List<String> slack = new CopyOnWriteArrayList<>();
    private final AtomicInteger flakyCalls = new AtomicInteger();
    private final AtomicInteger downCalls = new AtomicInteger();

    @TempDir Path dir;

    @BeforeEach
    void startReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/flaky",
                ex -> {
                    String body =
                            new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    // The first two calls fail: the alert must still arrive.
                    int status = flakyCalls.incrementAndGet() <= 2 ? 500 : 200;
                    if (status == 200) {
                        flaky.add(body);
                    }
                    ex.sendResponseHeaders(status, -1);
                    ex.close();
                });
        server.createContext(
                "/slack",
                ex -> {
                    slack.add(
                            new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    ex.sendResponseHeaders(200, -1);
                    ex.close();
                });
        server.createContext(
                "/down",
                ex -> {
                    downCalls.incrementAndGet();
                    ex.getRequestBody().readAllBytes();
                    ex.sendResponseHeaders(503, -1);
                    ex.close();
                });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void deliversAlertsDespiteFailuresAndADeadReceiver() throws Exception {
        Path input = dir.resolve("events.ndjson");
        CliTestSupport.simulate(input, 3, 30, 2, 2000);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path out = dir.resolve("out");

        int code =
                DetectorCli.run(
                        "run",
                        "--input",
                        input.toString(),
                        "--output",
                        out.toString(),
                        "--webhook",
                        base + "/flaky",
                        "--webhook",
                        base + "/down",
                        "--slack-webhook",
                        base + "/slack");

        assertThat(code).isZero();
        // Webhooks hear of an alert when it opens and each time its severity rises.
        int alerts = 0;
        java.util.Map<String, String> severity = new java.util.HashMap<>();
        for (JsonNode a : CliTestSupport.documents(out, "alerts")) {
            JsonNode alert = a.path("agentwatch").path("alert");
            String before =
                    severity.put(alert.path("id").asText(), alert.path("severity").asText());
            if (!alert.path("severity").asText().equals(before)) {
                alerts++;
            }
        }
        assertThat(alerts).as("the file output is unaffected by the dead webhook").isPositive();
        assertThat(flaky).hasSize(alerts);
        assertThat(flakyCalls.get()).isEqualTo(alerts + 2);
        List<String> rules = new java.util.ArrayList<>();
        for (String body : flaky) {
            rules.addAll(CliTestSupport.ruleIds(new ObjectMapper().readTree(body)));
        }
        assertThat(rules).contains("card_search_burst");
        assertThat(slack).hasSize(alerts);
        assertThat(slack)
                .anySatisfy(
                        body ->
                                assertThat(new ObjectMapper().readTree(body).path("text").asText())
                                        .contains("card_search_burst")
                                        .contains("payment-card data searches"));
        assertThat(downCalls.get()).as("the dead receiver was retried").isGreaterThan(1);
        for (String body : flaky) {
            assertThat(CardNumbers.containsCardNumber(body)).isFalse();
        }
        for (String body : slack) {
            assertThat(CardNumbers.containsCardNumber(body)).isFalse();
        }
    }

    @AfterAll
    static void noCardNumberReachedTheLogs() throws Exception {
        Logs.assertNoCardNumbers();
    }
}

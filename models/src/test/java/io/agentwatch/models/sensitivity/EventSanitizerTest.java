package io.agentwatch.models.sensitivity;

import static io.agentwatch.models.testing.TestEvents.VISA;
import static io.agentwatch.models.testing.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.CardDataIntent;
import io.agentwatch.models.event.EventParser;
import io.agentwatch.models.output.EcsDocuments;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventSanitizerTest {
    private final EventParser parser = new EventParser();
    private final EventSanitizer sanitizer = EventSanitizer.withDefaults();

    private AccessEvent sanitize(String record) {
        return sanitizer.sanitize(parser.parse(record.getBytes(StandardCharsets.UTF_8)).event());
    }

    @Test
    void judgesIntentOnTheRawQueryThenMasksIt() {
        AccessEvent e = sanitize(json("\"query\":\"" + VISA + "\""));
        assertThat(e.cardDataIntent).isEqualTo(CardDataIntent.CARD_NUMBER);
        assertThat(e.query).isEqualTo("411111******1111");
    }

    @Test
    void masksCardNumbersInEveryStringAndEveryUnknownField() {
        String record =
                json("\"customer\":{\"id\":\""
                                + VISA
                                + "\"},\"ticket\":{\"id\":\"T "
                                + VISA
                                + "\"},\"session\":{\"id\":\""
                                + VISA
                                + "\"},"
                                + "\"resource\":{\"type\":\"x\",\"id\":\""
                                + VISA
                                + "\"},\"user_agent\":\"UA "
                                + VISA
                                + "\",\"fields\":[\""
                                + VISA
                                + "\"],\"notes\":\"paid with 5555 5555 5555"
                                + " 4444\",\"raw_pan\":4111111111111111,\"nested\":{\""
                                + VISA
                                + "\":[\""
                                + VISA
                                + "\"]}")
                        .replace(
                                "\"agent\":{\"id\":\"agent-1\"}",
                                "\"agent\":{\"id\":\"agent-1\",\"name\":\""
                                        + VISA
                                        + "\",\"card\":\""
                                        + VISA
                                        + "\"}");
        AccessEvent e = sanitize(record);
        String document = EcsDocuments.event(e);
        assertThat(CardNumbers.containsCardNumber(document)).as(document).isFalse();
        assertThat(document).contains("411111******1111").contains("5555 55** **** 4444");
        assertThat(e.extraJson).contains("\"raw_pan\":\"411111******1111\"");
    }

    @Test
    void classifiesFieldSensitivity() {
        AccessEvent e =
                sanitize(json("\"fields\":[\"email\",\"payment_card.last4\"],\"query\":\"Zoe\""));
        assertThat(SensitivityClass.highest(e.sensitivity)).isEqualTo(SensitivityClass.PCI);
        assertThat(e.cardDataIntent).isEqualTo(CardDataIntent.PCI_FIELD);
    }

    @Test
    void leavesCleanEventsAlone() {
        AccessEvent e = sanitize(json("\"query\":\"ava@example.com\""));
        assertThat(e.query).isEqualTo("ava@example.com");
        assertThat(e.cardDataIntent).isEqualTo(CardDataIntent.NONE);
    }

    @Test
    void maskJsonFallsBackToTextMaskingForBrokenJson() {
        assertThat(EventSanitizer.maskJson("{broken " + VISA))
                .isEqualTo("{broken 411111******1111");
    }
}

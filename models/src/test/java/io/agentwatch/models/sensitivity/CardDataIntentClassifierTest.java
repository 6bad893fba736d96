package io.agentwatch.models.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.CardDataIntent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardDataIntentClassifierTest {
    private final CardDataIntentClassifier classifier = new CardDataIntentClassifier();

    private CardDataIntent search(String query) {
        return classifier.classify(Action.SEARCH, query, 0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111",
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "who owns 5555555555554444?",
                "3782 822463 10005"
            })
    void cardNumbers(String q) {
        assertThat(search(q)).isEqualTo(CardDataIntent.CARD_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"411111", "40128888", " 555555 ", "bin 411111", "BIN: 601111", "iin 222300"})
    void bareBins(String q) {
        assertThat(search(q)).isEqualTo(CardDataIntent.BIN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "last4 1234",
                "last 4 1234",
                "last-4: 1234",
                "Last four digits 1234",
                "card ending 1234",
                "card ending in 1234",
                "ends with 1234",
                "****1234",
                "xxxx-xxxx-xxxx-1234",
                "**** **** **** 1234"
            })
    void lastFourLookups(String q) {
        assertThat(search(q)).isEqualTo(CardDataIntent.LAST4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ava@example.com",
                "+1-202-555-0147",
                "T-1042785",
                "order 12345678",
                "ending soon",
                "last 4 orders",
                "1234",
                "Zoe Santos",
                "4111111111111112",
                "911111"
            })
    void ordinarySearches(String q) {
        assertThat(search(q)).isEqualTo(CardDataIntent.NONE);
    }

    @Test
    void searchesReturningPciFieldsTargetCardData() {
        assertThat(classifier.classify(Action.SEARCH, "Zoe Santos", SensitivityClass.PCI.bit()))
                .isEqualTo(CardDataIntent.PCI_FIELD);
        assertThat(classifier.classify(Action.SEARCH, "Zoe Santos", SensitivityClass.PII.bit()))
                .isEqualTo(CardDataIntent.NONE);
    }

    @Test
    void onlySearchesHaveAnIntent() {
        assertThat(classifier.classify(Action.VIEW, "4111111111111111", SensitivityClass.PCI.bit()))
                .isEqualTo(CardDataIntent.NONE);
    }
}

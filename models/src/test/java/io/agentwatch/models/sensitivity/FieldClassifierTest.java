package io.agentwatch.models.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FieldClassifierTest {
    private final FieldClassifier defaults = FieldClassifier.defaults();

    @Test
    void defaultRulesClassifyCommonFields() {
        assertThat(defaults.classify("payment_card.number")).isEqualTo(SensitivityClass.PCI);
        assertThat(defaults.classify("payment_card.last4")).isEqualTo(SensitivityClass.PCI);
        assertThat(defaults.classify("Payment_Card.CVV")).isEqualTo(SensitivityClass.PCI);
        assertThat(defaults.classify("ssn")).isEqualTo(SensitivityClass.SENSITIVE_PII);
        assertThat(defaults.classify("date_of_birth")).isEqualTo(SensitivityClass.SENSITIVE_PII);
        assertThat(defaults.classify("bank_account.iban"))
                .isEqualTo(SensitivityClass.SENSITIVE_PII);
        assertThat(defaults.classify("email")).isEqualTo(SensitivityClass.PII);
        assertThat(defaults.classify("address.line1")).isEqualTo(SensitivityClass.PII);
        assertThat(defaults.classify("billing.plan")).isEqualTo(SensitivityClass.NONE);
        assertThat(defaults.classify("notes")).isEqualTo(SensitivityClass.NONE);
    }

    @Test
    void classifiesAllFieldsOfAnEventAsABitSet() {
        int bits = defaults.classifyAll(new String[] {"email", "payment_card.number", "notes"});
        assertThat(SensitivityClass.PCI.in(bits)).isTrue();
        assertThat(SensitivityClass.PII.in(bits)).isTrue();
        assertThat(SensitivityClass.SENSITIVE_PII.in(bits)).isFalse();
        assertThat(SensitivityClass.highest(bits)).isEqualTo(SensitivityClass.PCI);
        assertThat(defaults.classifyAll(null)).isZero();
    }

    @Test
    void firstMatchingRuleWins() throws Exception {
        FieldClassifier c =
                FieldClassifier.fromJson(
                        new ObjectMapper()
                                .readTree(
                                        "{\"rules\":[{\"pattern\":\"payment_card.brand\",\"class\":\"NONE\"},{\"pattern\":\"payment_card.*\",\"class\":\"PCI\"}]}"),
                        "test");
        assertThat(c.classify("payment_card.brand")).isEqualTo(SensitivityClass.NONE);
        assertThat(c.classify("payment_card.number")).isEqualTo(SensitivityClass.PCI);
    }

    @Test
    void badRulesAreReportedAllAtOnce() {
        assertThatThrownBy(
                        () ->
                                FieldClassifier.fromJson(
                                        new ObjectMapper()
                                                .readTree(
                                                        "{\"rules\":[{\"pattern\":\"\",\"class\":\"PCI\"},{\"pattern\":\"x\",\"class\":\"SECRET\"}]}"),
                                        "rules.json"))
                .hasMessageContaining("rules.json")
                .hasMessageContaining("rules[0].pattern is missing")
                .hasMessageContaining("rules[1].class 'SECRET'");
    }
}

package io.agentwatch.models.event;

/** Why a search was judged to target payment-card data; NONE when it was not. */
public enum CardDataIntent {
    NONE,
    /** The query holds a Luhn-valid card number (plain, spaced or dashed). */
    CARD_NUMBER,
    /** The query is a bare 6–8-digit issuer identification number. */
    BIN,
    /** The query looks up a card by its last four digits. */
    LAST4,
    /** The search returned a PCI-classified field. */
    PCI_FIELD;

    public boolean targetsCardData() {
        return this != NONE;
    }
}

package io.agentwatch.models.sensitivity;

import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.CardDataIntent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a search targets payment-card data: a card number, a bare BIN, a last-four lookup
 * in the query, or a PCI field among the returned fields. Runs on the raw query, before masking.
 * Patterns are compiled once.
 */
public final class CardDataIntentClassifier {
    /** A query that is only a 6–8-digit number, optionally introduced by "bin" or "iin". */
    private static final Pattern BARE_BIN =
            Pattern.compile("(?i)^\\s*(?:(?:bin|iin)\\s*[:#=]?\\s*)?(\\d{6,8})\\s*$");

    /**
     * "last4 1234", "last 4: 1234", "last four digits 1234", "card ending in 1234", "ends with
     * 1234".
     */
    private static final Pattern LAST4_WORDS =
            Pattern.compile(
                    "(?i)(?:\\blast[\\s_-]*(?:4|four)(?:\\s*digits?)?|\\bending(?:\\s+(?:in|with))?"
                            + "|\\bends\\s+(?:in|with))\\s*[:#=]?\\s*(\\d{4})(?!\\d)");

    /** A masked card with its last four shown: "****1234", "xxxx-xxxx-xxxx-1234", "•••• 1234". */
    private static final Pattern MASKED_CARD =
            Pattern.compile("(?i)(?:[*x\u2022]{4}[\\s-]?){1,3}(\\d{4})(?!\\d)");

    public CardDataIntent classify(Action action, String rawQuery, int fieldSensitivity) {
        if (action != Action.SEARCH) {
            return CardDataIntent.NONE;
        }
        // Every pattern wants 4 digits at least (a BIN 6): most queries (names, e-mail
        // addresses) have fewer, and are decided without running one.
        int digits = rawQuery == null ? 0 : CardNumbers.asciiDigits(rawQuery, 6);
        if (digits >= 4) {
            if (CardNumbers.containsCardNumber(rawQuery)) {
                return CardDataIntent.CARD_NUMBER;
            }
            if (digits >= 6) {
                Matcher bin = BARE_BIN.matcher(rawQuery);
                if (bin.matches() && CardNumbers.plausibleIssuer(bin.group(1))) {
                    return CardDataIntent.BIN;
                }
            }
            if (LAST4_WORDS.matcher(rawQuery).find() || MASKED_CARD.matcher(rawQuery).find()) {
                return CardDataIntent.LAST4;
            }
        }
        if (SensitivityClass.PCI.in(fieldSensitivity)) {
            return CardDataIntent.PCI_FIELD;
        }
        return CardDataIntent.NONE;
    }
}

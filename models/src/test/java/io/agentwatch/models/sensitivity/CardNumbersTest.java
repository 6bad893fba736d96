package io.agentwatch.models.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.Uuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Public test card numbers in every format we expect people to type.
                "4111111111111111|411111******1111",
                "4111 1111 1111 1111|4111 11** **** 1111",
                "4111-1111-1111-1111|4111-11**-****-1111",
                "5555555555554444|555555******4444",
                "5555 5555 5555 4444|5555 55** **** 4444",
                "2223003122003222|222300******3222",
                "378282246310005|378282*****0005",
                "3782 822463 10005|3782 82**** *0005",
                "6011111111111117|601111******1117",
                "6011-1111-1111-1117|6011-11**-****-1117",
                "3530111333300000|353011******0000",
                "30569309025904|305693****5904",
                "4222222222222|422222***2222",
                "4111111111111111110|411111*********1110",
            })
    void masksTestCardsToFirstSixAndLastFour(String card, String masked) {
        assertThat(CardNumbers.containsCardNumber(card)).isTrue();
        assertThat(CardNumbers.mask(card)).isEqualTo(masked);
    }

    @Test
    void masksCardsInsideFreeText() {
        assertThat(CardNumbers.mask("customer read card 4111111111111111, exp 12/29"))
                .isEqualTo("customer read card 411111******1111, exp 12/29");
        assertThat(CardNumbers.mask("card:4111111111111111;alt=5555-5555-5555-4444"))
                .isEqualTo("card:411111******1111;alt=5555-55**-****-4444");
        assertThat(CardNumbers.mask("pan=378282246310005\"")).isEqualTo("pan=378282*****0005\"");
    }

    @Test
    void masksACardGluedToLettersWhenItsDigitsAreContiguous() {
        assertThat(CardNumbers.mask("card4111111111111111")).isEqualTo("card411111******1111");
    }

    @Test
    void findsACardRightAfterAPhoneNumberInTheSameDigitRun() {
        assertThat(CardNumbers.mask("call 555-0100 4111 1111 1111 1111"))
                .isEqualTo("call 555-0100 4111 11** **** 1111");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111112", // fails Luhn
                "4111 1111 1111 1112",
                "+1-202-555-0147", // phone numbers
                "+44 20 7946 0958",
                "+8613800138000",
                "ORD-20261122-884213", // order ids
                "order 1000234567891",
                "20261122063015", // compact timestamp
                "1763793015123", // epoch milliseconds
                "2026-11-22 06:30:15",
                "4111 1111 1111", // too short
                "41111111111111111111111", // too long to be one card
                "4111  1111 1111 1111", // double space breaks the grouping
                "4111 1111-1111 1111", // mixed separators
                "41 1111 1111 1111 11", // not a card grouping
                "9111111111111111", // no such network
                "1234567812345670", // Luhn-valid but starts with 1
                "41111111-1111-1111-1111-411111111111", // UUIDs: groups never form a card...
                "9816ba49-3971-1799-6824-2c6f02a1891e", // ...even when a card grouping hides inside
                // one
            })
    void leavesNearMissesUntouched(String text) {
        assertThat(CardNumbers.containsCardNumber(text)).isFalse();
        assertThat(CardNumbers.mask(text)).isSameAs(text);
    }

    @Test
    void returnsTheSameInstanceWhenNothingIsMasked() {
        String s = "no digits here";
        assertThat(CardNumbers.mask(s)).isSameAs(s);
        assertThat(CardNumbers.mask(null)).isNull();
    }

    @Test
    void luhn() {
        assertThat(CardNumbers.luhn("79927398713")).isTrue();
        assertThat(CardNumbers.luhn("79927398710")).isFalse();
    }

    @Test
    void issuerPrefixes() {
        assertThat(CardNumbers.plausibleIssuer("2221000000000009")).isTrue();
        assertThat(CardNumbers.plausibleIssuer("2720990000000007")).isTrue();
        assertThat(CardNumbers.plausibleIssuer("2220990000000008")).isFalse();
        assertThat(CardNumbers.plausibleIssuer("2721000000000004")).isFalse();
        assertThat(CardNumbers.plausibleIssuer("7000000000000000")).isFalse();
    }

    @Test
    void digitsThatFormNoLongRunAreLeftAsTheyAreWithoutACopy() {
        String scattered = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4 4111.1111.1111.1111 2026-12-03";
        assertThat(CardNumbers.mask(scattered)).isSameAs(scattered);
        String uuid = "9816ba49-3971-1799-6824-2c6f0e1a2b3c";
        assertThat(CardNumbers.mask(uuid)).isSameAs(uuid);
        assertThat(CardNumbers.mask("paid with 4111-1111-1111-1111 today"))
                .isEqualTo("paid with 4111-11**-****-1111 today");
    }

    @Test
    void noUuidHoldsACardSoTheShortcutChangesNothing() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        String hex = "0123456789abcdefABCDEF";
        String[] fixed = {
            "41111111-1111-1111-1111-111111111111",
            "11114111-1111-1111-1111-411111111111",
            "55555555-5555-4444-4444-555555554444",
        };
        for (String u : fixed) {
            assertThat(Uuids.isUuid(u)).isTrue();
            assertThat(CardNumbers.scanFindsCard(u)).as(u).isFalse();
        }
        for (int i = 0; i < 200_000; i++) {
            // Mostly digits, so that long digit runs and card-like groups are common.
            int digitsOneIn = 1 + r.nextInt(20);
            StringBuilder b = new StringBuilder(36);
            for (int k = 0; k < 36; k++) {
                if (k == 8 || k == 13 || k == 18 || k == 23) {
                    b.append('-');
                } else if (r.nextInt(digitsOneIn + 1) != 0) {
                    b.append((char) ('0' + r.nextInt(10)));
                } else {
                    b.append(hex.charAt(r.nextInt(hex.length())));
                }
            }
            String u = b.toString();
            assertThat(Uuids.isUuid(u)).isTrue();
            assertThat(CardNumbers.scanFindsCard(u)).as(u).isFalse();
        }
        assertThat(Uuids.isUuid("41111111-1111-1111-1111-11111111111")).isFalse();
        assertThat(Uuids.isUuid("41111111 1111-1111-1111-111111111111")).isFalse();
        assertThat(Uuids.isUuid("4111111g-1111-1111-1111-111111111111")).isFalse();
        assertThat(Uuids.isUuid("411111\u00e91-1111-1111-1111-111111111111")).isFalse();
        assertThat(Uuids.isUuid("41111111-1111-1111-1111-11111111111\u0100")).isFalse();
        String notAUuid = "4111111111111111-1111-1111-111111111";
        assertThat(notAUuid).hasSize(36);
        assertThat(CardNumbers.mask(notAUuid))
                .as("36 characters but not a UUID: scanned as usual")
                .isEqualTo("411111******1111-1111-1111-111111111");
    }
}

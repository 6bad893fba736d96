package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
    @Test
    void aCanonicalUuidsHalvesAreItsBitsAndGiveItsTextBack() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            // Every hex digit's value at every place, in a few thousand ids.
            UUID id = new UUID(random.nextLong(), random.nextLong());
            String text = id.toString();
            assertThat(Uuids.isCanonical(text)).as(text).isTrue();
            assertThat(Uuids.high(text)).as(text).isEqualTo(id.getMostSignificantBits());
            assertThat(Uuids.low(text)).as(text).isEqualTo(id.getLeastSignificantBits());
            assertThat(Uuids.text(Uuids.high(text), Uuids.low(text))).isEqualTo(text);
        }
    }

    @Test
    void onlyTheLowerCaseFormIsCanonical() {
        String text = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        assertThat(Uuids.isCanonical(text)).isTrue();
        assertThat(Uuids.isCanonical(text.toUpperCase())).isFalse();
        assertThat(Uuids.isUuid(text.toUpperCase())).isTrue();
        assertThat(Uuids.isCanonical(text.replace('-', '_'))).isFalse();
        assertThat(Uuids.isCanonical(text + "0")).isFalse();
    }
}

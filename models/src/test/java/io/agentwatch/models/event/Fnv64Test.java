package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Fnv64Test {
    @Test
    void isFnv1aOverTheCharactersAsStateHoldsIt() {
        // Published FNV-1a 64 test vectors (ASCII: one character is one byte).
        assertThat(Fnv64.of("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(Fnv64.of("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(Fnv64.of("foobar")).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void aPairIsNotItsConcatenation() {
        assertThat(Fnv64.of("ab", "c")).isNotEqualTo(Fnv64.of("a", "bc"));
        assertThat(Fnv64.of("ab", "c")).isNotEqualTo(Fnv64.of("abc"));
        assertThat(Fnv64.of("T1", "C1")).isEqualTo(Fnv64.of("T1", "C1"));
    }
}

package io.agentwatch.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogsTest {
    @Test
    void findsTheTestCardsInAnyFormatButNotRandomNumbers() {
        assertThat(Logs.holdsTestCard("query=4111111111111111 from agent-1")).isTrue();
        assertThat(Logs.holdsTestCard("raw: \"4111 1111 1111 1111\"")).isTrue();
        assertThat(Logs.holdsTestCard("card 3782-822463-10005")).isTrue();
        assertThat(Logs.holdsTestCard("masked 411111******1111")).isFalse();
        assertThat(Logs.holdsTestCard("dir /tmp/junit-3584510950956999527/x")).isFalse();
    }
}

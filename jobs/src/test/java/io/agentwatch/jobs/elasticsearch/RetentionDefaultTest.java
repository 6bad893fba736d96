package io.agentwatch.jobs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionDefaultTest {
    @Test
    void theDefaultRetentionComesFromRetentionJson() throws Exception {
        assertThat(ElasticsearchSetup.defaultRetention()).isEqualTo(Duration.ofDays(90));
    }
}

package io.agentwatch.jobs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackVersionTest {
    @Test
    void onlyTheSupportedMajorIsAccepted() throws Exception {
        assertThat(StackVersion.major("8.19.21")).isEqualTo(8);
        assertThat(StackVersion.major("")).isEqualTo(-1);
        assertThat(StackVersion.major("abc")).isEqualTo(-1);
        StackVersion.requireSupported("Elasticsearch", "8.19.21", "agentwatch needs Elasticsearch");
        assertThatThrownBy(
                        () ->
                                StackVersion.requireSupported(
                                        "Elasticsearch",
                                        "7.17.0",
                                        "agentwatch needs Elasticsearch"))
                .hasMessage(
                        "Elasticsearch 7.17.0 is not supported: agentwatch needs Elasticsearch"
                                + " 8.x");
        assertThatThrownBy(
                        () ->
                                StackVersion.requireSupported(
                                        "Kibana",
                                        "9.0.0",
                                        "agentwatch's saved objects are for Kibana"))
                .hasMessage(
                        "Kibana 9.0.0 is not supported: agentwatch's saved objects are for Kibana"
                                + " 8.x");
    }
}

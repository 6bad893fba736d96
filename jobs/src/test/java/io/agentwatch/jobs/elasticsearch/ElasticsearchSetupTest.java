package io.agentwatch.jobs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ElasticsearchSetupTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DESIRED =
            "{\"index_patterns\":[\"a-*\"],\"priority\":200,\"template\":{"
                + "\"settings\":{\"number_of_shards\":1,\"index.lifecycle.name\":\"p\"},"
                + "\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"x\":{\"type\":\"keyword\"}}}}}";

    /** As Elasticsearch hands it back: settings nested under index, values as strings. */
    private static final String STORED =
            "{\"index_patterns\":[\"a-*\"],\"priority\":200,\"composed_of\":[],\"template\":{"
                + "\"settings\":{\"index\":{\"number_of_shards\":\"1\",\"lifecycle\":{\"name\":\"p\"}}},"
                + "\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"x\":{\"type\":\"keyword\"}}}}}";

    @Test
    void aStoredTemplateIsTheSameDespiteHowElasticsearchWritesSettings() throws Exception {
        JsonNode desired = JSON.readTree(DESIRED);
        assertThat(ElasticsearchSetup.sameTemplate(desired, JSON.readTree(STORED))).isTrue();
        assertThat(
                        ElasticsearchSetup.sameTemplate(
                                desired, JSON.readTree(STORED.replace("keyword", "text"))))
                .as("a mapping changed")
                .isFalse();
        assertThat(
                        ElasticsearchSetup.sameTemplate(
                                desired, JSON.readTree(STORED.replace("\"1\"", "\"2\""))))
                .as("a setting changed")
                .isFalse();
        assertThat(
                        ElasticsearchSetup.sameTemplate(
                                desired, JSON.readTree(STORED.replace("200", "100"))))
                .as("the priority changed")
                .isFalse();
    }
}

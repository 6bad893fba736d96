package io.agentwatch.jobs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkWriterTest {
    @Test
    void ofSeveralRevisionsOfOneDocumentInABatchOnlyTheLastIsSent() {
        IndexRequestEntry event = new IndexRequestEntry("events", "e1", "{}", false);
        IndexRequestEntry a1 = IndexRequestEntry.upsert("alerts", "a", "{\"r\":1}", "{\"r\":1}");
        IndexRequestEntry b1 = IndexRequestEntry.upsert("alerts", "b", "{\"r\":1}", "{\"r\":1}");
        IndexRequestEntry a2 = IndexRequestEntry.upsert("alerts", "a", "{\"r\":2}", "{\"r\":2}");
        IndexRequestEntry sameIdOtherIndex =
                IndexRequestEntry.upsert("alerts-2", "a", "{\"r\":1}", "{\"r\":1}");
        assertThat(
                        ElasticsearchSinkWriter.latestRevisions(
                                List.of(event, a1, b1, a2, sameIdOtherIndex)))
                .containsExactly(event, b1, a2, sameIdOtherIndex);
        List<IndexRequestEntry> creates = List.of(event, event);
        assertThat(ElasticsearchSinkWriter.latestRevisions(creates))
                .as("creates are never merged")
                .isSameAs(creates);
    }
}

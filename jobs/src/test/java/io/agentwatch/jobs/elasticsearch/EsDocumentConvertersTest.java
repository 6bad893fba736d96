package io.agentwatch.jobs.elasticsearch;

import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.output.EcsDocuments;
import io.agentwatch.models.testing.TestEvents;
import org.junit.jupiter.api.Test;

class EsDocumentConvertersTest {
    @Test
    void anEventIsCreatedOnceUnderItsIdInItsDaysIndexAsItsDocument() throws Exception {
        AccessEvent e = TestEvents.event("agent-ü", T0, Action.SEARCH);
        e.query = "naïve \"search\" 日本";
        IndexNames names = new IndexNames("t");
        IndexRequestEntry entry = EsDocumentConverters.events(names).apply(e, null);
        assertThat(entry.index()).isEqualTo(names.events(T0));
        assertThat(entry.id()).isEqualTo(e.eventId);
        assertThat(entry.isUpsert()).isFalse();
        assertThat(entry.json()).isEqualTo(EcsDocuments.event(e));
    }
}

package io.agentwatch.jobs.types;

import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.review.OpenAccessUsage;
import io.agentwatch.models.testing.BitExact;
import org.junit.jupiter.api.Test;

/** {@link AgentAccessUsageSerializer}: closed periods on their way to the access review. */
class AgentAccessUsageSerializerTest {
    private static OpenAccessUsage used() {
        AccessUsageCounter counter = AccessUsageCounter.of(Settings.defaults());
        OpenAccessUsage u = new OpenAccessUsage();
        for (int i = 0; i < 30; i++) {
            AccessEvent e = view("a", T0 + i * 60_000L);
            e.customerId = "customer-" + i % 7;
            e.fields = new String[] {"email", i % 2 == 0 ? "phone" : "address"};
            counter.add(u, e);
        }
        return u;
    }

    @Test
    void closedPeriodsTravelToTheReviewInTheCompactLayout() throws Exception {
        AccessUsageCounter counter = AccessUsageCounter.of(Settings.defaults());
        AgentAccessUsage closed = counter.close(used());
        var config = new org.apache.flink.api.common.serialization.SerializerConfigImpl();
        var compact = SerializerType.ACCESS_USAGE.createSerializer(config);
        var pojo =
                org.apache.flink.api.common.typeinfo.TypeInformation.of(AgentAccessUsage.class)
                        .createSerializer(config);
        var out = new org.apache.flink.core.memory.DataOutputSerializer(256);
        compact.serialize(closed, out);
        int compactBytes = out.length();
        var in = new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(compact.deserialize(in))
                .usingRecursiveComparison(BitExact.FIELDS)
                .isEqualTo(closed);
        out.clear();
        pojo.serialize(closed, out);
        assertThat(compactBytes).isLessThan(out.length() / 2);
    }
}

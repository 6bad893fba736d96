package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.detect.PeerBaselineEstimator;
import io.agentwatch.models.detect.PeerSample;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class PeerBaselineFunctionTest {
    @Test
    void keepsOneBaselinePerGroupAndPublishesPeriodically() throws Exception {
        PeerBaselineFunction fn =
                new PeerBaselineFunction(
                        new PeerBaselineEstimator(CardSearchBurstConfig.defaults(), 5));
        try (KeyedOneInputStreamOperatorTestHarness<String, PeerSample, PeerBaseline> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        fn, s -> s.group, Types.STRING)) {
            for (int i = 0; i < 10; i++) {
                h.processElement(new PeerSample("tier1", "a" + i, T0, 0), T0);
                h.processElement(new PeerSample("billing", "b" + i, T0, 2), T0);
            }
            assertThat(h.extractOutputValues())
                    .extracting(b -> b.group + ":" + b.samples)
                    .containsExactly(
                            "tier1:1",
                            "billing:1",
                            "tier1:5",
                            "billing:5",
                            "tier1:10",
                            "billing:10");
            PeerBaseline billing = h.extractOutputValues().get(5);
            assertThat(billing.mean).isEqualTo(2.0);
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        }
    }
}

package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.BucketCount;
import io.agentwatch.models.detect.PeerSample;
import io.agentwatch.models.event.AccessEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent: passes events through and, each time one of the agent's active windows closes,
 * emits its card-search count to {@link Descriptors#PEER_SAMPLES} for the peer baselines.
 *
 * <p>It sits in front of the detector (not inside it) because peer baselines are broadcast back
 * into the detector, and a Flink job graph cannot have cycles.
 */
public class CardSearchSampler extends KeyedProcessFunction<String, AccessEvent, AccessEvent> {
    private static final long serialVersionUID = 1L;

    private final long bucketMillis;
    private final long stateTtlMillis;
    private transient ValueState<BucketCount> bucket;

    public CardSearchSampler(long bucketMillis, long stateTtlMillis) {
        this.bucketMillis = bucketMillis;
        this.stateTtlMillis = stateTtlMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<BucketCount> d =
                new ValueStateDescriptor<>("card-search-bucket", BucketCount.class);
        d.enableTimeToLive(
                StateTtlConfig.newBuilder(java.time.Duration.ofMillis(stateTtlMillis)).build());
        bucket = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(AccessEvent e, Context ctx, Collector<AccessEvent> out)
            throws Exception {
        BucketCount b = bucket.value();
        if (b == null) {
            b = new BucketCount();
        }
        long previousStart = b.start;
        int closed = b.add(e.timestamp, e.targetsCardData(), bucketMillis);
        bucket.update(b);
        if (closed != BucketCount.NONE_CLOSED) {
            ctx.output(
                    Descriptors.PEER_SAMPLES,
                    new PeerSample(
                            Descriptors.peerGroup(e.agentRole), e.agentId, previousStart, closed));
        }
        out.collect(e);
    }
}

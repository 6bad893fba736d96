package io.agentwatch.jobs.functions;

import static io.agentwatch.models.testing.TestEvents.T0;
import static io.agentwatch.models.testing.TestEvents.cardSearch;
import static io.agentwatch.models.testing.TestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.types.AgentDetectorStateSerializer;
import io.agentwatch.jobs.types.CompactStateSerializer;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.CardSearchBurstDetector;
import io.agentwatch.models.detect.behaviour.BehaviourConfig;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.RecentEventIds;
import io.agentwatch.models.features.FeatureExtractor;
import io.agentwatch.models.review.AccessUsageCounter;
import io.agentwatch.models.review.OpenAccessUsage;
import io.agentwatch.models.state.DetectorStateCodec;
import io.agentwatch.models.state.StateReader;
import io.agentwatch.models.state.StateWriter;
import io.agentwatch.models.testing.BitExact;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.api.Test;

/**
 * {@link AgentDetectorStateSerializer}: what it writes reads back equal (every field:
 * DetectorStateCodecTest), copies are deep, and savepoints of earlier releases still restore (the
 * POJO layout, and Flink's state TTL, which the expiry timer replaced).
 */
class AgentDetectorStateSerializerTest {

    /** An agent's state after a few events of every kind the detectors keep something of. */
    private static final AgentDetectorState WORKED = worked();

    private static AgentDetectorState worked() {
        AgentDetectorState s = AgentDetectorState.create(true);
        BehaviourDetectors behaviour = new BehaviourDetectors(BehaviourConfig.defaults());
        CardSearchBurstDetector card =
                new CardSearchBurstDetector(CardSearchBurstConfig.defaults());
        FeatureExtractor features = new FeatureExtractor();
        AccessUsageCounter usage = AccessUsageCounter.of(Settings.defaults());
        s.usage = new OpenAccessUsage();
        for (int i = 0; i < 40; i++) {
            AccessEvent e =
                    i % 3 == 0 ? cardSearch("a", T0 + i * 60_000L) : view("a", T0 + i * 60_000L);
            RecentEventIds.seenBefore(s.recentIds, e.eventId);
            card.onEvent(s.card, e, null);
            behaviour.onEvent(s.behaviour, e);
            features.onEvent(s.features, e);
            e.customerId = "customer-" + i % 7;
            e.fields = new String[] {"email", i % 2 == 0 ? "phone" : "address"};
            usage.add(s.usage, e);
        }
        s.cardTimer = T0 + 99;
        return s;
    }

    @Test
    void writesAndReadsBackAnAgentAndCopiesItDeeply() throws Exception {
        AgentDetectorStateSerializer serializer = new AgentDetectorStateSerializer();
        AgentDetectorState s = WORKED;
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(s, out);
        serializer.serialize(s, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(serializer.deserialize(in))
                .usingRecursiveComparison(BitExact.FIELDS)
                .isEqualTo(s);
        assertThat(serializer.deserialize(in))
                .as("records are framed: the second follows the first")
                .usingRecursiveComparison(BitExact.FIELDS)
                .isEqualTo(s);
        assertThat(in.available()).isZero();

        AgentDetectorState copy = serializer.copy(s);
        assertThat(copy).usingRecursiveComparison(BitExact.FIELDS).isEqualTo(s);
        copy.recentIds.hashes[0]++;
        copy.behaviour.hourOfWeek[0]++;
        assertThat(copy.recentIds.hashes[0]).isNotEqualTo(s.recentIds.hashes[0]);
        assertThat(copy.behaviour.hourOfWeek[0]).isNotEqualTo(s.behaviour.hourOfWeek[0]);
    }

    /** The layout before access usage moved into the detectors' value, as it was written. */
    private static final class EarlierLayout extends CompactStateSerializer<AgentDetectorState> {
        @Override
        protected long timeBase(AgentDetectorState s) {
            return DetectorStateCodec.timeBase(s.behaviour);
        }

        @Override
        protected void write(StateWriter w, AgentDetectorState s) {
            DetectorStateCodec.write(w, s.recentIds);
            DetectorStateCodec.write(w, s.card);
            w.time(s.cardTimer);
            DetectorStateCodec.write(w, s.behaviour);
            DetectorStateCodec.write(w, s.features);
        }

        @Override
        protected AgentDetectorState read(StateReader r) {
            throw new UnsupportedOperationException("writes only");
        }

        @Override
        public TypeSerializer<AgentDetectorState> duplicate() {
            return new EarlierLayout();
        }

        @Override
        public AgentDetectorState createInstance() {
            return new AgentDetectorState();
        }

        @Override
        public TypeSerializerSnapshot<AgentDetectorState> snapshotConfiguration() {
            throw new UnsupportedOperationException("writes only");
        }
    }

    @Test
    void aValueOfTheLayoutBeforeAccessUsageMovedInReadsAsAnAgentWithNoOpenPeriod()
            throws Exception {
        assertThat(WORKED.usage.fieldCount).isEqualTo(3);
        DataOutputSerializer earlier = new DataOutputSerializer(64);
        new EarlierLayout().serialize(WORKED, earlier);
        AgentDetectorState read =
                new AgentDetectorStateSerializer()
                        .deserialize(new DataInputDeserializer(earlier.getCopyOfBuffer()));
        assertThat(read.usage).isNull();
        assertThat(read)
                .usingRecursiveComparison(BitExact.FIELDS)
                .ignoringFields("usage")
                .isEqualTo(WORKED);
    }

    @Test
    void eachThreadGetsItsOwnBuffersAndTheSnapshotRestoresTheSameLayout() throws Exception {
        AgentDetectorStateSerializer serializer = new AgentDetectorStateSerializer();
        assertThat(serializer.duplicate()).isNotSameAs(serializer).isEqualTo(serializer);
        TypeSerializerSnapshot<AgentDetectorState> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<AgentDetectorState> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
        assertThat(
                        serializer
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(read)
                                .isCompatibleAsIs())
                .isTrue();
    }

    private static AgentDetectorState restored(boolean pojo, StateBackend backend)
            throws Exception {
        // The state as earlier agentwatch kept it: in Flink's POJO serializer (before the compact
        // layout), or in the compact layout (before the expiry timer).
        OperatorSubtaskState snapshot =
                EarlierState.snapshot(
                        pojo
                                ? new ValueStateDescriptor<>(
                                        "agent-detectors", AgentDetectorState.class)
                                : AgentDetectorsFunction.stateDescriptor(),
                        WORKED,
                        backend);
        try (var h =
                AgentDetectorStates.harness(
                        new AgentDetectorsFunction(Settings.defaults(), null, EarlierState.TTL))) {
            h.setStateBackend(backend);
            h.setup();
            h.initializeState(snapshot);
            h.open();
            return AgentDetectorStates.of(h, "a");
        }
    }

    @Test
    void stateFromASavepointOfThePojoLayoutIsReadAndKept() throws Exception {
        assertThat(restored(true, new HashMapStateBackend()))
                .usingRecursiveComparison(BitExact.FIELDS)
                .isEqualTo(WORKED);
    }

    @Test
    void stateKeptWithFlinksTtlRestoresWithoutItOnBothBackends() throws Exception {
        for (StateBackend backend :
                new StateBackend[] {new HashMapStateBackend(), new EmbeddedRocksDBStateBackend()}) {
            assertThat(restored(false, backend))
                    .as("%s", backend.getClass().getSimpleName())
                    .usingRecursiveComparison(BitExact.FIELDS)
                    .isEqualTo(WORKED);
        }
    }
}

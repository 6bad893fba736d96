package io.agentwatch.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.CardDataIntent;
import io.agentwatch.models.event.Outcome;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class AccessEventSerializerTest {
    private static final TypeSerializer<AccessEvent> SERIALIZER =
            AccessEventType.INFO.createSerializer(new SerializerConfigImpl());

    private static AccessEvent roundTrip(AccessEvent e) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(e, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        AccessEvent back = SERIALIZER.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return back;
    }

    @Test
    void everyFieldSurvivesAndAbsentOnesStayAbsent() throws Exception {
        AccessEvent full = new AccessEvent();
        full.eventId = "e-1";
        full.timestamp = 1_772_442_900_250L;
        full.agentId = "agent-0042";
        full.agentName = "Ava Smith — ünïcødé 名前";
        full.agentRole = "billing";
        full.agentTeam = "dublin-billing";
        full.agentTimezone = "Europe/Dublin";
        full.action = Action.REVEAL;
        full.outcome = Outcome.FAILURE;
        full.resourceType = "payment_card";
        full.resourceId = "pc-9";
        full.customerId = "C0001234";
        full.ticketId = "T-1";
        full.query = "x".repeat(100_000);
        full.fields = new String[] {"payment_card.number", null, "email"};
        full.resultCount = 0;
        full.sourceIp = "2001:db8::1";
        full.sourceCountry = "IE";
        full.sourceLat = -53.3;
        full.sourceLon = 180.0;
        full.sessionId = "s-1";
        full.userAgent = "Mozilla/5.0";
        full.extraJson = "{\"k\":[1,2]}";
        full.cardDataIntent = CardDataIntent.LAST4;
        full.sensitivity = 0b1011;
        full.usualHourEvents = 3.25f;
        assertThat(roundTrip(full)).isEqualTo(full);
        assertThat(SERIALIZER.copy(full)).isEqualTo(full).isNotSameAs(full);

        AccessEvent empty = new AccessEvent();
        empty.cardDataIntent = null;
        AccessEvent back = roundTrip(empty);
        assertThat(back).isEqualTo(empty);
        assertThat(back.eventId).isNull();
        assertThat(back.resultCount).isNull();
        assertThat(back.fields).isNull();
        assertThat(back.usualHourEvents).isNaN();
    }

    @Test
    void aSimulatedWeekRoundTripsThroughOneBuffer() throws Exception {
        List<AccessEvent> events = new ArrayList<>();
        new ContactCentreSimulator(
                        new SimulationConfig(4, 30, 2, SimulationConfig.DEFAULT_START, 1_000))
                .run(events::add, null);
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        for (AccessEvent e : events) {
            SERIALIZER.serialize(e, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (AccessEvent e : events) {
            assertThat(SERIALIZER.deserialize(in)).isEqualTo(e);
        }
        assertThat(in.available()).isZero();
        assertThat(events).hasSizeGreaterThan(1_000);
    }

    @Test
    void eachThreadGetsItsOwnScratchBuffer() {
        TypeSerializer<AccessEvent> copy = SERIALIZER.duplicate();
        assertThat(copy).isNotSameAs(SERIALIZER).isEqualTo(SERIALIZER);
    }

    @Test
    void stringsOfEveryLengthAndCharacterRoundTripThroughOneSerializer() throws Exception {
        TypeSerializer<AccessEvent> serializer = SERIALIZER.duplicate();
        DataOutputSerializer out = new DataOutputSerializer(64);
        List<AccessEvent> events = new ArrayList<>();
        // Long after short (the scratch grows), non-ASCII after ASCII of the same length, and the
        // other way round: each string is its own, whatever the one before left in the scratch.
        String[] strings = {"a", "x".repeat(5_000), "é".repeat(5_000), "y", "日本", "z".repeat(300)};
        for (String s : strings) {
            AccessEvent e = new AccessEvent();
            e.agentId = s;
            e.query = s + "\u0000\t\"";
            serializer.serialize(e, out);
            events.add(e);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (AccessEvent e : events) {
            assertThat(serializer.deserialize(in)).isEqualTo(e);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void recurringFieldsOfLaterEventsAreTheStringsOfEarlierOnes() throws Exception {
        TypeSerializer<AccessEvent> serializer = SERIALIZER.duplicate();
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (int i = 0; i < 2; i++) {
            AccessEvent e = new AccessEvent();
            e.agentRole = "billing";
            e.agentTimezone = "Europe/Dublin";
            e.userAgent = "Mozilla/5.0 (X11; Linux x86_64)";
            e.fields = new String[] {"payment_card.number"};
            e.customerId = "C000" + i;
            serializer.serialize(e, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        AccessEvent first = serializer.deserialize(in);
        AccessEvent second = serializer.deserialize(in);
        assertThat(second.agentRole).isSameAs(first.agentRole);
        assertThat(second.agentTimezone).isSameAs(first.agentTimezone);
        assertThat(second.userAgent).isSameAs(first.userAgent);
        assertThat(second.fields[0]).isSameAs(first.fields[0]);
        assertThat(second.customerId).isEqualTo("C0001");
    }

    @Test
    void itsSnapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializerSnapshot<AccessEvent> snapshot = SERIALIZER.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        AccessEventSerializer.Snapshot read = new AccessEventSerializer.Snapshot();
        read.readSnapshot(
                snapshot.getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(SERIALIZER);
        assertThat(
                        SERIALIZER
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(read)
                                .isCompatibleAsIs())
                .isTrue();
    }
}

package io.agentwatch.jobs.types;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.review.AgentAccessUsage;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Flink's type information for a type written by one of agentwatch's own serializers (models has no
 * Flink, so its types cannot carry an annotation: operators that emit them name their type).
 * Records sent between tasks then skip Flink's POJO serializer, which reflects on every field and
 * writes arrays element by element; agent ids as keys skip a call per character.
 */
public final class SerializerType<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    /** Access events, with {@link AccessEventSerializer}. */
    public static final SerializerType<AccessEvent> ACCESS_EVENT =
            new SerializerType<>(AccessEvent.class, AccessEventSerializer::new);

    /** Closed access-usage periods on their way to the access review, in the compact layout. */
    public static final SerializerType<AgentAccessUsage> ACCESS_USAGE =
            new SerializerType<>(AgentAccessUsage.class, AgentAccessUsageSerializer::new);

    /** Agent ids as keys of state and timers, with {@link AgentIdSerializer}. */
    public static final SerializerType<String> AGENT_ID =
            new SerializerType<>(String.class, AgentIdSerializer::new);

    private final Class<T> type;
    private final SerializableSupplier<? extends TypeSerializer<T>> serializer;

    private SerializerType(
            Class<T> type, SerializableSupplier<? extends TypeSerializer<T>> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.get();
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SerializerType && ((SerializerType<?>) o).type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof SerializerType;
    }
}

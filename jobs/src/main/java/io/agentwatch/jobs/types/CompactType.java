package io.agentwatch.jobs.types;

import io.agentwatch.models.review.AgentAccessUsage;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Flink's type information for a stream of values in the compact layout of their state ({@link
 * CompactStateSerializer}), so records sent between tasks skip Flink's POJO serializer, which
 * reflects on every field and writes arrays element by element.
 */
public final class CompactType<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    /** Closed access-usage periods, on their way to the access review. */
    public static final CompactType<AgentAccessUsage> ACCESS_USAGE =
            new CompactType<>(AgentAccessUsage.class, AgentAccessUsageSerializer::new);

    private final Class<T> type;
    private final SerializableSupplier<? extends TypeSerializer<T>> serializer;

    private CompactType(
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
        return "Compact<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactType && ((CompactType<?>) o).type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CompactType;
    }
}

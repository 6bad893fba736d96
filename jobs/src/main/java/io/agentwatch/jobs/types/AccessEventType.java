package io.agentwatch.jobs.types;

import io.agentwatch.models.event.AccessEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type information for {@link AccessEvent}, with {@link AccessEventSerializer} (models has
 * no Flink, so the type cannot carry an annotation: operators that emit events name this type).
 */
public final class AccessEventType extends TypeInformation<AccessEvent> {
    private static final long serialVersionUID = 1L;
    public static final AccessEventType INFO = new AccessEventType();

    private AccessEventType() {}

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
    public Class<AccessEvent> getTypeClass() {
        return AccessEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<AccessEvent> createSerializer(SerializerConfig config) {
        return AccessEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "AccessEvent";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessEventType;
    }

    @Override
    public int hashCode() {
        return AccessEventType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof AccessEventType;
    }
}

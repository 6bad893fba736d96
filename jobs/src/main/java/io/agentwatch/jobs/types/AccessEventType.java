package io.agentwatch.jobs.types;

import io.agentwatch.models.event.AccessEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Flink's type information for {@link AccessEvent}, with {@link AccessEventSerializer}. */
public final class AccessEventType {
    public static final TypeInformation<AccessEvent> INFO = SerializerType.ACCESS_EVENT;

    private AccessEventType() {}
}

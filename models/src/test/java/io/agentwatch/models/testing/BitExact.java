package io.agentwatch.models.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonIntrospectionStrategy;

/** For comparing state objects field by field after a round trip through a serializer. */
public final class BitExact {
    private BitExact() {}

    /**
     * Every field but transient ones, recursively, same types; doubles and floats bit for bit (NaN
     * equals NaN, -0.0 does not equal 0.0). A transient field is worked out again from the others
     * (a lookup aid beside the state), so no serializer keeps it and a round trip need not.
     */
    public static final RecursiveComparisonConfiguration FIELDS = fields();

    private static RecursiveComparisonConfiguration fields() {
        RecursiveComparisonConfiguration c =
                RecursiveComparisonConfiguration.builder()
                        .withEqualsForType(
                                (a, b) ->
                                        Double.doubleToRawLongBits(a)
                                                == Double.doubleToRawLongBits(b),
                                Double.class)
                        .withEqualsForType(
                                (a, b) -> Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b),
                                Float.class)
                        .withStrictTypeChecking(true)
                        .build();
        c.setIntrospectionStrategy(
                new KeptFields(
                        RecursiveComparisonConfiguration
                                .DEFAULT_RECURSIVE_COMPARISON_INTROSPECTION_STRATEGY));
        return c;
    }

    private record KeptFields(RecursiveComparisonIntrospectionStrategy all)
            implements RecursiveComparisonIntrospectionStrategy {
        @Override
        public Set<String> getChildrenNodeNamesOf(Object node) {
            return all.getChildrenNodeNamesOf(node).stream()
                    .filter(name -> !isTransient(node.getClass(), name))
                    .collect(Collectors.toSet());
        }

        @Override
        public Object getChildNodeValue(String name, Object instance) {
            return all.getChildNodeValue(name, instance);
        }

        private static boolean isTransient(Class<?> type, String name) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(name)) {
                        return Modifier.isTransient(f.getModifiers());
                    }
                }
            }
            return false;
        }
    }
}

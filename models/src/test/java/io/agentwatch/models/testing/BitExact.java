package io.agentwatch.models.testing;

import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;

/** For comparing state objects field by field after a round trip through a serializer. */
public final class BitExact {
    private BitExact() {}

    /**
     * Every field, recursively, same types; doubles and floats bit for bit (NaN equals NaN, -0.0
     * does not equal 0.0).
     */
    public static final RecursiveComparisonConfiguration FIELDS =
            RecursiveComparisonConfiguration.builder()
                    .withEqualsForType(
                            (a, b) ->
                                    Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b),
                            Double.class)
                    .withEqualsForType(
                            (a, b) -> Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b),
                            Float.class)
                    .withStrictTypeChecking(true)
                    .build();
}

package io.agentwatch.models.state;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fills every public field of a state object, nested objects and arrays included, with values of
 * every kind a codec must keep: extremes, {@link Long#MIN_VALUE}, NaN, nulls, UUIDs, non-ASCII
 * text, arrays with and without an empty tail. A field the codec forgets then fails a round trip.
 */
final class RandomFields {
    private RandomFields() {}

    static <T> T fill(T object, SplittableRandom random) {
        try {
            for (Field f : object.getClass().getFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isFinal(m) || Modifier.isTransient(m)) {
                    continue;
                }
                f.set(object, value(f.getType(), random));
            }
            return object;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(Class<?> type, SplittableRandom random)
            throws ReflectiveOperationException {
        if (type == long.class) {
            return aLong(random);
        }
        if (type == int.class) {
            return anInt(random);
        }
        if (type == short.class) {
            return (short) anInt(random);
        }
        if (type == boolean.class) {
            return random.nextBoolean();
        }
        if (type == double.class) {
            return switch (random.nextInt(5)) {
                case 0 -> Double.NaN;
                case 1 -> -0.0;
                case 2 -> 0.0;
                default -> random.nextDouble(-1e9, 1e9);
            };
        }
        if (type == float.class) {
            return switch (random.nextInt(4)) {
                case 0 -> Float.NaN;
                case 1 -> 0f;
                default -> (float) random.nextDouble(-1e6, 1e6);
            };
        }
        if (random.nextInt(6) == 0) {
            return null;
        }
        if (type == String.class) {
            return aString(random);
        }
        if (type.isArray()) {
            int length = random.nextInt(40);
            Object array = Array.newInstance(type.getComponentType(), length);
            // A bounded array fills from the start: its tail is often still empty.
            int filled = random.nextBoolean() ? length : random.nextInt(length + 1);
            for (int i = 0; i < filled; i++) {
                Object v = value(type.getComponentType(), random);
                if (v != null) {
                    Array.set(array, i, v);
                }
            }
            return array;
        }
        return fill(type.getConstructor().newInstance(), random);
    }

    private static long aLong(SplittableRandom random) {
        return switch (random.nextInt(7)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> 0L;
            case 3 -> random.nextLong(-1000, 1000);
            case 4 -> 1_780_000_000_000L + random.nextLong(100_000_000_000L);
            default -> random.nextLong();
        };
    }

    private static int anInt(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> random.nextInt(-5, 200);
            default -> random.nextInt();
        };
    }

    static String aString(SplittableRandom random) {
        UUID uuid = new UUID(random.nextLong(), random.nextLong());
        return switch (random.nextInt(6)) {
            case 0 -> uuid.toString();
            case 1 -> uuid.toString().toUpperCase(java.util.Locale.ROOT);
            case 2 -> "";
            case 3 -> "Zoë ☎ \uD83D\uDCB3 " + random.nextInt();
            case 4 -> uuid.toString().replace('-', 'x');
            default -> "agent-" + random.nextInt(10_000);
        };
    }
}

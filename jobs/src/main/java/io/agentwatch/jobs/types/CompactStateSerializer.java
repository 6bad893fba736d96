package io.agentwatch.jobs.types;

import io.agentwatch.models.state.StateReader;
import io.agentwatch.models.state.StateWriter;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A keyed state value written in the compact layout of {@code models.state} ({@link StateWriter}):
 * its length, then its bytes. Holds its scratch buffers, so each thread gets its own copy ({@link
 * #duplicate()}, which Flink calls for every thread that serializes).
 *
 * <p>Flink's heap backend copies a value that changes while a checkpoint writes it; the copy is a
 * write and a read, which no field can be left out of.
 */
public abstract class CompactStateSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private transient StateWriter writer;
    private transient StateReader reader;
    private transient byte[] scratch;

    /** The time the value's times are written relative to (cheap to find, e.g. a last-seen). */
    protected abstract long timeBase(T value);

    protected abstract void write(StateWriter w, T value);

    protected abstract T read(StateReader r);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public int getLength() {
        return -1;
    }

    private StateWriter encode(T value) {
        if (writer == null) {
            writer = new StateWriter();
        }
        long base = timeBase(value);
        writer.reset(base).relative(base, 0);
        write(writer, value);
        return writer;
    }

    private T decode(byte[] bytes, int length) {
        if (reader == null) {
            reader = new StateReader();
        }
        StateReader r = reader.reset(bytes, 0, length);
        r.timeBase(r.relative(0));
        T value = read(r);
        if (!r.atEnd()) {
            throw new IllegalStateException(
                    getClass().getSimpleName()
                            + ": a state record has bytes left after its fields");
        }
        return value;
    }

    @Override
    public void serialize(T value, DataOutputView out) throws IOException {
        StateWriter w = encode(value);
        writeLength(w.length(), out);
        out.write(w.buffer(), 0, w.length());
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
        int length = readLength(in);
        byte[] bytes = scratch(length);
        in.readFully(bytes, 0, length);
        return decode(bytes, length);
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        StateWriter w = encode(from);
        return decode(w.buffer(), w.length());
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = readLength(source);
        byte[] bytes = scratch(length);
        source.readFully(bytes, 0, length);
        writeLength(length, target);
        target.write(bytes, 0, length);
    }

    private byte[] scratch(int length) {
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(4096, length)];
        }
        return scratch;
    }

    private static void writeLength(int v, DataOutputView out) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readLength(DataInputView in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.readByte();
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IOException("a state record's length is malformed");
    }

    /**
     * A layout's version. State written by Flink's POJO serializer (agentwatch before the compact
     * layout) is read with it once and written in the compact layout from then on.
     */
    public abstract static class Snapshot<T> extends SimpleTypeSerializerSnapshot<T> {
        protected Snapshot(Supplier<? extends TypeSerializer<T>> serializer) {
            super(serializer);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
                TypeSerializerSnapshot<T> old) {
            if (old instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(old);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}

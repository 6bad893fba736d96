package io.agentwatch.jobs.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Agent ids as the keys of agent-keyed state and timers: the bytes of Flink's {@link
 * StringSerializer}, written in one call instead of a call per character.
 *
 * <p>A heap checkpoint writes an agent's id before each of its states and timers (about four), and
 * {@code StringSerializer} hands every character to the checkpoint's stream on its own, through
 * three layers of streams: about 30% of a checkpoint's thread at 100,000 agents (JFR). An id of
 * ASCII characters, as ids are, is here its length and its characters in a scratch buffer, then one
 * write; any other id goes through {@code StringSerializer}'s code.
 *
 * <p>Its snapshot is {@code StringSerializer}'s, as its bytes are: savepoints of builds that keyed
 * with {@code StringSerializer} restore with it, and its savepoints restore in those builds.
 */
public final class AgentIdSerializer extends TypeSerializer<String> {
    private static final long serialVersionUID = 1L;

    /** Strings' lengths and non-ASCII characters are written 7 bits a byte, this bit for "more". */
    private static final int MORE = 0x80;

    private transient byte[] scratch;

    @Override
    public void serialize(String id, DataOutputView out) throws IOException {
        if (id == null) {
            StringValue.writeString(null, out);
            return;
        }
        int n = id.length();
        byte[] b = scratch(n + 5);
        int pos = 0;
        // StringValue's layout: the length plus one (0 is null), then each character.
        int length = n + 1;
        while (length >= MORE) {
            b[pos++] = (byte) (length | MORE);
            length >>>= 7;
        }
        b[pos++] = (byte) length;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c >= MORE) {
                StringValue.writeString(id, out);
                return;
            }
            b[pos++] = (byte) c;
        }
        out.write(b, 0, pos);
    }

    private byte[] scratch(int size) {
        if (scratch == null || scratch.length < size) {
            scratch = new byte[Math.max(64, size)];
        }
        return scratch;
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    @Override
    public String deserialize(String reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        StringValue.copyString(source, target);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new StringSerializer.StringSerializerSnapshot();
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    /** Its own scratch buffer per thread that serializes. */
    @Override
    public TypeSerializer<String> duplicate() {
        return new AgentIdSerializer();
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentIdSerializer;
    }

    @Override
    public int hashCode() {
        return AgentIdSerializer.class.hashCode();
    }
}

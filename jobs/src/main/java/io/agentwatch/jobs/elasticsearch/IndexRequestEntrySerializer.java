package io.agentwatch.jobs.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * Buffered documents in a checkpoint: index, id, body, update body, and whether it is a dead
 * letter.
 */
final class IndexRequestEntrySerializer extends AsyncSinkWriterStateSerializer<IndexRequestEntry> {
    @Override
    protected void serializeRequestToStream(IndexRequestEntry e, DataOutputStream out)
            throws IOException {
        out.writeUTF(e.index);
        out.writeUTF(e.id);
        out.writeInt(e.json.length);
        out.write(e.json);
        out.writeInt(e.update == null ? -1 : e.update.length);
        if (e.update != null) {
            out.write(e.update);
        }
        out.writeBoolean(e.deadLetter);
    }

    @Override
    protected IndexRequestEntry deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        String index = in.readUTF();
        String id = in.readUTF();
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        int updateLength = in.readInt();
        byte[] update = null;
        if (updateLength >= 0) {
            update = new byte[updateLength];
            in.readFully(update);
        }
        return new IndexRequestEntry(index, id, json, update, in.readBoolean());
    }

    @Override
    public int getVersion() {
        return 2;
    }
}

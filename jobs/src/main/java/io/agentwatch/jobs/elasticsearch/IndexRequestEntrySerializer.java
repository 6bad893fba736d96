package io.agentwatch.jobs.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Buffered documents in a checkpoint: index, id, body, and whether it is a dead letter. */
final class IndexRequestEntrySerializer extends AsyncSinkWriterStateSerializer<IndexRequestEntry> {
    @Override
    protected void serializeRequestToStream(IndexRequestEntry e, DataOutputStream out)
            throws IOException {
        out.writeUTF(e.index);
        out.writeUTF(e.id);
        out.writeInt(e.json.length);
        out.write(e.json);
        out.writeBoolean(e.deadLetter);
    }

    @Override
    protected IndexRequestEntry deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        String index = in.readUTF();
        String id = in.readUTF();
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return new IndexRequestEntry(index, id, json, in.readBoolean());
    }

    @Override
    public int getVersion() {
        return 1;
    }
}

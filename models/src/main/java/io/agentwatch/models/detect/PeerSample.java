package io.agentwatch.models.detect;

/** One agent's count of card-data searches in one closed active bucket, for its peer group. */
public class PeerSample {
    public String group;
    public String agentId;
    public long bucketStart;
    public int count;

    public PeerSample() {}

    public PeerSample(String group, String agentId, long bucketStart, int count) {
        this.group = group;
        this.agentId = agentId;
        this.bucketStart = bucketStart;
        this.count = count;
    }

    @Override
    public String toString() {
        return "PeerSample{" + group + " " + agentId + " @" + bucketStart + " = " + count + "}";
    }
}

package io.agentwatch.models.detect;

/**
 * Per-agent state of {@link CardSearchBurstDetector}: the agent's baseline (a few numbers) and the
 * card-data searches of the current window (bounded; null when the window is empty, which is most
 * of the time). A Flink POJO.
 */
public class CardSearchBurstState {
    public RobustRate rate = new RobustRate();
    public BucketCount bucket = new BucketCount();

    /** Event times of card-data searches in the window, ascending; {@code windowSize} are used. */
    public long[] windowTimes;

    public String[] windowEventIds;
    public int windowSize;

    public boolean inEpisode;

    public CardSearchBurstState() {}

    public boolean windowEmpty() {
        return windowSize == 0;
    }

    /** Event time of the newest search in the window, or {@link Long#MIN_VALUE} when empty. */
    public long newestInWindow() {
        return windowSize == 0 ? Long.MIN_VALUE : windowTimes[windowSize - 1];
    }
}

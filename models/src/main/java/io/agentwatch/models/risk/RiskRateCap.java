package io.agentwatch.models.risk;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import java.io.Serializable;

/**
 * Caps agent-risk documents at one per agent per {@code risk.min_interval} (event time): a change
 * of level always goes out at once; other changes within the interval are held back, and the latest
 * of them goes out when the interval ends, so a leaderboard never shows a stale risk for long.
 */
public final class RiskRateCap implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long intervalMillis;

    public RiskRateCap(Settings settings) {
        this.intervalMillis = settings.get(AgentwatchOptions.RISK_MIN_INTERVAL).toMillis();
    }

    /**
     * Offers a change: returns it when it may go out now, else holds it back and returns null (then
     * call {@link #flush} at {@link #dueAt}).
     */
    public AgentRisk offer(RiskState s, AgentRisk change) {
        boolean levelChanged = !RiskScorer.level(change.previousRisk).equals(change.level);
        if (levelChanged
                || s.lastEmitted == Long.MIN_VALUE
                || change.timestamp - s.lastEmitted >= intervalMillis) {
            s.lastEmitted = change.timestamp;
            s.heldBack = null;
            return change;
        }
        s.heldBack = change;
        return null;
    }

    /** When the change held back may go out. */
    public long dueAt(RiskState s) {
        return s.lastEmitted + intervalMillis;
    }

    /** The change held back, if any, now due; it counts as emitted. */
    public AgentRisk flush(RiskState s) {
        AgentRisk held = s.heldBack;
        if (held != null) {
            s.heldBack = null;
            s.lastEmitted = Math.max(s.lastEmitted, held.timestamp);
        }
        return held;
    }
}

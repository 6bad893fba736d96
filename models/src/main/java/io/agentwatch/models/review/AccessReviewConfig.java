package io.agentwatch.models.review;

import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.Settings;
import java.io.Serializable;

/** The access review's thresholds; see {@link AgentwatchOptions} for their meanings. */
public final class AccessReviewConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Agents listed as evidence per field at most. */
    public static final int MAX_EVIDENCE = 10;

    public final double maskMaxAgentShare;
    public final double keepMinAgentShare;
    public final double keepMinTicketShare;
    public final int minAgents;

    public AccessReviewConfig(Settings s) {
        maskMaxAgentShare = s.get(AgentwatchOptions.ACCESS_REVIEW_MASK_MAX_AGENT_SHARE);
        keepMinAgentShare = s.get(AgentwatchOptions.ACCESS_REVIEW_KEEP_MIN_AGENT_SHARE);
        keepMinTicketShare = s.get(AgentwatchOptions.ACCESS_REVIEW_KEEP_MIN_TICKET_SHARE);
        minAgents = s.get(AgentwatchOptions.ACCESS_REVIEW_MIN_AGENTS);
        if (maskMaxAgentShare >= keepMinAgentShare) {
            throw new IllegalArgumentException(
                    "access_review.mask_max_agent_share ("
                            + maskMaxAgentShare
                            + ") must be below access_review.keep_min_agent_share ("
                            + keepMinAgentShare
                            + ")");
        }
    }
}

package io.agentwatch.jobs.functions;

import io.agentwatch.jobs.types.AccessEventType;
import io.agentwatch.jobs.types.SerializerType;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.PeerBaseline;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.ml.ModelUpdate;
import io.agentwatch.models.output.DeadLetter;
import io.agentwatch.models.review.AgentAccessUsage;
import io.agentwatch.models.risk.AgentRisk;
import java.time.Duration;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/** Output tags and broadcast-state descriptors shared between the job and its functions. */
public final class Descriptors {
    private Descriptors() {}

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Valid events after the per-agent detectors, enriched with the agent's baseline. */
    public static final OutputTag<AccessEvent> ENRICHED_EVENTS =
            new OutputTag<>("enriched-events", AccessEventType.INFO);

    /** What the model bundles found, live and shadow ({@link Finding#shadow}). */
    /** Each agent's use of customer data fields in a review period, once the period closes. */
    public static final OutputTag<AgentAccessUsage> ACCESS_USAGE =
            new OutputTag<>("access-usage", SerializerType.ACCESS_USAGE);

    public static final OutputTag<Finding> MODEL_FINDINGS =
            new OutputTag<>("model-findings", TypeInformation.of(Finding.class));

    public static final OutputTag<AgentRisk> AGENT_RISK =
            new OutputTag<>("agent-risk", TypeInformation.of(AgentRisk.class));

    /** Peer group ({@link io.agentwatch.models.detect.PeerGroups}) to its baseline, broadcast. */
    public static final MapStateDescriptor<String, PeerBaseline> PEER_BASELINES =
            new MapStateDescriptor<>(
                    "peer-baselines", Types.STRING, TypeInformation.of(PeerBaseline.class));

    /** Settings changed at runtime by rule updates (key to value), and their generation. */
    public static final MapStateDescriptor<String, String> RULE_SETTINGS =
            new MapStateDescriptor<>("rule-settings", Types.STRING, Types.STRING);

    /** Model slot ({@link io.agentwatch.models.ml.ModelUpdate#LIVE} or shadow) to its bundle. */
    public static final MapStateDescriptor<String, ModelUpdate> MODELS =
            new MapStateDescriptor<>(
                    "model-bundles", Types.STRING, TypeInformation.of(ModelUpdate.class));

    /**
     * Per-agent state that is dropped when not touched for {@code ttlMillis} (departed agents), so
     * state stays bounded. Returns the descriptor.
     */
    public static <T> ValueStateDescriptor<T> expiring(ValueStateDescriptor<T> d, long ttlMillis) {
        d.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofMillis(ttlMillis))
                        // The heap backend visits this many entries for expiry on every state
                        // access (Flink's default is 5): one still sweeps all agents many times a
                        // day at any event rate, at a fifth of the cost per event.
                        .cleanupIncrementally(1, false)
                        .build());
        return d;
    }

    /** Accumulator names, read by the CLI for progress and the summary. */
    public static final String EVENTS_IN = "events-in";

    public static final String EVENTS_VALID = "events-valid";
    public static final String DEAD_LETTER_COUNT = "dead-letters";
    public static final String FINDING_COUNT = "findings";

    /** Agent-hours a model scored, and model findings (live and shadow). */
    public static final String MODEL_WINDOWS = "model-windows";

    public static final String MODEL_FINDING_COUNT = "model-findings";

    /** Alerts opened (not their later revisions). */
    public static final String ALERT_COUNT = "alerts";
}

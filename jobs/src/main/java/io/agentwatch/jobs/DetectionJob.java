package io.agentwatch.jobs;

import io.agentwatch.jobs.functions.AccessReviewDocument;
import io.agentwatch.jobs.functions.AccessReviewFunction;
import io.agentwatch.jobs.functions.AgentDetectorsFunction;
import io.agentwatch.jobs.functions.AgentRiskFunction;
import io.agentwatch.jobs.functions.Control;
import io.agentwatch.jobs.functions.ControlWatermarks;
import io.agentwatch.jobs.functions.Descriptors;
import io.agentwatch.jobs.functions.ParseAndMaskFunction;
import io.agentwatch.jobs.functions.PeerBaselineFunction;
import io.agentwatch.jobs.functions.PeerSampleFunction;
import io.agentwatch.jobs.functions.PeerSampleInputs;
import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.jobs.types.AccessEventType;
import io.agentwatch.jobs.types.SerializerType;
import io.agentwatch.models.config.AgentwatchOptions;
import io.agentwatch.models.config.RuleUpdate;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.PeerBaselineEstimator;
import io.agentwatch.models.detect.PeerSample;
import io.agentwatch.models.detect.PeerSampler;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.ModelUpdate;
import io.agentwatch.models.review.AccessReviewConfig;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.risk.AlertEpisodes;
import io.agentwatch.models.risk.RiskRateCap;
import io.agentwatch.models.risk.RiskScorer;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The detection pipeline, top to bottom: raw records in; masked events, detector and model
 * findings, alerts raised from each agent's risk, agent risk, the access review and dead letters
 * out. It is handed its input stream; callers attach sources and sinks (the CLI attaches files,
 * tests attach collectors), so the same wiring runs in the demo, in production and in tests.
 */
public final class DetectionJob {
    /** How late an event may arrive (event time) and still be judged in order. */
    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(30);

    /** A parallel input with no records for this long stops holding back event time. */
    public static final Duration IDLENESS = Duration.ofMinutes(1);

    private final Settings settings;
    private final String sensitivityRules;
    private final Map<String, BundleFiles> models;

    /**
     * @param sensitivityRules path of a sensitivity rules file, or null for the defaults
     */
    public DetectionJob(Settings settings, String sensitivityRules) {
        this(settings, sensitivityRules, Map.of());
    }

    /**
     * @param models model bundles to score with from the start, by slot ({@link ModelUpdate#LIVE},
     *     {@link ModelUpdate#SHADOW}); empty for none
     */
    public DetectionJob(
            Settings settings, String sensitivityRules, Map<String, BundleFiles> models) {
        this.settings = settings;
        this.sensitivityRules = sensitivityRules;
        this.models = Map.copyOf(models);
    }

    public DetectionStreams wire(DataStream<RawLine> raw) {
        return wire(raw, null, null);
    }

    public DetectionStreams wire(DataStream<RawLine> raw, DataStream<RuleUpdate> ruleUpdates) {
        return wire(raw, ruleUpdates, null);
    }

    /**
     * @param ruleUpdates rule files sent while the job runs (e.g. from a control topic), or null
     * @param modelUpdates model bundles swapped in while the job runs, or null; with neither these
     *     nor bundles at start, no model scores (and no feature state is kept)
     */
    public DetectionStreams wire(
            DataStream<RawLine> raw,
            DataStream<RuleUpdate> ruleUpdates,
            DataStream<ModelUpdate> modelUpdates) {
        CardSearchBurstConfig cardConfig = new CardSearchBurstConfig(settings);
        long ttl = settings.get(AgentwatchOptions.AGENT_STATE_TTL).toMillis();

        SingleOutputStreamOperator<AccessEvent> parsed =
                raw.process(new ParseAndMaskFunction(sensitivityRules), AccessEventType.INFO)
                        .uid("parse-and-mask")
                        .name("Parse, validate, classify, mask")
                        // Chained to the source: a rebalance here would reorder one agent's events
                        // (a file has one reader), and detectors judge events in arrival order.
                        .setParallelism(raw.getParallelism());

        DataStream<AccessEvent> timed =
                parsed.assignTimestampsAndWatermarks(
                                WatermarkStrategy.<AccessEvent>forBoundedOutOfOrderness(
                                                MAX_OUT_OF_ORDERNESS)
                                        .withTimestampAssigner((e, previous) -> e.timestamp)
                                        .withIdleness(IDLENESS))
                        .uid("event-time")
                        .name("Event time and watermarks");

        // Peer sampling runs on a branch of its own, fed the few fields it reads of the events
        // that can change an agent's samples: its baselines are broadcast into the detectors
        // below, and a job graph cannot have cycles.
        PeerSampler peerSampler = PeerSampler.of(settings);
        DataStream<PeerSample> samples =
                timed.flatMap(new PeerSampleInputs(peerSampler))
                        .returns(AccessEventType.INFO)
                        .uid("peer-sampled-fields")
                        .name("The fields peer sampling reads, of events that can change samples")
                        .keyBy(e -> e.agentId, SerializerType.AGENT_ID)
                        .process(
                                new PeerSampleFunction(peerSampler, ttl),
                                TypeInformation.of(PeerSample.class))
                        .uid("peer-sampler")
                        .name("Sample agent windows and days for peer baselines");

        DataStream<Control> control =
                samples.keyBy(s -> s.group, Types.STRING)
                        .process(
                                new PeerBaselineFunction(
                                        new PeerBaselineEstimator(
                                                cardConfig,
                                                settings.get(AgentwatchOptions.PEER_EMIT_EVERY))))
                        .uid("peer-baselines")
                        .name("Peer baselines by role and team")
                        .map(Control::of)
                        .returns(Control.class)
                        .uid("peer-baselines-control")
                        .name("Peer baseline to control");
        if (ruleUpdates != null) {
            control =
                    control.union(
                            ruleUpdates
                                    .map(Control::of)
                                    .returns(Control.class)
                                    .uid("rule-updates-control")
                                    .name("Rule update to control"));
        }
        if (modelUpdates != null) {
            control =
                    control.union(
                            modelUpdates
                                    .map(Control::of)
                                    .returns(Control.class)
                                    .uid("model-updates-control")
                                    .name("Model bundle to control"));
        }
        BroadcastStream<Control> broadcast =
                control.assignTimestampsAndWatermarks(ControlWatermarks.strategy())
                        .uid("control-event-time")
                        .name("Control holds back no event time")
                        .broadcast(
                                Descriptors.PEER_BASELINES,
                                Descriptors.RULE_SETTINGS,
                                Descriptors.MODELS);

        KeyedStream<AccessEvent, String> byAgent =
                timed.keyBy(e -> e.agentId, SerializerType.AGENT_ID);
        // With neither bundles at start nor a model update stream, no model scores and no agent
        // keeps feature state.
        boolean scoresModels = !models.isEmpty() || modelUpdates != null;
        SingleOutputStreamOperator<Finding> findings =
                byAgent.connect(broadcast)
                        .process(
                                new AgentDetectorsFunction(
                                        settings, scoresModels ? models : null, ttl),
                                TypeInformation.of(Finding.class))
                        .uid("agent-detectors")
                        .name(
                                "Detect card_search_burst, behaviour (bulk, travel, country, hours,"
                                        + " logins, reveals, dormancy), score agent-hours, count"
                                        + " use of customer data");
        DataStream<Finding> modelFindings =
                scoresModels ? findings.getSideOutput(Descriptors.MODEL_FINDINGS) : null;

        // Judged events (duplicates left out), enriched.
        DataStream<AccessEvent> judged = findings.getSideOutput(Descriptors.ENRICHED_EVENTS);

        // What each role and team really uses of customer data: each agent's use per period
        // (counted by the detectors, in the agent's state), then the period's review once event
        // time passes its end.
        DataStream<AccessReviewDocument> accessReview =
                findings.getSideOutput(Descriptors.ACCESS_USAGE)
                        .keyBy(u -> u.periodStart, Types.LONG)
                        .process(
                                new AccessReviewFunction(
                                        new AccessReviewConfig(settings), sensitivityRules))
                        .uid("access-review")
                        .name("Access review per period: mask, keep or review per role and field");

        SingleOutputStreamOperator<Alert> alerts =
                findings.keyBy(f -> f.agentId, SerializerType.AGENT_ID)
                        .process(
                                new AgentRiskFunction(
                                        new RiskScorer(settings),
                                        new AlertEpisodes(settings),
                                        new RiskRateCap(settings),
                                        ttl))
                        .uid("agent-risk")
                        .name("Agent risk and alerts");

        return new DetectionStreams(
                judged,
                findings,
                alerts,
                parsed.getSideOutput(Descriptors.DEAD_LETTERS)
                        .union(findings.getSideOutput(Descriptors.DEAD_LETTERS)),
                alerts.getSideOutput(Descriptors.AGENT_RISK),
                modelFindings,
                accessReview);
    }
}

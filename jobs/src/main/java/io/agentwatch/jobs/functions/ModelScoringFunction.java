package io.agentwatch.jobs.functions;

import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.ModelAnomalyDetector;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.features.AgentFeatureState;
import io.agentwatch.models.features.FeatureExtractor;
import io.agentwatch.models.features.FeatureWindow;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.ModelUpdate;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by agent: builds the agent's hour feature vectors with the same {@link FeatureExtractor}
 * the offline tools use, closes an hour when a later one starts or an event-time timer at its end
 * fires, and scores it with the live and the shadow bundle ({@link ModelAnomalyDetector}). Bundles
 * arrive at start (constructor) and while the job runs (broadcast {@link ModelUpdate}s, kept in
 * broadcast state, so a restored job scores with the bundle it last had). A bundle that fails to
 * load or has another feature schema is logged and ignored: the previous one stays in force.
 */
public class ModelScoringFunction
        extends KeyedBroadcastProcessFunction<String, AccessEvent, Control, Finding> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelScoringFunction.class);
    private static final String[] SLOTS = {ModelUpdate.LIVE, ModelUpdate.SHADOW};

    private final RuntimeRules<ModelAnomalyDetector> rules;
    private final Map<String, BundleFiles> initial;
    private final long stateTtlMillis;
    private final FeatureExtractor extractor = new FeatureExtractor();
    private transient ValueState<AgentFeatureState> state;
    private transient Map<String, Loaded> loaded;
    private transient LongCounter windows;
    private transient LongCounter modelFindings;
    private transient LongCounter findings;

    /** A parsed bundle and the files it came from (to notice a swap). */
    private record Loaded(BundleFiles files, ModelBundle bundle) {}

    /**
     * @param initial bundle files by slot ({@link ModelUpdate#LIVE}, {@link ModelUpdate#SHADOW});
     *     either may be absent
     */
    public ModelScoringFunction(
            Settings settings, Map<String, BundleFiles> initial, long stateTtlMillis) {
        this.rules = new RuntimeRules<>(settings, ModelAnomalyDetector::new);
        this.initial = new HashMap<>(initial);
        this.stateTtlMillis = stateTtlMillis;
    }

    static ValueStateDescriptor<AgentFeatureState> stateDescriptor() {
        return new ValueStateDescriptor<>("agent-hour-features", AgentFeatureState.class);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        state =
                getRuntimeContext()
                        .getState(Descriptors.expiring(stateDescriptor(), stateTtlMillis));
        windows = getRuntimeContext().getLongCounter(Descriptors.MODEL_WINDOWS);
        modelFindings = getRuntimeContext().getLongCounter(Descriptors.MODEL_FINDING_COUNT);
        findings = getRuntimeContext().getLongCounter(Descriptors.FINDING_COUNT);
        loaded = new HashMap<>();
        for (Map.Entry<String, BundleFiles> e : initial.entrySet()) {
            Loaded l = load(e.getKey(), e.getValue());
            if (l == null) {
                throw new IllegalArgumentException(
                        "the "
                                + e.getKey()
                                + " model bundle "
                                + e.getValue().source
                                + " is unusable");
            }
            loaded.put(e.getKey(), l);
        }
    }

    @Override
    public void processElement(AccessEvent e, ReadOnlyContext ctx, Collector<Finding> out)
            throws Exception {
        AgentFeatureState s = state.value();
        if (s == null) {
            s = new AgentFeatureState();
        }
        long openEnd = FeatureExtractor.openWindowEnd(s);
        FeatureWindow closed = extractor.onEvent(s, e);
        long nowEnd = FeatureExtractor.openWindowEnd(s);
        if (nowEnd != openEnd) {
            if (closed != null) {
                ctx.timerService().deleteEventTimeTimer(openEnd);
            }
            ctx.timerService().registerEventTimeTimer(nowEnd);
        }
        if (closed != null) {
            score(closed, ctx, out);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out)
            throws Exception {
        AgentFeatureState s = state.value();
        // The hour may have been closed already by a later hour's event.
        if (s == null || FeatureExtractor.openWindowEnd(s) != timestamp) {
            return;
        }
        FeatureWindow closed = extractor.close(s, ctx.getCurrentKey());
        state.update(s);
        score(closed, ctx, out);
    }

    private void score(FeatureWindow w, ReadOnlyContext ctx, Collector<Finding> out)
            throws Exception {
        ModelAnomalyDetector detector =
                rules.current(ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
        ReadOnlyBroadcastState<String, ModelUpdate> sent =
                ctx.getBroadcastState(Descriptors.MODELS);
        boolean scored = false;
        for (String slot : SLOTS) {
            ModelBundle bundle = bundle(slot, sent.get(slot));
            if (bundle == null) {
                continue;
            }
            scored = true;
            Finding f = detector.score(bundle, w, ModelUpdate.isShadow(slot));
            if (f != null) {
                modelFindings.add(1);
                if (!f.shadow) {
                    findings.add(1);
                }
                out.collect(f);
            }
        }
        if (scored) {
            windows.add(1);
        }
    }

    /** The slot's bundle: the one last broadcast, else the one given at start; null if none. */
    private ModelBundle bundle(String slot, ModelUpdate sent) {
        Loaded current = loaded.get(slot);
        // Called for every closed agent-hour: the broadcast object seen last is the common case,
        // so bundle bytes (~100 KB) are compared only when the object changed.
        if (sent != null && (current == null || sent.bundle != current.files)) {
            if (current != null && sent.bundle.sameAs(current.files)) {
                // The same bundle (e.g. restored from a checkpoint): remember this object.
                current = new Loaded(sent.bundle, current.bundle);
            } else {
                // A restored job, or an instance that has not parsed this broadcast bundle yet.
                Loaded l = load(slot, sent.bundle);
                // Unusable after a restore with another build: keep the bundle in force, try once.
                current =
                        l != null
                                ? l
                                : new Loaded(sent.bundle, current == null ? null : current.bundle);
            }
            loaded.put(slot, current);
        }
        return current == null ? null : current.bundle;
    }

    private static Loaded load(String slot, BundleFiles files) {
        try {
            return new Loaded(files, ModelAnomalyDetector.readScorable(files));
        } catch (Exception e) {
            LOG.error("Model bundle for the {} slot ignored: {}", slot, e.getMessage());
            return null;
        }
    }

    @Override
    public void processBroadcastElement(Control control, Context ctx, Collector<Finding> out)
            throws Exception {
        if (control.rule != null) {
            RuntimeRules.apply(control.rule, ctx.getBroadcastState(Descriptors.RULE_SETTINGS));
        }
        ModelUpdate update = control.model;
        if (update == null || update.bundle == null) {
            return;
        }
        if (!ModelUpdate.LIVE.equals(update.slot) && !ModelUpdate.SHADOW.equals(update.slot)) {
            LOG.error("Model update ignored: unknown slot '{}'", update.slot);
            return;
        }
        BroadcastState<String, ModelUpdate> models = ctx.getBroadcastState(Descriptors.MODELS);
        Loaded current = loaded.get(update.slot);
        if (current != null && update.bundle.sameAs(current.files)) {
            return;
        }
        Loaded l = load(update.slot, update.bundle);
        if (l == null) {
            return;
        }
        loaded.put(update.slot, l);
        models.put(update.slot, update);
        LOG.info(
                "Model bundle {} now scores as {} (from {})",
                l.bundle.id(),
                update.slot,
                update.bundle.source);
    }
}

package io.agentwatch.jobs.functions;

import io.agentwatch.models.detect.ModelAnomalyDetector;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.ModelUpdate;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model bundles an operator instance scores with, by slot ({@link ModelUpdate#LIVE}, {@link
 * ModelUpdate#SHADOW}). Bundles arrive at start (constructor) and while the job runs (broadcast
 * {@link ModelUpdate}s, kept in broadcast state, so a restored job scores with the bundle it last
 * had). A bundle that fails to load or has another feature schema is logged and ignored: the
 * previous one stays in force.
 */
final class ModelSlots implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelSlots.class);
    static final String[] SLOTS = {ModelUpdate.LIVE, ModelUpdate.SHADOW};

    private final Map<String, BundleFiles> initial;
    private transient Map<String, Loaded> loaded;

    /** A parsed bundle and the files it came from (to notice a swap). */
    private record Loaded(BundleFiles files, ModelBundle bundle) {}

    /**
     * @param initial bundle files by slot; either may be absent
     */
    ModelSlots(Map<String, BundleFiles> initial) {
        this.initial = new HashMap<>(initial);
    }

    /** Parses the bundles given at start; one that is unusable stops the job before it runs. */
    void open() {
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

    /** The slot's bundle: the one last broadcast, else the one given at start; null if none. */
    ModelBundle bundle(String slot, ReadOnlyBroadcastState<String, ModelUpdate> sentState)
            throws Exception {
        ModelUpdate sent = sentState.get(slot);
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

    /** A bundle broadcast while the job runs: loaded and kept in broadcast state if usable. */
    void onUpdate(ModelUpdate update, BroadcastState<String, ModelUpdate> models) throws Exception {
        if (update == null || update.bundle == null) {
            return;
        }
        if (!ModelUpdate.LIVE.equals(update.slot) && !ModelUpdate.SHADOW.equals(update.slot)) {
            LOG.error("Model update ignored: unknown slot '{}'", update.slot);
            return;
        }
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

    private static Loaded load(String slot, BundleFiles files) {
        try {
            return new Loaded(files, ModelAnomalyDetector.readScorable(files));
        } catch (Exception e) {
            LOG.error("Model bundle for the {} slot ignored: {}", slot, e.getMessage());
            return null;
        }
    }
}

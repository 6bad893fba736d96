package io.agentwatch.jobs.functions;

import io.agentwatch.models.config.RuleFiles;
import io.agentwatch.models.config.RuleUpdate;
import io.agentwatch.models.config.Settings;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule changes at runtime: a validated rule update goes into broadcast state (so every instance,
 * and every checkpoint, has it) with a generation number for the log; each detector instance
 * rebuilds what it derives from the settings (its detector, {@code T}) after it opens and after
 * each update it applies. A bad update is logged and ignored: it never stops the job and never
 * half-applies.
 */
final class RuntimeRules<T> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeRules.class);
    static final String GENERATION = "__generation";

    private final Settings base;
    private final SerializableFunction<Settings, T> build;
    private transient T current;

    /**
     * @param build what the operator makes of the settings in force (e.g. its detector)
     */
    RuntimeRules(Settings base, SerializableFunction<Settings, T> build) {
        this.base = base;
        this.build = build;
    }

    /**
     * Applies an update to broadcast state, and drops what was built from the rules before it;
     * false (and a log line) when it is invalid.
     */
    boolean apply(RuleUpdate update, BroadcastState<String, String> state) throws Exception {
        Map<String, String> settings;
        try {
            settings =
                    RuleFiles.parse(
                            Map.of(
                                    update.file == null ? "?" : update.file,
                                    update.json == null ? "" : update.json));
        } catch (IllegalArgumentException e) {
            LOG.error("Rule update ignored: {}", e.getMessage());
            return false;
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            state.put(e.getKey(), e.getValue());
        }
        String generation = state.get(GENERATION);
        long next = generation == null ? 1 : Long.parseLong(generation) + 1;
        state.put(GENERATION, Long.toString(next));
        current = null;
        LOG.info("Rules updated from {} (generation {}): {}", update.file, next, settings);
        return true;
    }

    /**
     * What was built from the settings in force, or null when nothing has been since this instance
     * opened or its last {@link #apply}: then {@link #current(ReadOnlyBroadcastState)}. Broadcast
     * state changes only through this instance's own {@link #apply} or a restore (which opens a new
     * instance), so the common case, every event, reads no state at all.
     */
    T cached() {
        return current;
    }

    /** Built from the settings in force: the base ones with every applied update. */
    T current(ReadOnlyBroadcastState<String, String> state) throws Exception {
        if (current == null) {
            Map<String, String> changes = new HashMap<>();
            for (Map.Entry<String, String> e : state.immutableEntries()) {
                if (!e.getKey().equals(GENERATION)) {
                    changes.put(e.getKey(), e.getValue());
                }
            }
            current = build.apply(changes.isEmpty() ? base : base.with(changes));
        }
        return current;
    }
}

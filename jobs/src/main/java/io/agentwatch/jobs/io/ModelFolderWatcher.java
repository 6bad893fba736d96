package io.agentwatch.jobs.io;

import io.agentwatch.models.detect.ModelAnomalyDetector;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.ModelUpdate;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches model bundle folders (one per slot: live, shadow) and emits a {@link ModelUpdate} when a
 * folder holds a new, complete bundle, so a data scientist swaps a model by replacing the folder's
 * files. A bundle half-written (its checksum does not match yet) is not sent; it is tried again at
 * the next poll. A poll with no change emits a placeholder ({@link #isChange} false), which the job
 * filters out. The first poll sends what the folders hold, so a job restored from a checkpoint
 * takes the bundles on disk.
 */
public final class ModelFolderWatcher implements GeneratorFunction<Long, ModelUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelFolderWatcher.class);

    static final double POLLS_PER_SECOND = 1;

    private final LinkedHashMap<String, String> folders;
    private transient Map<String, BundleFiles> sent;
    private transient Map<String, String> refused;

    /**
     * @param folders bundle folder by slot ({@link ModelUpdate#LIVE}, {@link ModelUpdate#SHADOW})
     */
    public ModelFolderWatcher(Map<String, Path> folders) {
        this.folders = new LinkedHashMap<>();
        folders.forEach(
                (slot, folder) -> this.folders.put(slot, folder.toAbsolutePath().toString()));
    }

    /** An endless, rate-limited source of bundle changes (run it at parallelism 1). */
    public static DataGeneratorSource<ModelUpdate> source(Map<String, Path> folders) {
        return new DataGeneratorSource<>(
                new ModelFolderWatcher(folders),
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(POLLS_PER_SECOND),
                TypeInformation.of(ModelUpdate.class));
    }

    /** False for the placeholder a poll without a change emits. */
    public static boolean isChange(ModelUpdate u) {
        return u.slot != null && u.bundle != null;
    }

    @Override
    public ModelUpdate map(Long poll) {
        if (sent == null) {
            sent = new HashMap<>();
            refused = new HashMap<>();
        }
        for (Map.Entry<String, String> f : folders.entrySet()) {
            String slot = f.getKey();
            BundleFiles files;
            try {
                files = BundleFiles.read(Path.of(f.getValue()));
            } catch (Exception e) {
                warnOnce(slot, e.getMessage());
                continue;
            }
            if (files.sameAs(sent.get(slot))) {
                continue;
            }
            try {
                ModelAnomalyDetector.readScorable(files);
            } catch (Exception e) {
                warnOnce(slot, e.getMessage());
                continue;
            }
            sent.put(slot, files);
            refused.remove(slot);
            return new ModelUpdate(slot, files);
        }
        return new ModelUpdate();
    }

    /** One line per distinct problem: a bundle being written fails a few polls in a row. */
    private void warnOnce(String slot, String problem) {
        if (!problem.equals(refused.put(slot, problem))) {
            LOG.warn("Model bundle for the {} slot not (yet) usable: {}", slot, problem);
        }
    }
}

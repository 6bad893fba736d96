package io.agentwatch.jobs.io;

import io.agentwatch.models.config.RuleUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder of rule files ({@code <id>.json}) and emits a {@link RuleUpdate} for each file
 * that is new or changed, so edits apply to the running job like updates on the control topic.
 * Flink's {@link DataGeneratorSource} calls it a few times a second; a poll with no change emits a
 * placeholder ({@link #isChange} false), which the job filters out. The first poll emits every
 * file: after a restore, rule state from the checkpoint is brought back in line with the files on
 * disk.
 */
public final class RuleFolderWatcher implements GeneratorFunction<Long, RuleUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleFolderWatcher.class);

    /** Polls per second: a saved rule applies within half a second. */
    static final double POLLS_PER_SECOND = 2;

    private final String folder;
    private transient Map<String, String> seen;

    public RuleFolderWatcher(Path folder) {
        this.folder = folder.toAbsolutePath().toString();
    }

    /** An endless, rate-limited source of rule changes in the folder (run it at parallelism 1). */
    public static DataGeneratorSource<RuleUpdate> source(Path folder) {
        return new DataGeneratorSource<>(
                new RuleFolderWatcher(folder),
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(POLLS_PER_SECOND),
                TypeInformation.of(RuleUpdate.class));
    }

    /** False for the placeholder a poll without a change emits. */
    public static boolean isChange(RuleUpdate u) {
        return u.file != null && !u.file.isEmpty();
    }

    @Override
    public RuleUpdate map(Long poll) {
        if (seen == null) {
            seen = new HashMap<>();
        }
        for (Path file : ruleFiles()) {
            String name = file.getFileName().toString();
            String json;
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                LOG.warn("Rule file {} could not be read ({}); trying again", file, e.toString());
                continue;
            }
            if (!json.equals(seen.get(name))) {
                seen.put(name, json);
                return new RuleUpdate(name, json);
            }
        }
        return new RuleUpdate("", "");
    }

    private List<Path> ruleFiles() {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            return files.filter(
                            p -> {
                                String n = p.getFileName().toString();
                                return n.endsWith(".json")
                                        && !n.startsWith(".")
                                        && Files.isRegularFile(p);
                            })
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            LOG.warn("Rules folder {} could not be listed ({})", folder, e.toString());
            return List.of();
        }
    }
}

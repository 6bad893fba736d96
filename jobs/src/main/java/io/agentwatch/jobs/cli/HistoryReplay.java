package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.DetectionJob;
import io.agentwatch.jobs.DetectionStreams;
import io.agentwatch.jobs.io.FileInputs;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.risk.Alert;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Event files through the real pipeline on a local MiniCluster, with given rules and model bundles;
 * the latest revision of every alert (it holds all the alert's findings). What the scenario
 * evaluation and the backtest judge.
 */
final class HistoryReplay {
    private HistoryReplay() {}

    static Map<String, Alert> latestAlerts(
            Path input,
            Settings settings,
            String sensitivityRules,
            Map<String, BundleFiles> models,
            int parallelism,
            String name)
            throws Exception {
        StreamExecutionEnvironment env = LocalJobRunner.environment(parallelism, false);
        DetectionStreams streams =
                new DetectionJob(settings, sensitivityRules, models)
                        .wire(
                                env.fromSource(
                                                FileInputs.source(input),
                                                WatermarkStrategy.noWatermarks(),
                                                "History")
                                        // One reader keeps each agent's events in file order.
                                        .setParallelism(1));
        Map<String, Alert> latest = new HashMap<>();
        // executeAndCollect reads while the job runs: a local MiniCluster is gone once it ends.
        try (CloseableIterator<Alert> it = streams.alerts.executeAndCollect(name)) {
            it.forEachRemaining(
                    a -> latest.merge(a.alertId, a, (x, y) -> y.revision > x.revision ? y : x));
        }
        return latest;
    }
}

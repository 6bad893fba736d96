package io.agentwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.io.FileInputs;
import io.agentwatch.jobs.io.ModelFolderWatcher;
import io.agentwatch.jobs.testing.Logs;
import io.agentwatch.jobs.testing.MiniClusters;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.detect.Finding;
import io.agentwatch.models.detect.ModelAnomalyDetector;
import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.ContractWriter;
import io.agentwatch.models.event.EventFiles;
import io.agentwatch.models.features.FeatureTable;
import io.agentwatch.models.features.FeatureWindow;
import io.agentwatch.models.ml.BundleFiles;
import io.agentwatch.models.ml.Dataset;
import io.agentwatch.models.ml.ModelBundle;
import io.agentwatch.models.ml.ModelUpdate;
import io.agentwatch.models.ml.RobustZScoreModel;
import io.agentwatch.models.ml.SyntheticData;
import io.agentwatch.models.ml.Trainer;
import io.agentwatch.models.risk.Alert;
import io.agentwatch.models.risk.AlertFinding;
import io.agentwatch.models.sensitivity.EventSanitizer;
import io.agentwatch.models.sensitivity.FieldClassifier;
import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import io.agentwatch.models.testing.TestEvents;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job scoring with a model bundle on a MiniCluster: over a simulated stream it finds exactly
 * the hours the offline tools find with the same bundle (one feature definition: no drift), and its
 * alerts name the bundle; a bundle saved into the watched folder replaces the live one while the
 * job runs.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ModelScoringITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final SimulationConfig SMALL =
            new SimulationConfig(11, 40, 3, SimulationConfig.DEFAULT_START, 5_000);

    @TempDir Path dir;

    private static Path simulate(SimulationConfig config, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            new ContactCentreSimulator(config).run(out, null);
        }
        return file;
    }

    private static List<FeatureWindow> offlineFeatures(Path events) throws Exception {
        EventFiles files = new EventFiles(new EventSanitizer(FieldClassifier.defaults()));
        FeatureTable table = new FeatureTable(null);
        files.read(events, table::add, bad -> {});
        return table.finish();
    }

    private static BundleFiles save(ModelBundle b, Path folder) throws Exception {
        b.save(folder);
        return BundleFiles.read(folder);
    }

    private static String key(Finding f) {
        return f.agentId + "@" + f.start;
    }

    @Test
    void overASimulatedStreamTheJobFindsTheHoursTheOfflineToolsFindAndAlertsNameTheBundle()
            throws Exception {
        // Trained on another simulated week of the same centre (another seed).
        Path history =
                simulate(
                        new SimulationConfig(12, 40, 7, SimulationConfig.DEFAULT_START, 5_000),
                        dir.resolve("history.ndjson"));
        ModelBundle bundle =
                Trainer.train(
                        Dataset.of(offlineFeatures(history), false),
                        new Trainer.Options(),
                        m -> {});
        BundleFiles files = save(bundle, dir.resolve("bundle"));
        Path input = simulate(SMALL, dir.resolve("events.ndjson"));

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DetectionStreams streams =
                new DetectionJob(Settings.defaults(), null, Map.of(ModelUpdate.LIVE, files))
                        .wire(
                                env.fromSource(
                                                FileInputs.source(input),
                                                WatermarkStrategy.noWatermarks(),
                                                "events")
                                        .setParallelism(1));
        List<Finding> modelFindings = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        try (CloseableIterator<Finding> f = streams.modelFindings.collectAsync();
                CloseableIterator<Alert> a = streams.alerts.collectAsync()) {
            env.execute("model-scoring-it");
            f.forEachRemaining(modelFindings::add);
            a.forEachRemaining(alerts::add);
        }

        ModelAnomalyDetector detector = new ModelAnomalyDetector(Settings.defaults());
        Set<String> offline = new TreeSet<>();
        for (FeatureWindow w : offlineFeatures(input)) {
            Finding found = detector.score(bundle, w, false);
            if (found != null) {
                offline.add(key(found));
            }
        }
        assertThat(offline).as("the simulated scenarios give the model odd hours").isNotEmpty();
        Set<String> inJob =
                modelFindings.stream()
                        .map(ModelScoringITCase::key)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(inJob)
                .as("the job's model findings are the offline tools' (same features, same bundle)")
                .isEqualTo(offline);
        assertThat(modelFindings)
                .allSatisfy(
                        f -> {
                            assertThat(f.modelId).isEqualTo(bundle.id());
                            assertThat(f.shadow).isFalse();
                            assertThat(f.modelFeatures).isNotEmpty();
                        });
        List<AlertFinding> inAlerts =
                alerts.stream()
                        .flatMap(a -> List.of(a.findings).stream())
                        .filter(af -> af.ruleId.equals(ModelAnomalyDetector.RULE_ID))
                        .collect(Collectors.toList());
        assertThat(inAlerts).as("model findings feed the agents' risk and alerts").isNotEmpty();
        assertThat(inAlerts).allSatisfy(af -> assertThat(af.latest.modelId).isEqualTo(bundle.id()));
    }

    /**
     * 40 card-data searches by one agent in the hour from {@code hour}, then a later event of
     * another agent to move event time past it.
     */
    private static void sweepFile(Path folder, String name, String agent, long hour)
            throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append(
                            ContractWriter.toJson(
                                    TestEvents.cardSearch(agent, hour + i * TestEvents.MINUTE)))
                    .append('\n');
        }
        AccessEvent clock = TestEvents.view("clock-" + name, hour + 2 * TestEvents.HOUR);
        b.append(ContractWriter.toJson(clock)).append('\n');
        Path aside = folder.resolve("." + name);
        Files.writeString(aside, b.toString(), StandardCharsets.UTF_8);
        Files.move(aside, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static long swaps(String bundleId) throws Exception {
        try (var lines = Files.lines(Logs.file())) {
            return lines.filter(l -> l.contains("Model bundle " + bundleId + " now scores as live"))
                    .count();
        }
    }

    private static void await(java.util.function.BooleanSupplier done, String what)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void aBundleSavedIntoTheWatchedFolderReplacesTheLiveOneWithoutARestart() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Path folder = dir.resolve("live-bundle");
        ModelBundle forest =
                Trainer.train(
                        Dataset.of(SyntheticData.agentHours(41, 20, 40, 0), false),
                        new Trainer.Options(),
                        m -> {});
        Trainer.Options z = new Trainer.Options();
        z.algorithm = RobustZScoreModel.ALGORITHM;
        ModelBundle zScores =
                Trainer.train(
                        Dataset.of(SyntheticData.agentHours(42, 20, 40, 0), false), z, m -> {});
        BundleFiles first = save(forest, folder);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(1_000);
        // Training is not seeded: how high the sweep hour scores depends on what trained before
        // in this JVM. This test is about which bundle scores, so any scored hour is a finding.
        Settings anyHour = Settings.defaults().with(Map.of("model_anomaly.min_percentile", "50"));
        DetectionStreams streams =
                new DetectionJob(anyHour, null, Map.of(ModelUpdate.LIVE, first))
                        .wire(
                                env.fromSource(
                                        FileInputs.follow(input, Duration.ofMillis(200)),
                                        WatermarkStrategy.noWatermarks(),
                                        "events"),
                                null,
                                env.fromSource(
                                                ModelFolderWatcher.source(
                                                        Map.of(ModelUpdate.LIVE, folder)),
                                                WatermarkStrategy.noWatermarks(),
                                                "bundles")
                                        .filter(ModelFolderWatcher::isChange));
        List<Finding> found = new CopyOnWriteArrayList<>();
        try (CloseableIterator<Finding> it = streams.modelFindings.collectAsync()) {
            JobClient job = env.executeAsync("model-swap-it");
            Thread reader = new Thread(() -> it.forEachRemaining(found::add));
            reader.setDaemon(true);
            reader.start();
            try {
                sweepFile(input, "1.ndjson", "agent-a", TestEvents.T0);
                await(
                        () -> found.stream().anyMatch(f -> f.agentId.equals("agent-a")),
                        "agent-a's hour scored");

                long before = swaps(zScores.id());
                // A new bundle saved over the old one, file by file, while the job runs.
                save(zScores, folder);
                await(
                        () -> {
                            try {
                                return swaps(zScores.id()) > before;
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        "the new bundle swapped in");

                sweepFile(input, "2.ndjson", "agent-b", TestEvents.T0 + 3 * TestEvents.HOUR);
                await(
                        () -> found.stream().anyMatch(f -> f.agentId.equals("agent-b")),
                        "agent-b's hour scored");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, String> modelByAgent =
                found.stream()
                        .filter(f -> f.agentId.startsWith("agent-"))
                        .collect(Collectors.toMap(f -> f.agentId, f -> f.modelId));
        assertThat(modelByAgent)
                .containsEntry("agent-a", forest.id())
                .containsEntry("agent-b", zScores.id());
    }
}

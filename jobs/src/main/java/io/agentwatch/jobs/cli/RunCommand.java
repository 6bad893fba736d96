package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.DetectionJob;
import io.agentwatch.jobs.DetectionStreams;
import io.agentwatch.jobs.elasticsearch.ElasticsearchConnection;
import io.agentwatch.jobs.elasticsearch.ElasticsearchOutputs;
import io.agentwatch.jobs.elasticsearch.ElasticsearchSetup;
import io.agentwatch.jobs.functions.Descriptors;
import io.agentwatch.jobs.io.FileInputs;
import io.agentwatch.jobs.io.ModelFolderWatcher;
import io.agentwatch.jobs.io.NdjsonFileSinks;
import io.agentwatch.jobs.io.RawLine;
import io.agentwatch.jobs.io.RuleFolderWatcher;
import io.agentwatch.jobs.kafka.KafkaConnection;
import io.agentwatch.jobs.kafka.KafkaInputs;
import io.agentwatch.jobs.kafka.KafkaJsonSink;
import io.agentwatch.jobs.webhook.WebhookFormat;
import io.agentwatch.jobs.webhook.WebhookSink;
import io.agentwatch.models.config.RuleUpdate;
import io.agentwatch.models.config.Settings;
import io.agentwatch.models.ml.ModelUpdate;
import io.agentwatch.models.risk.Alert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.source.hybrid.HybridSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./detector run}: the production job. Reads access events from files, Kafka, or files then
 * Kafka; writes masked enriched events, alerts and dead letters. With a bounded input it ends when
 * the input ends and prints counts.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Runs the detection job: events in, enriched events, alerts and dead letters out.")
public final class RunCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description =
                    "NDJSON file, .gz file, or a folder of them (bounded: the job ends with the"
                            + " input).")
    Path files;

    @Option(
            names = "--follow",
            description =
                    "With --input FOLDER: keep reading files that appear in it (checked every"
                            + " second; move whole files in) until the job is stopped.")
    boolean follow;

    @Mixin KafkaOptions kafka;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "agent-access-events",
            description = "Kafka topic of access events (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--group",
            paramLabel = "GROUP",
            defaultValue = "agentwatch",
            description =
                    "Kafka consumer group; offsets are committed on checkpoints (default:"
                            + " ${DEFAULT-VALUE}).")
    String group;

    @Option(
            names = "--backfill",
            paramLabel = "PATH",
            description = "Read these files first, then the Kafka topic (baselines start warm).")
    Path backfill;

    @Option(
            names = "--stop-at-latest",
            description =
                    "With --kafka: stop at the offsets that are latest at start (reprocessing).")
    boolean stopAtLatest;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Write events-*.ndjson, alerts-*.ndjson and dead-letters-*.ndjson here.")
    Path output;

    @Option(
            names = "--webhook",
            paramLabel = "URL",
            description =
                    "Also post each alert (ECS JSON) to this URL; repeatable. Best effort, with"
                            + " retries.")
    java.util.List<java.net.URI> webhooks = new java.util.ArrayList<>();

    @Option(
            names = "--slack-webhook",
            paramLabel = "URL",
            description =
                    "Also post each alert as a Slack-compatible message ({\"text\": ...});"
                            + " repeatable.")
    java.util.List<java.net.URI> slackWebhooks = new java.util.ArrayList<>();

    @Option(
            names = "--dead-letters-topic",
            paramLabel = "TOPIC",
            description = "Also send dead letters (masked) to this Kafka topic.")
    String deadLettersTopic;

    @Option(
            names = "--rules-topic",
            paramLabel = "TOPIC",
            description =
                    "With --kafka: a control topic of rule files (key <id>.json, value the file),"
                            + " applied while the job runs.")
    String rulesTopic;

    @Option(
            names = "--watch-rules",
            description =
                    "With --rules DIR: apply rule files saved in DIR while the job runs (needs an"
                            + " endless input: --kafka, or --input FOLDER --follow).")
    boolean watchRules;

    @Mixin ElasticsearchOptions es;

    @Option(
            names = "--alerts-topic",
            paramLabel = "TOPIC",
            description = "Also send alerts (ECS JSON, keyed by alert id) to this Kafka topic.")
    String alertsTopic;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "Checkpoint interval: offsets and output files are committed on checkpoints"
                            + " (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--buffer-timeout",
            defaultValue = LocalJobRunner.BUFFER_TIMEOUT,
            converter = DurationConverter.class,
            description =
                    "How long a network buffer waits to fill before it is sent: lower gives faster"
                            + " alerts at low rates, higher a little more throughput (default:"
                            + " ${DEFAULT-VALUE}; Flink's is 100ms).")
    Duration bufferTimeout;

    @Option(
            names = "--web-ui",
            description = "Start Flink's web UI on http://localhost:8081 for a local run.")
    boolean webUi;

    @Mixin SettingsOptions settingsOptions;

    @Mixin FaultToleranceOptions faultTolerance;

    @Mixin ModelOptions models;

    @Option(
            names = "--watch-model",
            description =
                    "With --model and/or --shadow-model: swap in a bundle saved into the folder"
                            + " while the job runs, without a restart (needs an endless input).")
    boolean watchModel;

    @Override
    public Integer call() throws Exception {
        validate();
        Settings settings = settingsOptions.load();
        KafkaConnection connection = kafka.present() ? kafka.connection() : null;

        Configuration conf = new Configuration();
        // Savepoints map state to operators by uid: an operator without one would lose its state
        // on any change of the job graph, so Flink refuses to build the job instead.
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        faultTolerance.applyTo(conf);
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, bufferTimeout);
        StreamExecutionEnvironment env = LocalJobRunner.environment(parallelism, webUi, conf);
        env.enableCheckpointing(checkpointInterval.toMillis());
        DataStream<RawLine> raw =
                env.fromSource(
                                source(connection),
                                WatermarkStrategy.noWatermarks(),
                                "Access events",
                                // A HybridSource hides its element type: name it.
                                TypeInformation.of(RawLine.class))
                        .uid("access-event-source")
                        .name(files != null ? "Read files" : "Read Kafka " + topic);
        DataStream<RuleUpdate> ruleUpdates = null;
        if (rulesTopic != null) {
            ruleUpdates =
                    env.fromSource(
                                    KafkaInputs.ruleUpdates(
                                            connection, rulesTopic, group + "-rules", stopAtLatest),
                                    WatermarkStrategy.noWatermarks(),
                                    "Rule updates")
                            .uid("rule-updates-source")
                            .name("Read rule updates " + rulesTopic)
                            .setParallelism(1);
        }
        if (watchRules) {
            DataStream<RuleUpdate> saved =
                    env.fromSource(
                                    RuleFolderWatcher.source(settingsOptions.rulesDir),
                                    WatermarkStrategy.noWatermarks(),
                                    "Rule files")
                            .uid("rule-files-source")
                            .name("Watch rule files " + settingsOptions.rulesDir)
                            .setParallelism(1)
                            .filter(RuleFolderWatcher::isChange)
                            .uid("rule-files-changed")
                            .name("Changed rule files")
                            .setParallelism(1);
            ruleUpdates = ruleUpdates == null ? saved : ruleUpdates.union(saved);
        }
        DataStream<ModelUpdate> modelUpdates = null;
        if (watchModel) {
            modelUpdates =
                    env.fromSource(
                                    ModelFolderWatcher.source(models.folders()),
                                    WatermarkStrategy.noWatermarks(),
                                    "Model bundles")
                            .uid("model-bundles-source")
                            .name("Watch model bundles " + models.folders().values())
                            .setParallelism(1)
                            .filter(ModelFolderWatcher::isChange)
                            .uid("model-bundles-changed")
                            .name("Changed model bundles")
                            .setParallelism(1);
        }
        DetectionStreams streams =
                new DetectionJob(settings, settingsOptions.sensitivityRulesPath(), models.load())
                        .wire(raw, ruleUpdates, modelUpdates);
        if (output != null) {
            Files.createDirectories(output);
            NdjsonFileSinks.attach(streams, output);
        }
        if (es.present()) {
            ElasticsearchConnection esConnection = es.connection();
            try (RestClient rest = esConnection.restClient()) {
                ElasticsearchSetup setup = new ElasticsearchSetup(rest, es.names());
                for (String line : setup.install(es.retention()).lines) {
                    System.err.println("elasticsearch: " + line);
                }
                for (String gone :
                        setup.deleteExpired(es.retention(), LocalDate.now(ZoneOffset.UTC))) {
                    System.err.println(
                            "elasticsearch: deleted " + gone + " (older than the retention)");
                }
            }
            ElasticsearchOutputs.attach(streams, esConnection, es.names());
        }
        if (deadLettersTopic != null) {
            streams.deadLetters
                    .sinkTo(KafkaJsonSink.deadLetters(connection, deadLettersTopic))
                    .uid("dead-letters-kafka-sink")
                    .name("Dead letters to Kafka " + deadLettersTopic);
        }
        // Integrations hear of an alert when it opens and when it escalates, not of every revision.
        DataStream<Alert> notices =
                streams.alerts
                        .filter(Alert::notifies)
                        .uid("alert-notices")
                        .name("Alerts opened or escalated");
        int hooks = attachWebhooks(notices, webhooks, WebhookFormat.JSON, 0);
        attachWebhooks(notices, slackWebhooks, WebhookFormat.SLACK, hooks);
        if (alertsTopic != null) {
            notices.sinkTo(KafkaJsonSink.alerts(connection, alertsTopic))
                    .uid("alerts-kafka-sink")
                    .name("Alerts to Kafka " + alertsTopic);
        }

        boolean bounded = (files != null && !follow) || stopAtLatest;
        JobExecutionResult result =
                LocalJobRunner.execute(
                        env,
                        "agentwatch",
                        System.err,
                        bounded ? Duration.ofSeconds(2) : Duration.ofSeconds(30));
        if (result == null) {
            return 0; // submitted to a cluster, which runs it
        }
        System.out.printf(
                "events in %d, enriched out %d, findings %d, alerts %d, dead letters %d%s%n",
                LocalJobRunner.number(result.getAccumulatorResult(Descriptors.EVENTS_IN)),
                LocalJobRunner.number(result.getAccumulatorResult(Descriptors.EVENTS_VALID)),
                LocalJobRunner.number(result.getAccumulatorResult(Descriptors.FINDING_COUNT)),
                LocalJobRunner.number(result.getAccumulatorResult(Descriptors.ALERT_COUNT)),
                LocalJobRunner.number(result.getAccumulatorResult(Descriptors.DEAD_LETTER_COUNT)),
                models.present()
                        ? String.format(
                                ", agent-hours scored %d, model findings %d",
                                LocalJobRunner.number(
                                        result.getAccumulatorResult(Descriptors.MODEL_WINDOWS)),
                                LocalJobRunner.number(
                                        result.getAccumulatorResult(
                                                Descriptors.MODEL_FINDING_COUNT)))
                        : "");
        return 0;
    }

    /**
     * Attaches one sink per URL, numbering their uids from {@code first}; returns the next number.
     */
    private static int attachWebhooks(
            DataStream<Alert> alerts,
            java.util.List<java.net.URI> urls,
            WebhookFormat format,
            int first) {
        int hook = first;
        for (java.net.URI url : urls) {
            WebhookSink sink = new WebhookSink(url, format);
            alerts.sinkTo(sink)
                    .uid("alerts-webhook-" + hook++)
                    .name(
                            "Alerts to "
                                    + (format == WebhookFormat.SLACK
                                            ? "Slack webhook "
                                            : "webhook ")
                                    + sink.displayUrl());
        }
        return hook;
    }

    private Source<RawLine, ?, ?> source(KafkaConnection connection) {
        if (files != null) {
            return follow
                    ? FileInputs.follow(files, Duration.ofSeconds(1))
                    : FileInputs.source(files);
        }
        KafkaSource<RawLine> live = KafkaInputs.source(connection, topic, group, stopAtLatest);
        if (backfill == null) {
            return live;
        }
        return HybridSource.builder(FileInputs.source(backfill)).addSource(live).build();
    }

    private void validate() {
        if ((files == null) == !kafka.present()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give exactly one input: --input PATH or --kafka HOST:PORT");
        }
        if (backfill != null && !kafka.present()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--backfill needs --kafka: it reads the files, then the topic");
        }
        if (stopAtLatest && !kafka.present()) {
            throw new ParameterException(spec.commandLine(), "--stop-at-latest needs --kafka");
        }
        if (follow && (files == null || !Files.isDirectory(files))) {
            throw new ParameterException(spec.commandLine(), "--follow needs --input FOLDER");
        }
        if (watchRules && settingsOptions.rulesDir == null) {
            throw new ParameterException(
                    spec.commandLine(), "--watch-rules needs --rules DIR: the folder to watch");
        }
        if (watchRules && (stopAtLatest || (files != null && !follow))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--watch-rules needs an endless input (--kafka, or --input FOLDER --follow):"
                            + " a bounded run reads its rules once, at start");
        }
        if (watchModel && !models.present()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--watch-model needs --model DIR or --shadow-model DIR: the folders to watch");
        }
        if (watchModel && (stopAtLatest || (files != null && !follow))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--watch-model needs an endless input (--kafka, or --input FOLDER --follow):"
                            + " a bounded run scores with the bundles it starts with");
        }
        if (rulesTopic != null && !kafka.present()) {
            throw new ParameterException(spec.commandLine(), "--rules-topic needs --kafka");
        }
        if (deadLettersTopic != null && !kafka.present()) {
            throw new ParameterException(spec.commandLine(), "--dead-letters-topic needs --kafka");
        }
        if (alertsTopic != null && !kafka.present()) {
            throw new ParameterException(spec.commandLine(), "--alerts-topic needs --kafka");
        }
        if (output == null
                && alertsTopic == null
                && !es.present()
                && webhooks.isEmpty()
                && slackWebhooks.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give at least one output: --es URL, --output DIR or --alerts-topic TOPIC");
        }
    }
}

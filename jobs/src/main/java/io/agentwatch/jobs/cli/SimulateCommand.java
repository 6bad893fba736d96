package io.agentwatch.jobs.cli;

import io.agentwatch.models.simulator.ContactCentreSimulator;
import io.agentwatch.models.simulator.SimulationConfig;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./detector simulate}: labelled contact-centre events as NDJSON. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a contact centre: contract-v1 events as NDJSON (time order), with labelled"
                    + " insider scenarios.",
            "The same --seed gives byte-identical output. Ground truth goes to a separate labels"
                    + " CSV."
        })
public final class SimulateCommand implements Callable<Integer> {
    @Option(
            names = "--seed",
            defaultValue = "" + SimulationConfig.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--agents",
            defaultValue = "" + SimulationConfig.DEFAULT_AGENTS,
            description = "Number of agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(
            names = "--days",
            defaultValue = "" + SimulationConfig.DEFAULT_DAYS,
            description = "Days to simulate (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", description = "First day, YYYY-MM-DD (default: 2026-03-02).")
    LocalDate start = SimulationConfig.DEFAULT_START;

    @Option(
            names = "--customers",
            defaultValue = "" + SimulationConfig.DEFAULT_CUSTOMERS,
            description = "Number of customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Events file (.ndjson or .ndjson.gz); default: standard output.")
    Path out;

    @Mixin KafkaOptions kafka;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "agent-access-events",
            description = "With --kafka: the topic to produce to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "With --kafka: events per second, 0 for as fast as possible (default:"
                            + " ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description =
                    "Labels CSV; default: next to --out as <name>.labels.csv, none for standard"
                            + " output.")
    Path labels;

    @Override
    public Integer call() throws Exception {
        SimulationConfig config = new SimulationConfig(seed, agents, days, start, customers);
        ContactCentreSimulator simulator = new ContactCentreSimulator(config);
        long n;
        if (kafka.present()) {
            if (out != null) {
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this), "give --out or --kafka, not both");
            }
            try (io.agentwatch.jobs.kafka.KafkaEventWriter writer =
                    new io.agentwatch.jobs.kafka.KafkaEventWriter(
                            kafka.connection(), topic, rate)) {
                n = simulator.run(writer, SimulateCommand::progress);
            }
        } else if (out == null) {
            OutputStream stdout =
                    new BufferedOutputStream(
                            new FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
            n = simulator.run(stdout, SimulateCommand::progress);
            stdout.flush();
        } else {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            try (OutputStream file = open(out)) {
                n = simulator.run(file, SimulateCommand::progress);
            }
        }
        Path labelsFile = labels != null ? labels : out == null ? null : defaultLabels(out);
        if (labelsFile != null) {
            try (Writer w = Files.newBufferedWriter(labelsFile, StandardCharsets.UTF_8)) {
                ContactCentreSimulator.writeLabelsCsv(simulator.labels(), w);
            }
        }
        System.err.printf(
                "simulated %,d events from %d agents over %d days%s%n",
                n,
                agents,
                days,
                labelsFile == null
                        ? " (no labels file: pass --labels)"
                        : "; labels in " + labelsFile);
        return 0;
    }

    static void progress(int day, int total, long events) {
        System.err.printf(
                "simulate: day %d/%d generated, %,d events written so far%n", day, total, events);
    }

    private static OutputStream open(Path path) throws java.io.IOException {
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        return path.toString().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file;
    }

    static Path defaultLabels(Path events) {
        String name =
                events.getFileName()
                        .toString()
                        .replaceAll("\\.ndjson(\\.gz)?$", "")
                        .replaceAll("\\.gz$", "");
        return events.resolveSibling(name + ".labels.csv");
    }
}

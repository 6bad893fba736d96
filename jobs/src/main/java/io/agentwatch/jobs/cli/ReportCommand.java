package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.report.HtmlReport;
import io.agentwatch.jobs.report.ReportData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./detector report --input DIR | --es URL}: one self-contained HTML file of a run's output,
 * or of what is in Elasticsearch.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description =
                "Writes an HTML report (SOC overview, agent investigation, card-data access,"
                        + " pipeline health) from a run's NDJSON output or from Elasticsearch.")
public final class ReportCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "A folder written by --output (or the demo's demo-out/).")
    Path input;

    @Mixin ElasticsearchOptions es;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "7d",
            converter = DurationConverter.class,
            description =
                    "With --es: the documents of this last stretch of time (default:"
                            + " ${DEFAULT-VALUE}).")
    Duration since;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the report (default: DIR/report.html, or report.html).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((input == null) == !es.present()) {
            throw new ParameterException(
                    spec.commandLine(), "give exactly one source: --input DIR or --es URL");
        }
        Path written;
        if (input != null) {
            if (!Files.isDirectory(input)) {
                throw new ParameterException(
                        spec.commandLine(), "--input " + input + " is not a folder");
            }
            written = write(input, out == null ? input.resolve("report.html") : out);
        } else {
            try (RestClient rest = es.connection().restClient()) {
                long from = System.currentTimeMillis() - since.toMillis();
                written =
                        HtmlReport.write(
                                ReportData.read(rest, es.names(), from),
                                out == null ? Path.of("report.html") : out,
                                String.join(",", es.urls) + " (last " + since.toDays() + " days)");
            }
        }
        System.out.println("report written to " + written.toAbsolutePath());
        return 0;
    }

    static Path write(Path folder, Path out) throws java.io.IOException {
        return HtmlReport.write(ReportData.read(folder), out, folder.toString());
    }
}

package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.report.HtmlReport;
import io.agentwatch.jobs.report.ReportData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./detector report --input DIR}: one self-contained HTML file of a run's output. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description =
                "Writes an HTML report (SOC overview, agent investigation, card-data access,"
                        + " pipeline health) from a run's NDJSON output.")
public final class ReportCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            paramLabel = "DIR",
            required = true,
            description = "A folder written by --output (or the demo's demo-out/).")
    Path input;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the report (default: DIR/report.html).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(input)) {
            throw new ParameterException(
                    spec.commandLine(), "--input " + input + " is not a folder");
        }
        Path written = write(input, out == null ? input.resolve("report.html") : out);
        System.out.println("report written to " + written.toAbsolutePath());
        return 0;
    }

    static Path write(Path folder, Path out) throws java.io.IOException {
        return HtmlReport.write(ReportData.read(folder), out, folder.toString());
    }
}

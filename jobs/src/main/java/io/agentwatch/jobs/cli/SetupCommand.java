package io.agentwatch.jobs.cli;

import io.agentwatch.jobs.elasticsearch.ElasticsearchSetup;
import io.agentwatch.jobs.kibana.KibanaSavedObjects;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./detector setup --es URL}: prepares Elasticsearch for agentwatch (the same templates,
 * lifecycle policy and retention the job installs at start, from {@code
 * dashboards/elasticsearch/}). Idempotent: a second run reports that nothing changed.
 */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description =
                "Installs agentwatch's index templates and retention into Elasticsearch; safe to"
                        + " run again.")
public final class SetupCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin ElasticsearchOptions es;

    @Option(
            names = "--kibana",
            paramLabel = "URL",
            description =
                    "Also import the dashboards into this Kibana (same credentials as"
                            + " Elasticsearch).")
    String kibana;

    @Option(
            names = "--space",
            paramLabel = "SPACE",
            description = "Kibana space to import into (default: the default space).")
    String space;

    @Override
    public Integer call() throws Exception {
        if (!es.present()) {
            throw new ParameterException(spec.commandLine(), "give --es URL");
        }
        try (RestClient rest = es.connection().restClient()) {
            ElasticsearchSetup setup = new ElasticsearchSetup(rest, es.names());
            ElasticsearchSetup.Report report = setup.install(es.retention());
            System.out.println(
                    "elasticsearch " + report.version + " at " + String.join(",", es.urls));
            for (String line : report.lines) {
                System.out.println("  " + line);
            }
            for (String index :
                    setup.deleteExpired(es.retention(), LocalDate.now(ZoneOffset.UTC))) {
                System.out.println("  deleted expired index " + index);
            }
            int changed = report.changed;
            if (kibana != null) {
                KibanaSavedObjects.Report k =
                        new KibanaSavedObjects(
                                        kibana,
                                        space,
                                        es.connection().authorization(),
                                        es.connection().sslContext())
                                .install();
                k.lines.forEach(line -> System.out.println("  " + line));
                changed += k.changed;
            }
            System.out.println(
                    changed == 0
                            ? "nothing changed: everything was already set up"
                            : changed + " object(s) installed or updated");
        }
        return 0;
    }
}

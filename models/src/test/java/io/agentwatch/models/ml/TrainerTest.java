package io.agentwatch.models.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentwatch.models.features.AgentHourFeatures;
import io.agentwatch.models.features.FeatureTable;
import io.agentwatch.models.features.FeatureWindow;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {
    @TempDir Path dir;

    private final List<String> progress = new ArrayList<>();

    private Path csv(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Path genericCsv(double[][] x, String[] labels) throws Exception {
        StringBuilder s = new StringBuilder("a,b,c,d,e,is_anomaly\n");
        for (int i = 0; i < x.length; i++) {
            for (double v : x[i]) {
                s.append(v).append(',');
            }
            s.append(labels[i] == null ? "0" : "1").append('\n');
        }
        return csv("generic.csv", s.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {IsolationForestModel.ALGORITHM, RobustZScoreModel.ALGORITHM})
    void findsKnownAnomaliesInGenericData(String algorithm) throws Exception {
        String[] labels = new String[2020];
        double[][] x = SyntheticData.rows(7, 2000, 20, labels);
        Dataset d = Dataset.readCsv(genericCsv(x, labels), "is_anomaly");
        assertThat(d.columns).containsExactly("a", "b", "c", "d", "e");
        Trainer.Options o = new Trainer.Options();
        o.algorithm = algorithm;
        ModelBundle bundle = Trainer.train(d.withoutLabels(), o, progress::add);
        assertThat(bundle.manifest.transform).isEqualTo(ModelBundle.TRANSFORM_NONE);
        assertThat(bundle.manifest.metrics).doesNotContainKey("in_sample_roc_auc");
        Evaluation e = Evaluation.of(bundle, d, 5);
        assertThat(e.rocAuc).isGreaterThan(0.97);
        assertThat(e.prAuc).isGreaterThan(0.6);
        assertThat(e.flagged).as("rows without time: the top N").isEqualTo(20);
        assertThat(progress).isNotEmpty();
    }

    @Test
    void findsCardSweepsAndBulkViewsAmongAgentHoursAndExplainsThem() {
        List<FeatureWindow> windows = SyntheticData.agentHours(3, 40, 200, 30);
        Dataset d = Dataset.of(windows, true);
        ModelBundle bundle = Trainer.train(d, new Trainer.Options(), progress::add);
        assertThat(bundle.manifest.schema).isEqualTo(AgentHourFeatures.id());
        assertThat(bundle.manifest.transform).isEqualTo(ModelBundle.TRANSFORM_AGENT_FEATURES);
        assertThat(bundle.manifest.training).containsKeys("rows", "from", "to");
        assertThat(bundle.manifest.typical).containsKeys("*", "tier1", "billing");
        assertThat(bundle.id()).startsWith("isolation-forest-");

        Evaluation e = Evaluation.of(bundle, d, 2);
        assertThat(e.rocAuc).isGreaterThan(0.95);
        assertThat(e.scenarios).containsOnlyKeys("card_search_sweep", "bulk_scrape");
        assertThat(e.days).isEqualTo(9);
        assertThat(e.alertVolume).isNotEmpty();

        FeatureWindow sweep =
                windows.stream().filter(w -> "card_search_sweep".equals(w.label)).findFirst().get();
        assertThat(bundle.percentile(sweep.values)).isGreaterThan(99);
        assertThat(bundle.explain(sweep.values, null, sweep.agentRole, 3))
                .extracting(ModelBundle.Deviation::feature)
                .first()
                .isIn("card_searches", "card_searches_vs_own");
    }

    @Test
    void refusesDataNoModelCanLearnFrom() throws Exception {
        assertThatThrownBy(() -> train(csv("empty.csv", "a,b\n"))).hasMessageContaining("0 row(s)");
        StringBuilder constant = new StringBuilder("a,b\n");
        StringBuilder missing = new StringBuilder("a,b\n");
        for (int i = 0; i < 30; i++) {
            constant.append("1,2\n");
            missing.append(i).append(',').append(i == 17 ? "" : "3").append('\n');
        }
        assertThatThrownBy(() -> train(csv("constant.csv", constant.toString())))
                .hasMessageContaining("every column is constant");
        assertThatThrownBy(() -> train(csv("missing.csv", missing.toString())))
                .hasMessageContaining("row 18, column 'b': missing (NaN)");
        assertThatThrownBy(() -> Dataset.readCsv(csv("text.csv", "a,b\n1,x\n"), null))
                .hasMessageContaining("column 'b' is 'x', not a number");
        assertThatThrownBy(() -> Dataset.readCsv(csv("nolabel.csv", "a,b\n1,2\n"), "y"))
                .hasMessageContaining("no column 'y'");
        Trainer.Options o = new Trainer.Options();
        o.algorithm = "svm";
        StringBuilder fine = new StringBuilder("a,b\n");
        for (int i = 0; i < 30; i++) {
            fine.append(i).append(',').append(i % 7).append('\n');
        }
        Dataset d = Dataset.readCsv(csv("fine.csv", fine.toString()), null);
        assertThatThrownBy(() -> Trainer.train(d, o, progress::add))
                .hasMessageContaining("unknown algorithm 'svm'");
    }

    @Test
    void aBundleRefusesRowsOfAnotherSchema() throws Exception {
        ModelBundle bundle =
                Trainer.train(
                        Dataset.of(SyntheticData.agentHours(1, 10, 10, 0), false),
                        new Trainer.Options(),
                        progress::add);
        StringBuilder other = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 30; i++) {
            other.append(i).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        }
        Dataset d = Dataset.readCsv(csv("other.csv", other.toString()), "label");
        assertThatThrownBy(() -> Evaluation.of(bundle, d, 5))
                .hasMessageContaining("feature schema mismatch");
    }

    @Test
    void trainsFromAFeaturesCsvAsFromWindows() throws Exception {
        List<FeatureWindow> windows = SyntheticData.agentHours(5, 10, 20, 2);
        StringWriter w = new StringWriter();
        FeatureTable.writeCsv(windows, true, w);
        Dataset fromCsv = Dataset.readCsv(csv("features.csv", w.toString()), null);
        assertThat(fromCsv.hasLabels()).isTrue();
        assertThat(fromCsv.roles).containsOnly("tier1", "billing");
        ModelBundle b = Trainer.train(fromCsv, new Trainer.Options(), progress::add);
        assertThat(b.manifest.metrics).containsKeys("labelled_anomalies", "in_sample_roc_auc");
    }

    private ModelBundle train(Path csv) throws Exception {
        return Trainer.train(Dataset.readCsv(csv, null), new Trainer.Options(), progress::add);
    }
}

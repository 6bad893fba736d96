package io.agentwatch.models.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentwatch.models.features.FeatureWindow;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static ModelBundle trained(String algorithm) {
        Trainer.Options o = new Trainer.Options();
        o.algorithm = algorithm;
        return Trainer.train(Dataset.of(SyntheticData.agentHours(11, 20, 30, 4), true), o, m -> {});
    }

    @Test
    void aSavedBundleLoadsAndScoresIdentically() throws Exception {
        for (String algorithm :
                List.of(IsolationForestModel.ALGORITHM, RobustZScoreModel.ALGORITHM)) {
            ModelBundle b = trained(algorithm);
            Path folder = dir.resolve(algorithm);
            b.save(folder);
            ModelBundle loaded = ModelBundle.load(folder);
            assertThat(loaded.id()).isEqualTo(b.id());
            for (FeatureWindow w : SyntheticData.agentHours(12, 5, 5, 2)) {
                assertThat(loaded.rawScore(w.values)).isEqualTo(b.rawScore(w.values));
                assertThat(loaded.percentile(w.values)).isEqualTo(b.percentile(w.values));
            }
        }
    }

    @Test
    void aDamagedOrSwappedModelFileIsRefused() throws Exception {
        ModelBundle b = trained(IsolationForestModel.ALGORITHM);
        Path folder = dir.resolve("b");
        b.save(folder);
        Path model = folder.resolve("model.bin");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Files.write(model, bytes);
        assertThatThrownBy(() -> ModelBundle.load(folder)).hasMessageContaining("checksum");

        // A foreign object with a matching checksum is still refused by the class filter.
        try (OutputStream out = Files.newOutputStream(model);
                ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(new HashMap<String, String>());
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(folder.resolve("bundle.json").toFile());
        manifest.put("model_sha256", ModelBundle.sha256(model));
        JSON.writeValue(folder.resolve("bundle.json").toFile(), manifest);
        assertThatThrownBy(() -> ModelBundle.load(folder))
                .hasMessageContaining("not an isolation forest");

        assertThatThrownBy(() -> ModelBundle.load(dir.resolve("nothing-here")))
                .hasMessageContaining("not a model bundle");
    }

    /**
     * Writes the compatibility bundle and its expected scores into test resources; run only when a
     * bundle format change is intended: {@code -Dagentwatch.writeCompatBundle=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "agentwatch.writeCompatBundle", matches = "true")
    void writeCompatibilityBundle() throws Exception {
        Path resources = Path.of("src/test/resources/bundles");
        Trainer.Options small = new Trainer.Options();
        small.trees = 10; // a small file in the repository; the format is what is tested
        ModelBundle b =
                Trainer.train(
                        Dataset.of(SyntheticData.agentHours(11, 20, 30, 4), true), small, m -> {});
        b.save(resources.resolve("isolation-forest-v1"));
        com.fasterxml.jackson.databind.node.ArrayNode cases = JSON.createArrayNode();
        for (FeatureWindow w : SyntheticData.agentHours(13, 4, 2, 2)) {
            ObjectNode c = cases.addObject();
            c.set("values", JSON.valueToTree(w.values));
            c.put("raw", b.rawScore(w.values));
            c.put("percentile", b.percentile(w.values));
        }
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(resources.resolve("expected-scores.json").toFile(), cases);
    }

    /** A bundle saved by an earlier build (kept in test resources) still loads and scores alike. */
    @Test
    void aBundleFromAnEarlierBuildScoresAsItDidThen() throws Exception {
        Path folder = Path.of(getClass().getResource("/bundles/isolation-forest-v1").toURI());
        ModelBundle b = ModelBundle.load(folder);
        JsonNode expected = JSON.readTree(folder.resolve("../expected-scores.json").toFile());
        assertThat(expected.size()).isPositive();
        for (JsonNode c : expected) {
            double[] row = JSON.convertValue(c.get("values"), double[].class);
            assertThat(b.rawScore(row)).isEqualTo(c.get("raw").asDouble());
            assertThat(b.percentile(row)).isEqualTo(c.get("percentile").asDouble());
        }
    }
}

package io.agentwatch.models.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's configuration table must list every option with its real default. */
class ReadmeOptionsTest {
    @Test
    void everyOptionIsInTheReadmeWithItsDefault() throws Exception {
        Path readme = Path.of("..", "README.md");
        List<String> lines = Files.readAllLines(readme);
        List<String> offenders = new ArrayList<>();
        for (ConfigOption<?> o : AgentwatchOptions.all()) {
            String row = "| `" + o.key() + "` | `" + o.formatDefault() + "` |";
            if (lines.stream().noneMatch(l -> l.startsWith(row))) {
                offenders.add(row);
            }
        }
        assertThat(offenders).as("rows missing from README.md's configuration table").isEmpty();
    }
}

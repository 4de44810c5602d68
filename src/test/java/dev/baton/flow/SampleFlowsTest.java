package dev.baton.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample flows exist and are well-formed {@code baton.flow/1} documents. Loading and validating them needs the
 * JSON layer, which is written in parallel; until then this checks what the tree model can show.
 */
class SampleFlowsTest {

    private static final Path SAMPLES = Path.of("sample-flows");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> everySample() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "chain-blog-article.json", "supervisor-market-entry-japan.json", "swarm-customer-support.json",
        "parallel-contract-review.json"
    })
    void theFourSamplesExist(String file) {
        assertThat(SAMPLES.resolve(file)).isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("everySample")
    void everySampleIsAFlowDocument(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        assertThat(root.path("format").asText()).isEqualTo("baton.flow/1");
        assertThat(root.path("id").asText()).isEqualTo(file.getFileName().toString().replace(".json", ""));
        assertThat(root.path("defaultModel").path("provider").asText()).isEqualTo("simulated");
        assertThat(root.path("nodes").isArray()).isTrue();
        assertThat(root.path("edges").isArray()).isTrue();
        List<String> kinds = root.path("nodes").findValuesAsText("kind");
        assertThat(kinds).containsOnlyOnce("START", "OUTPUT");
    }

    @ParameterizedTest
    @MethodSource("everySample")
    void everySampleIsWrittenCanonically(Path file) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("empty values omitted").endsWith("}\n")
                .doesNotContain("\t", "\r", ": null", ": \"\"", ": []", ": {}");
        assertThat(text).as("integral numbers without .0").doesNotContainPattern("\\d\\.0[,\\s]");
        assertThat(text.lines().filter(l -> !l.isBlank()))
                .allSatisfy(line -> assertThat((line.length() - line.stripLeading().length()) % 2)
                        .as("two-space indent: %s", line).isZero());
    }
}

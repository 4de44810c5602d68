package dev.baton.flow.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sample flow is canonical: reading and writing it again gives the same bytes. */
class FlowJsonRoundTripTest {

    static final Path SAMPLES = Path.of("sample-flows");

    static List<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void theChainSampleIsThere() {
        assertThat(SAMPLES.resolve("chain-blog-article.json")).isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void everySampleRoundTripsByteIdentical(Path sample) throws Exception {
        String text = Files.readString(sample, StandardCharsets.UTF_8);

        String written = FlowJson.write(FlowJson.read(text).flow());

        assertThat(written).isEqualTo(text);
    }

    @Test
    void theChainSampleMapsToTheModel() throws Exception {
        var flow = FlowJson.read(Files.readString(SAMPLES.resolve("chain-blog-article.json"))).flow();

        assertThat(flow.id()).isEqualTo("chain-blog-article");
        assertThat(flow.nodes()).hasSize(6);
        assertThat(flow.edges()).hasSize(5);
        assertThat(flow.limits().agentTimeout()).hasSeconds(120);
        assertThat(flow.node("fact-checker").orElseThrow().critic().checks()).hasSize(2);
        assertThat(flow.edge("writer-to-editor").orElseThrow().context().tokenBudget()).isEqualTo(8000);
    }
}

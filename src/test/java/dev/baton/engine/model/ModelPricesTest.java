package dev.baton.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelPricesTest {

    private final ModelPrices prices = ModelPrices.bundled();

    @Test
    void exactModelUsesItsOwnRates() {
        // 1M in at $0.15 + 1M out at $0.60
        assertThat(prices.cost("openai", "gpt-4o-mini", 1_000_000, 1_000_000)).hasValueSatisfying(
                c -> assertThat(c).isCloseTo(0.75, within(1e-9)));
    }

    @Test
    void datedSnapshotMatchesTheLongestPrefix() {
        assertThat(prices.find("openai", "gpt-4o-mini-2024-07-18")).contains(new ModelPrices.Price(0.15, 0.60));
        assertThat(prices.find("openai", "gpt-4o-2024-08-06")).contains(new ModelPrices.Price(2.50, 10.0));
        assertThat(prices.find("anthropic", "claude-sonnet-4-5-20250929")).contains(new ModelPrices.Price(3.0, 15.0));
    }

    @Test
    void unknownModelsAndProvidersHaveNoPrice() {
        assertThat(prices.find("openai", "my-finetune")).isEmpty();
        assertThat(prices.find("openai-compatible", "llama3")).isEmpty();
        assertThat(prices.find(null, "gpt-4o")).isEmpty();
    }

    @Test
    void localAndSimulatedModelsAreFree() {
        assertThat(prices.cost("ollama", "llama3.2", 5000, 5000)).contains(0.0);
        assertThat(prices.cost("simulated", "sim-1", 5000, 5000)).contains(0.0);
    }

    @Test
    void userFileAddsAndReplacesEntries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{\"prices\":{\"openai\":{\"gpt-4o\":[1,2]},"
                + "\"openai-compatible\":{\"llama3\":[0.2,0.2]}}}");
        ModelPrices merged = ModelPrices.withOverrides(file);
        assertThat(merged.find("openai", "gpt-4o")).contains(new ModelPrices.Price(1, 2));
        assertThat(merged.find("openai", "gpt-4o-mini")).contains(new ModelPrices.Price(0.15, 0.60));
        assertThat(merged.find("openai-compatible", "llama3-8b")).contains(new ModelPrices.Price(0.2, 0.2));
        assertThat(merged.asOf()).contains("prices.json");
    }

    @Test
    void malformedUserFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{\"prices\":{\"openai\":{\"gpt-4o\":\"cheap\"}}}");
        assertThatThrownBy(() -> ModelPrices.withOverrides(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prices.json").hasMessageContaining("openai/gpt-4o");
    }

    @Test
    void missingUserFileFallsBackToTheBundledTable(@TempDir Path dir) {
        assertThat(ModelPrices.withOverrides(dir.resolve("none.json")).find("gemini", "gemini-2.5-pro"))
                .contains(new ModelPrices.Price(1.25, 10.0));
    }
}

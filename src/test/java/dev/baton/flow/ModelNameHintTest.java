package dev.baton.flow;

import dev.baton.flow.io.FlowFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A node given a provider but no model yet is told a model name of that provider, not one of OpenAI's. */
class ModelNameHintTest {

    private static String hint(String provider) throws Exception {
        Flow flow = FlowFiles.load(Path.of("sample-flows/chain-blog-article.json")).flow()
                .updateNode("writer", n -> n.withModel(new ModelRef(provider, "", null, null)));
        return FlowValidator.validate(flow).stream().filter(p -> p.code().equals("model-empty-name")).findFirst()
                .orElseThrow().message();
    }

    @Test
    void theExampleNamesAModelOfTheChosenProvider() throws Exception {
        assertThat(hint("anthropic")).endsWith("e.g. claude-haiku-4-5");
        assertThat(hint("gemini")).endsWith("e.g. gemini-2.0-flash");
        assertThat(hint("ollama")).endsWith("e.g. llama3.2");
        assertThat(hint("openai")).endsWith("e.g. gpt-4o-mini");
        for (String provider : new String[] {"anthropic", "gemini", "openai"}) {
            String example = hint(provider).replaceAll(".*e\\.g\\. ", "");
            assertThat(ModelFamilies.foreignOwner(provider, example)).as(provider).isEmpty();
        }
    }
}

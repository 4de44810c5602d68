package dev.baton.importer;

import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** AgentChat model clients beyond OpenAI's, as AutoGen Studio saves them in a team. */
class AutoGenModelClientsTest {

    private static List<String> report(ImportResult r) {
        return r.notes().stream().map(ImportNote::line).toList();
    }

    @Test
    void modelClientsOfEveryKindGiveAValidFlow(@TempDir Path dir) throws Exception {
        // AgentChat's clients as AutoGen Studio saves them: Azure AI (GitHub models) names its server "endpoint",
        // Bedrock takes model ids no Baton provider serves, a cache wraps the client that has the model
        String team = """
                {"provider": "autogen_agentchat.teams.RoundRobinGroupChat", "component_type": "team",
                 "config": {"participants": [%s]}}""".formatted(String.join(",", List.of(
                agent("azure_ai", "autogen_ext.models.azure.AzureAIChatCompletionClient", """
                        "model": "gpt-4o", "endpoint": "https://models.inference.ai.azure.com",
                        "credential": {"provider": "AzureKeyCredential", "config": {"key": "abc"}}"""),
                agent("azure_bare", "autogen_ext.models.azure.AzureAIChatCompletionClient", "\"model\": \"x\""),
                agent("bedrock", "autogen_ext.models.anthropic.AnthropicBedrockChatCompletionClient",
                        "\"model\": \"anthropic.claude-3-5-sonnet-20240620-v1:0\""),
                agent("cached", "autogen_ext.models.cache.ChatCompletionCache", """
                        "client": {"provider": "autogen_ext.models.anthropic.AnthropicChatCompletionClient",
                                   "config": {"model": "claude-3-7-sonnet-20250219"}}"""))));
        Path file = Files.writeString(dir.resolve("clients.json"), team);

        ImportResult r = Importers.importFrom(file, null);

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(r.flow().nodes()).filteredOn(n -> n.id().equals("azure-ai")).singleElement()
                .satisfies(n -> assertThat(n.model()).isEqualTo(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "gpt-4o",
                        "https://models.inference.ai.azure.com", null)));
        assertThat(r.flow().nodes()).filteredOn(n -> n.id().equals("cached")).singleElement()
                .satisfies(n -> assertThat(n.model().provider()).isEqualTo(ModelRef.ANTHROPIC));
        assertThat(r.flow().nodes()).filteredOn(n -> n.id().equals("bedrock") || n.id().equals("azure-bare"))
                .hasSize(2).allSatisfy(n -> assertThat(n.model()).isNull());
        assertThat(report(r)).anyMatch(l -> l.contains("Amazon Bedrock"))
                .anyMatch(l -> l.contains("without an endpoint"))
                .anyMatch(l -> l.contains("the client's credential - not copied"));
    }

    private static String agent(String name, String client, String clientConfig) {
        return """
                {"provider": "autogen_agentchat.agents.AssistantAgent", "component_type": "agent",
                 "config": {"name": "%s", "system_message": "You help.",
                            "model_client": {"provider": "%s", "component_type": "model", "config": {%s}}}}"""
                .formatted(name, client, clientConfig);
    }
}

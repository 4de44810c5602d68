package dev.baton.importer;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AutoGen Studio / AgentChat teams, in the declarative and the earlier Studio form. */
class AutoGenImporterTest {

    private static ImportResult imp(String file) throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("autogen/" + file), null);
        assertThat(r.format()).isEqualTo("autogen");
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        return r;
    }

    private static List<String> report(ImportResult r) {
        return r.notes().stream().map(ImportNote::line).toList();
    }

    @Test
    void aRoundRobinTeamIsAChainAndItsKeyIsNeverCopied() throws Exception {
        ImportResult r = imp("roundrobin-team.json");
        Flow f = r.flow();
        assertThat(f.nodes()).extracting(AgentNode::id)
                .containsExactly("task", "writer", "reviewer", "user-proxy", "result");
        assertThat(f.edges()).extracting(e -> e.from() + ">" + e.to())
                .containsExactly("task>writer", "writer>reviewer", "reviewer>user-proxy", "user-proxy>result");
        AgentNode writer = f.node("writer").orElseThrow();
        assertThat(writer.instructions()).isEqualTo("You write short, clear drafts.");
        assertThat(writer.model().label()).isEqualTo("openai/gpt-4o-mini");
        assertThat(writer.model().temperature()).isEqualTo(0.2);
        assertThat(f.node("reviewer").orElseThrow().model().label())
                .isEqualTo("anthropic/claude-3-5-sonnet-20241022");
        assertThat(f.node("user-proxy").orElseThrow().kind()).isEqualTo(NodeKind.HUMAN);
        assertThat(f.limits().tokenBudget()).isEqualTo(30000L);
        assertThat(FlowJson.write(f)).doesNotContain("sk-test").doesNotContain("api_key");
        assertThat(report(r)).anyMatch(l -> l.contains("api_key") && l.contains("OPENAI_API_KEY"))
                .anyMatch(l -> l.contains("word_count"))
                .anyMatch(l -> l.contains("workbench[0].config.tools[0]") && l.contains("spell_check"))
                .anyMatch(l -> l.contains("McpWorkbench"))
                .anyMatch(l -> l.contains("one round"))
                .anyMatch(l -> l.contains("TextMentionTermination('APPROVE')"));
    }

    @Test
    void aSelectorTeamIsASupervisorWithItsPrompt() throws Exception {
        ImportResult r = imp("selector-team.json");
        Flow f = r.flow();
        AgentNode lead = f.nodesOfKind(NodeKind.SUPERVISOR).get(0);
        assertThat(lead.instructions()).startsWith("Select an agent to perform the task.");
        assertThat(lead.model().provider()).isEqualTo("openai-compatible");
        assertThat(lead.model().baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(f.outgoing(lead.id(), EdgeKind.DELEGATES)).extracting(Edge::to)
                .containsExactly("flight-agent", "hotel-agent");
        assertThat(f.node("flight-agent").orElseThrow().model().label()).isEqualTo("ollama/llama3.2");
        assertThat(f.node("hotel-agent").orElseThrow().model().name()).isEqualTo("gpt4o-prod");
        assertThat(f.limits().runDeadline().toSeconds()).isEqualTo(300);
        assertThat(FlowJson.write(f)).doesNotContain("azure-secret-value");
    }

    @Test
    void aSwarmHasHandoffEdgesAndAHandoffToTheUserIsAHumanStep() throws Exception {
        ImportResult r = imp("swarm-team.json");
        Flow f = r.flow();
        assertThat(f.edges().stream().filter(e -> e.kind() == EdgeKind.HANDOFF)).extracting(e -> e.from() + ">" + e.to())
                .containsExactlyInAnyOrder("triage>refunds", "refunds>triage");
        assertThat(f.node("user").orElseThrow().kind()).isEqualTo(NodeKind.HUMAN);
        assertThat(f.limits().maxHandoffs()).isEqualTo(12);
        assertThat(report(r)).anyMatch(l -> l.contains("handoffs[1]") && l.contains("'billing'"));
    }

    @Test
    void theEarlierStudioFormAndAGalleryImportToo() throws Exception {
        Flow legacy = imp("studio-legacy-team.json").flow();
        assertThat(legacy.node("researcher").orElseThrow().model().label()).isEqualTo("openai/gpt-4o-mini");
        assertThat(legacy.node("summarizer").orElseThrow().instructions()).isEqualTo("Summarize the research.");
        ImportResult gallery = imp("gallery.json");
        assertThat(gallery.flow().name()).startsWith("First team");
        assertThat(report(gallery)).anyMatch(l -> l.contains("2 teams") && l.contains("not imported: 'Second team'"));
    }

    @Test
    void teamPicksAGallerysTeamByLabelOrNumber() throws Exception {
        Path gallery = ImportFixtures.of("autogen/gallery.json");
        for (String pick : List.of("Second team", "second TEAM", "2")) {
            ImportResult r = Importers.importFrom(gallery, null, pick);
            assertThat(r.valid()).as(r.problems().toString()).isTrue();
            assertThat(r.flow().name()).as(pick).startsWith("Second team");
            assertThat(report(r)).anyMatch(l -> l.contains("imported 'Second team'")
                    && l.contains("not imported: 'First team'"));
        }
        assertThat(Importers.importFrom(gallery, "autogen", "1").flow().name()).startsWith("First team");
        assertThatThrownBy(() -> Importers.importFrom(gallery, null, "Third team"))
                .isInstanceOf(ImportException.class).hasMessageContaining("no such team")
                .hasMessageContaining("1 'First team'").hasMessageContaining("2 'Second team'")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Importers.importFrom(ImportFixtures.of("autogen/roundrobin-team.json"), null, "x"))
                .isInstanceOf(ImportException.class).hasMessageContaining("one team, not a gallery");
        assertThatThrownBy(() -> Importers.importFrom(gallery, "flowise", "2"))
                .isInstanceOf(ImportException.class).hasMessageContaining("--team");
    }

    @Test
    void aJsonFileThatIsNoTeamGetsOneLine() {
        assertThatThrownBy(() -> Importers.importFrom(ImportFixtures.of("autogen/not-a-team.json"), "autogen"))
                .isInstanceOf(ImportException.class).hasMessageContaining("not a autogen source")
                .hasMessageNotContaining("\n");
    }
    private static String functionTool(String name) {
        return "{\"provider\": \"autogen_core.tools.FunctionTool\", \"component_type\": \"tool\", \"config\": {"
                + "\"name\": \"" + name + "\", \"description\": \"the source's own " + name + "\", "
                + "\"source_code\": \"def " + name + "(a: float, b: float) -> float: return a + b\"}}";
    }

    @Test
    void aToolNamedLikeABuiltInThatNeedsNoSetUpIsOfferedAsThatBuiltIn(@TempDir Path dir) throws Exception {
        // the shape of AutoGen Studio's notebooks/team.json: a StaticWorkbench holding FunctionTools
        Path team = Files.writeString(dir.resolve("team.json"), "{\"provider\": "
                + "\"autogen_agentchat.teams.RoundRobinGroupChat\", \"component_type\": \"team\", \"config\": "
                + "{\"participants\": [{\"provider\": \"autogen_agentchat.agents.AssistantAgent\", "
                + "\"component_type\": \"agent\", \"config\": {\"name\": \"assistant_agent\", "
                + "\"system_message\": \"You are a helpful assistant.\", \"workbench\": [{\"provider\": "
                + "\"autogen_core.tools.StaticWorkbench\", \"component_type\": \"workbench\", \"config\": "
                + "{\"tools\": [" + functionTool("calculator") + ", " + functionTool("http_get") + ", "
                + functionTool("word_count") + "]}}]}}]}}");

        ImportResult r = Importers.importFrom(team, null);

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(r.flow().node("assistant-agent").orElseThrow().tools()).containsExactly("calculator");
        assertThat(report(r))
                .anyMatch(l -> l.contains("tools[0]") && l.contains("offered as Baton's built-in 'calculator'"))
                .anyMatch(l -> l.contains("tools[1]") && l.contains("http allow-list") && l.contains("tool picker"))
                .anyMatch(l -> l.contains("tools[2]") && l.contains("Baton has no tool of that name"));
    }
}

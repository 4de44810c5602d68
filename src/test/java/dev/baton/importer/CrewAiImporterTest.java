package dev.baton.importer;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A CrewAI crew (project layout with crew.py read as text) becomes a valid flow with an honest report. */
class CrewAiImporterTest {

    private static List<String> from(Flow f, String to) {
        return f.edges().stream().filter(e -> e.kind() == EdgeKind.NEXT && e.to().equals(to)).map(Edge::from).toList();
    }

    @Test
    void aSequentialCrewWithAsyncTasksContextHumanInputAndAGuardrail() throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("crewai/trip_crew"), null);

        assertThat(r.format()).isEqualTo("crewai");
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        Flow f = r.flow();
        AgentNode scout = f.node("scout-task").orElseThrow();
        assertThat(scout.role()).isEqualTo("{city} Local Scout");
        assertThat(scout.goal()).startsWith("Find the three best neighbourhoods");
        assertThat(scout.instructions()).contains("You grew up in {city}").contains("Research neighbourhoods");
        assertThat(scout.expectedOutput()).isEqualTo("A list of three neighbourhoods with one paragraph each.");
        assertThat(scout.model().label()).isEqualTo("openai/gpt-4o-mini");
        assertThat(f.node("budget-task").orElseThrow().model().label())
                .isEqualTo("anthropic/claude-3-5-haiku-latest");
        assertThat(f.node("itinerary-task").orElseThrow().model()).isNull();
        // async tasks are parallel branches from the start; crew.py's context=[…] joins them into the itinerary
        assertThat(from(f, "scout-task")).containsExactly("inputs");
        assertThat(from(f, "budget-task")).containsExactly("inputs");
        assertThat(from(f, "itinerary-task")).containsExactlyInAnyOrder("scout-task", "budget-task");
        // human_input: a human step after the task; the guardrail: a critic with its retries
        assertThat(from(f, "itinerary-task-review")).containsExactly("itinerary-task");
        assertThat(from(f, "crew-output")).containsExactly("itinerary-task-review");
        Edge review = f.edges().stream().filter(e -> e.kind() == EdgeKind.REVIEWS).findFirst().orElseThrow();
        assertThat(review.to()).isEqualTo("itinerary-task");
        assertThat(review.review().maxRetries()).isEqualTo(2);
        assertThat(f.node(review.from()).orElseThrow().critic().rubric()).startsWith("Every day lists a morning");
        // placeholders are named in the start node
        assertThat(f.node("inputs").orElseThrow().instructions()).contains("city, days");
        // laid out: no two nodes on one spot
        assertThat(f.nodes().stream().map(AgentNode::position).distinct()).hasSize(f.nodes().size());
        assertThat(f.nodes()).noneMatch(n -> n.position().equals(Position.ORIGIN));

        List<String> report = r.notes().stream().map(ImportNote::line).toList();
        assertThat(report).anyMatch(l -> l.contains("city_scout.tools[0]") && l.contains("SerperDevTool"));
        assertThat(report).anyMatch(l -> l.contains("groq/llama-3.1-70b"));
        assertThat(report).anyMatch(l -> l.contains("budget_task.output_file"));
        assertThat(report).anyMatch(l -> l.contains("allow_delegation"));
    }

    @Test
    void aHierarchicalCrewBecomesAManagerDelegatingToItsTasks() throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("crewai/board_crew/config/tasks.yaml"), "crewai");

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        Flow f = r.flow();
        AgentNode manager = f.nodesOfKind(NodeKind.SUPERVISOR).get(0);
        assertThat(manager.model().label()).isEqualTo("openai/gpt-4o");
        assertThat(manager.instructions()).contains("Size the market for {product}").contains("one-page memo");
        assertThat(f.outgoing(manager.id(), EdgeKind.DELEGATES)).extracting(Edge::to)
                .containsExactly("market-task", "memo-task");
    }

    @Test
    void crewPyIsNeverRun(@TempDir Path dir) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("agents.yaml"), "a:\n  role: R\n  goal: G\n  backstory: B\n");
        Files.writeString(config.resolve("tasks.yaml"), "t:\n  description: D\n  expected_output: E\n  agent: a\n");
        Path marker = dir.resolve("ran");
        Files.writeString(dir.resolve("crew.py"), "open('" + marker.toAbsolutePath() + "', 'w').write('x')\n"
                + "process=Process.hierarchical\n");

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(r.flow().nodesOfKind(NodeKind.SUPERVISOR)).hasSize(1);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aFolderWithoutACrewOrBrokenYamlGetsOneLine(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Importers.importFrom(dir, "crewai")).isInstanceOf(ImportException.class)
                .hasMessageContaining("no agents.yaml with tasks.yaml").hasMessageNotContaining("\n");
        Files.writeString(dir.resolve("agents.yaml"), "a: [unclosed\n");
        Files.writeString(dir.resolve("tasks.yaml"), "t:\n  description: D\n");
        assertThatThrownBy(() -> Importers.importFrom(dir, "crewai")).isInstanceOf(ImportException.class)
                .hasMessageContaining("agents.yaml: not valid YAML at line").hasMessageNotContaining("\n");
        Files.writeString(dir.resolve("agents.yaml"), "- just\n- a list\n");
        assertThatThrownBy(() -> Importers.importFrom(dir, "crewai")).isInstanceOf(ImportException.class)
                .hasMessageContaining("expected a mapping of agent names");
    }

    private static Path crewAt(Path project, String crew, String role) throws Exception {
        Path config = Files.createDirectories(project.resolve("src/lead_flow/crews").resolve(crew).resolve("config"));
        Files.writeString(config.resolve("agents.yaml"), "a:\n  role: " + role + "\n  goal: G\n  backstory: B\n");
        Files.writeString(config.resolve("tasks.yaml"), "t:\n  description: D\n  expected_output: E\n  agent: a\n");
        return config.getParent();
    }

    @Test
    void aCrewDeepInACrewAiFlowProjectIsFoundAndSeveralAreListedToChooseFrom(@TempDir Path dir) throws Exception {
        // the layout `crewai create flow` makes: src/PACKAGE/crews/CREW/config/*.yaml, six folders down
        Path score = crewAt(dir, "score_crew", "Scorer");
        ImportResult one = Importers.importFrom(dir, null);
        assertThat(one.flow().nodes()).anySatisfy(n -> assertThat(n.role()).isEqualTo("Scorer"));

        Path response = crewAt(dir, "response_crew", "Responder");
        assertThatThrownBy(() -> Importers.importFrom(dir, "crewai")).isInstanceOf(ImportException.class)
                .hasMessageContaining("2 CrewAI crews under " + dir)
                .hasMessageContaining(score.toString()).hasMessageContaining(response.toString())
                .hasMessageContaining("import one of them").hasMessageNotContaining("\n");
        assertThat(Importers.importFrom(response, null).flow().nodes())
                .anySatisfy(n -> assertThat(n.role()).isEqualTo("Responder"));
    }
}

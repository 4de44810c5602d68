package dev.baton.importer;

import dev.baton.flow.AgentNode;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowJson;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real files as users have them: saved on Windows, cut short, holding a pasted key, of a kind not imported. */
class ImportRobustnessTest {

    private static final String KEY = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEF";

    private static List<String> report(ImportResult r) {
        return r.notes().stream().map(ImportNote::line).toList();
    }

    @Test
    void aKeyPastedIntoAPromptNeverReachesTheFlowAndIsReported(@TempDir Path dir) throws Exception {
        String team = Files.readString(ImportFixtures.of("autogen/roundrobin-team.json"))
                .replace("You write short, clear drafts.", "You write short, clear drafts. Use " + KEY + " to call.");
        Path file = Files.writeString(dir.resolve("team.json"), team);

        ImportResult r = Importers.importFrom(file, null);

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        String saved = FlowJson.write(r.flow());
        assertThat(saved).doesNotContain(KEY).contains("Use " + Redactor.REDACTED + " to call.");
        assertThat(FlowJson.read(saved).flow().nodes()).hasSameSizeAs(r.flow().nodes());
        assertThat(report(r)).anyMatch(l -> l.startsWith("team.json the flow's node 'writer' instructions: a value"
                + " that looks like an OpenAI key") && l.contains("replaced by [REDACTED]"));
        assertThat(String.join("\n", report(r))).doesNotContain(KEY);
    }

    @Test
    void aKeyInACrewBackstoryIsRedactedToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("agents.yaml"), "a:\n  role: R\n  goal: G\n  backstory: Call with token "
                + KEY + "\n  llm: " + KEY + "\n  api_key: " + KEY + "\n");
        Files.writeString(dir.resolve("tasks.yaml"), "t:\n  description: D\n  expected_output: E\n  agent: a\n");

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(FlowJson.write(r.flow())).doesNotContain(KEY);
        assertThat(report(r)).anyMatch(l -> l.contains("node 't' instructions: a value that looks like"))
                .anyMatch(l -> l.contains("a.api_key")).anyMatch(l -> l.contains("a.llm"))
                .noneMatch(l -> l.contains(KEY));
    }

    @Test
    void theApiKeyNoteReadsTheSameAfterRedaction() throws Exception {
        // the report goes to stderr through a redactor: "api_key: an api_key" lost its next word to it
        ImportResult r = Importers.importFrom(ImportFixtures.of("autogen/roundrobin-team.json"), null);

        List<String> keyNotes = report(r).stream().filter(l -> l.contains("api_key")).toList();
        assertThat(keyNotes).isNotEmpty();
        Redactor redactor = Redactor.shapesOnly();
        assertThat(keyNotes).allSatisfy(l -> assertThat(redactor.redact(l)).isEqualTo(l));
    }

    @Test
    void aFileSavedWithAByteOrderMarkAndCrlfImports(@TempDir Path dir) throws Exception {
        String team = Files.readString(ImportFixtures.of("autogen/roundrobin-team.json")).replace("\n", "\r\n");
        Path json = dir.resolve("team.json");
        Files.write(json, ("\uFEFF" + team).getBytes(StandardCharsets.UTF_8));

        assertThat(Importers.importFrom(json, null).flow().nodes()).extracting(AgentNode::id).contains("writer");

        Path crew = Files.createDirectories(dir.resolve("crew"));
        Files.write(crew.resolve("agents.yaml"), "\uFEFFa:\r\n  role: R\r\n  goal: G\r\n  backstory: B\r\n"
                .getBytes(StandardCharsets.UTF_8));
        Files.write(crew.resolve("tasks.yaml"), "\uFEFFt:\r\n  description: D\r\n  agent: a\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(Importers.importFrom(crew, null).flow().nodesOfKind(NodeKind.AGENT))
                .singleElement().satisfies(n -> assertThat(n.role()).isEqualTo("R"));
    }

    @Test
    void aTruncatedExportGetsItsParseErrorWithLineAndColumn(@TempDir Path dir) throws Exception {
        String team = Files.readString(ImportFixtures.of("autogen/roundrobin-team.json"));
        Path cut = Files.writeString(dir.resolve("cut.json"), team.substring(0, team.length() / 2));

        for (String format : new String[] {null, "autogen", "flowise"}) {
            assertThatThrownBy(() -> Importers.importFrom(cut, format)).isInstanceOf(ImportException.class)
                    .hasMessageStartingWith(cut + ": not valid JSON at line ")
                    .hasMessageContaining("end-of-input").hasMessageNotContaining("\n");
        }
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"nodes\":" + "[".repeat(3000)
                + "]".repeat(3000) + ",\"edges\":[]}");
        assertThatThrownBy(() -> Importers.importFrom(deep, null)).isInstanceOf(ImportException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("nesting depth")
                .hasMessageNotContaining("StreamReadConstraints");
    }

    @Test
    void aFlowiseChatflowGetsOneLineNamingItAndItsNodes(@TempDir Path dir) throws Exception {
        // the shape of Flowise's marketplace chatflows (Tool Agent): category-tagged nodes, no agentflow node
        Path chatflow = Files.writeString(dir.resolve("Tool Agent.json"), """
                {"description": "An agent that can use tools", "nodes": [
                  {"id": "calculator_1", "data": {"name": "calculator", "category": "Tools", "inputs": {}}},
                  {"id": "chatOpenAI_0", "data": {"name": "chatOpenAI", "category": "Chat Models", "inputs": {}}},
                  {"id": "stickyNote_0", "data": {"name": "stickyNote", "category": "Utilities", "inputs": {}}},
                  {"id": "toolAgent_0", "data": {"name": "toolAgent", "category": "Agents", "inputs": {}}}],
                 "edges": [{"source": "chatOpenAI_0", "target": "toolAgent_0"}]}
                """);

        assertThatThrownBy(() -> Importers.importFrom(chatflow, null)).isInstanceOf(ImportException.class)
                .hasMessage(chatflow + " is not imported: a Flowise chatflow (calculator, chatOpenAI, toolAgent);"
                        + " Baton imports Flowise agentflows (V2, or V1 multi-agent teams and sequential agents),"
                        + " not chatflows");
    }

    @Test
    void participantsOfTheWrongTypeAreLeftOutWithANote(@TempDir Path dir) throws Exception {
        String team = Files.readString(ImportFixtures.of("autogen/roundrobin-team.json"))
                .replaceFirst("\"participants\": \\[", "\"participants\": [1, null, \"x\", {\"provider\": 5},");
        Path file = Files.writeString(dir.resolve("team.json"), team);

        ImportResult r = Importers.importFrom(file, null);

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(r.flow().nodes()).allSatisfy(n -> assertThat(n.name()).isNotBlank());
        assertThat(report(r)).filteredOn(l -> l.contains("a participant that is not an agent component"))
                .hasSize(4).allMatch(l -> l.endsWith("- left out"));
    }
    @Test
    void yamlMergeKeysAndAliasesAreResolvedAsCrewAiReadsThem(@TempDir Path dir) throws Exception {
        // PyYAML's safe_load (what CrewAI uses) merges "<<: *defaults"; Jackson kept it as a field named "<<"
        Files.writeString(dir.resolve("agents.yaml"), """
                _defaults: &defaults
                  llm: anthropic/claude-3-5-sonnet-20240620
                researcher:
                  <<: *defaults
                  role: >
                    Senior Research Specialist for {topic} \uD83D\uDD2C
                  goal: Find développements
                  backstory: "Vous êtes un chercheur — 研究者"
                """);
        Files.writeString(dir.resolve("tasks.yaml"), "research_task:\n  description: D\n  agent: researcher\n");

        ImportResult r = Importers.importFrom(dir, null);

        AgentNode task = r.flow().nodesOfKind(NodeKind.AGENT).get(0);
        assertThat(task.model().provider()).isEqualTo("anthropic");
        assertThat(task.role()).isEqualTo("Senior Research Specialist for {topic} \uD83D\uDD2C");
        assertThat(task.instructions()).startsWith("Vous êtes un chercheur — 研究者");
        assertThat(report(r)).noneMatch(l -> l.contains("<<"));

        // a "billion laughs": nine levels of nine aliases each, 9^9 items once expanded
        StringBuilder laughs = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 8; level++) {
            laughs.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (level - 1)))).append("]\n");
        }
        Files.writeString(dir.resolve("agents.yaml"), laughs);
        assertThatThrownBy(() -> Importers.importFrom(dir, null)).isInstanceOf(ImportException.class)
                .hasMessageContaining("agents.yaml: not valid YAML").hasMessageNotContaining("\n");
    }
    @Test
    void stickyNotesAreReportedInOneLine(@TempDir Path dir) throws Exception {
        // Flowise's marketplace flows carry up to six sticky notes each: one line for all, not one per note
        String flow = Files.readString(ImportFixtures.of("flowise/support-agentflow.json"));
        String note = "{\"id\": \"stickyNoteAgentflow_%d\", \"position\": {\"x\": 0, \"y\": 0},"
                + " \"data\": {\"name\": \"stickyNoteAgentflow\", \"label\": \"Sticky Note\", \"inputs\":"
                + " {\"note\": \"Explains the flow\"}}},";
        Path file = Files.writeString(dir.resolve("flow.json"), flow.replaceFirst("\"nodes\"\\s*:\\s*\\[",
                "\"nodes\": [" + String.format(note, 7) + String.format(note, 8) + String.format(note, 9)));

        ImportResult r = Importers.importFrom(file, null);

        assertThat(report(r)).filteredOn(l -> l.contains("sticky note")).singleElement()
                .satisfies(l -> assertThat(l).contains("/nodes/0, /nodes/1, /nodes/2").contains(" sticky notes -"));
    }
}

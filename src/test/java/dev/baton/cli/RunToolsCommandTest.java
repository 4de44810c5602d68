package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton run} of a flow whose agent uses tools: the workspace, the progress lines and the events file. */
class RunToolsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static Flow flow(String workspace) {
        return Flow.empty("tools", "tools")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("clerk", NodeKind.AGENT, "Clerk").withRole("billing clerk")
                        .withTools(List.of("read_file", "calculator")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "clerk"))
                .addEdge(Edge.next("e2", "clerk", "out"))
                .withTools(new ToolSettings(workspace, List.of(), List.of(), null, Map.of()));
    }

    private int run(Flow flow, String... args) {
        RunCommand command = new RunCommand(f -> flow, new BufferedReader(new StringReader("")),
                new ChatModelFactory(new Credentials(name -> null, dir.resolve("home")), Duration.ofSeconds(5)));
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void theWorkspaceIsRelativeToTheFlowFileAndToolCallsShowInProgressAndEvents() throws Exception {
        Path flows = Files.createDirectories(dir.resolve("flows"));
        Files.createDirectories(flows.resolve("data"));
        Files.writeString(flows.resolve("data/invoice.txt"), "ACME owes 1200 EUR\n");
        Path events = dir.resolve("events.jsonl");

        int code = run(flow("data"), flows.resolve("flow.json").toString(), "--input",
                "Read invoice.txt and add 1200 + 80 for fees", "--events", events.toString(),
                "--audit", dir.resolve("audit").toString());

        assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
        assertThat(err.toString())
                .contains("  tool clerk -> read_file {\"path\":\"invoice.txt\"}")
                .contains("  tool clerk -> calculator {\"expression\":\"1200 + 80\"}")
                .containsPattern("tool read_file ok \\(\\d+ ms, 19 bytes\\): ACME owes 1200 EUR")
                .containsPattern("tool calculator ok \\(\\d+ ms, \\d+ bytes\\): 1280");
        assertThat(out.toString()).contains("ACME owes 1200 EUR").contains("1280");
        List<JsonNode> tools = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(events)) {
            JsonNode e = json.readTree(line);
            if (e.get("type").asText().startsWith("ToolCall")) {
                tools.add(e);
            }
        }
        assertThat(tools).extracting(e -> e.get("type").asText()).containsExactly("ToolCallRequested",
                "ToolCallRequested", "ToolCallFinished", "ToolCallFinished");
        JsonNode finished = tools.get(2);
        assertThat(finished.get("tool").asText()).isEqualTo("read_file");
        assertThat(finished.get("error").asBoolean()).isFalse();
        assertThat(finished.get("bytes").asLong()).isEqualTo(19);
        assertThat(finished.get("durationMs").isNumber()).isTrue();
        assertThat(finished.get("server").asText()).isEmpty();
    }

    @Test
    void workspaceOptionOverridesTheFlowsFolder() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("invoice.txt"), "from the override\n");

        int code = run(flow("missing-folder"), dir.resolve("flow.json").toString(), "--input", "Read invoice.txt",
                "--workspace", other.toString(), "--no-audit");

        assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).contains("from the override");
    }

    @Test
    void aWorkspaceOptionThatIsNoFolderIsAUserError() {
        int code = run(flow(null), dir.resolve("flow.json").toString(), "--input", "x",
                "--workspace", dir.resolve("nope").toString(), "--no-audit");

        assertThat(code).isEqualTo(RunCommand.INVALID);
        assertThat(err.toString()).contains("--workspace").contains("is not a folder");
    }

    @Test
    void aKeyInAToolResultIsRedactedInProgressEventsAndAnswer() throws Exception {
        String key = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0";
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("secrets.txt"), "token " + key + "\n");
        Path events = dir.resolve("events.jsonl");

        int code = run(flow(null), dir.resolve("flow.json").toString(), "--input", "Read secrets.txt",
                "--workspace", ws.toString(), "--events", events.toString(), "--no-audit");

        assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
        assertThat(err.toString()).contains("tool read_file ok").doesNotContain(key);
        assertThat(out.toString()).doesNotContain(key);
        assertThat(Files.readString(events)).contains("ToolCallFinished").doesNotContain(key);
    }
}

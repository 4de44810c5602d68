package dev.baton.cli;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.testing.StubProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton run} asking on stdin before a tool call that needs approval, and {@code --approve-tools}. */
class RunApprovalCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A model that writes note.txt on its first turn and then answers with what the tool said. */
    private static final ModelProvider WRITER = calling("write_file", "{\"path\":\"note.txt\",\"content\":\"hello\"}");

    private ModelProvider model = WRITER;

    private static ModelProvider calling(String tool, String argumentsJson) {
        return StubProviders.answering((request, sink) -> {
        List<ChatMessage> m = request.messages();
        if (m.get(m.size() - 1) instanceof ChatMessage.ToolResult r) {
            return new ModelReply("tool said: " + r.text(), List.of(), 1, 1, true, "fake", "f", false);
        }
        return new ModelReply("", List.of(new ToolCall("c1", tool, Map.of(), argumentsJson)), 1, 1, true,
                "fake", "f", false);
    });
    }

    private Flow flow() {
        return Flow.empty("w", "w")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("clerk", NodeKind.AGENT, "Clerk").withRole("clerk")
                        .withModel(new ModelRef("openai", "gpt-4o-mini", null, null))
                        .withTools(List.of("write_file", "ask_human")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "clerk"))
                .addEdge(Edge.next("e2", "clerk", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(), null, Map.of()));
    }

    private int run(String stdin, String... extra) throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Flow flow = flow();
        RunCommand command = new RunCommand(f -> flow, new BufferedReader(new StringReader(stdin)), model);
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of(dir.resolve("flow.json").toString(), "--input", "go",
                "--workspace", ws.toString(), "--no-audit"));
        args.addAll(List.of(extra));
        return cl.execute(args.toArray(String[]::new));
    }

    private Path note() {
        return dir.resolve("ws").resolve("note.txt");
    }

    @Test
    void asksOnStdinWithTheToolAndItsArgumentsAndRunsOnApprove() throws Exception {
        int code = run("a\n");

        assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
        assertThat(err.toString()).contains("? [clerk] wants to call write_file with:")
                .contains("\"path\" : \"note.txt\"").contains("[a]pprove / [r]un-wide / [d]eny / [e]dit >")
                .contains("approval write_file: approve by cli");
        assertThat(Files.readString(note())).isEqualTo("hello");
    }

    @Test
    void denyWithAReasonGoesBackToTheModel() throws Exception {
        int code = run("d\nnot in the ledger folder\n");

        assertThat(code).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).contains("denied by cli: not in the ledger folder");
        assertThat(note()).doesNotExist();
    }

    @Test
    void editAsksAgainUntilTheArgumentsAreAJsonObject() throws Exception {
        int code = run("x\ne\n{broken\ne\n{\"path\":\"other.txt\",\"content\":\"edited\"}\n");

        assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
        assertThat(err.toString()).contains("answer a, r, d or e").contains("not valid JSON");
        assertThat(note()).doesNotExist();
        assertThat(Files.readString(dir.resolve("ws").resolve("other.txt"))).isEqualTo("edited");
    }

    @Test
    void noInputDeniesWithAClearMessageUnlessApproveToolsAuto() throws Exception {
        int code = run("a\n", "--no-input");
        assertThat(code).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).contains("--no-input forbids asking; run with --approve-tools auto to allow it");
        assertThat(note()).doesNotExist();

        int auto = run("", "--no-input", "--approve-tools", "auto");
        assertThat(auto).isEqualTo(RunCommand.OK);
        assertThat(err.toString()).contains("approval write_file: approve by policy - --approve-tools auto");
        assertThat(Files.readString(note())).isEqualTo("hello");
    }

    @Test
    void approveToolsDenyRefusesAndAnUnknownModeIsAUsageError() throws Exception {
        assertThat(run("a\n", "--approve-tools", "DENY")).isEqualTo(RunCommand.OK);
        assertThat(note()).doesNotExist();
        assertThat(out.toString()).contains("denied by policy: --approve-tools deny");

        int bad = run("", "--approve-tools", "maybe");
        assertThat(bad).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("'maybe' is not one of ask, auto, deny");
    }

    @Test
    void askHumanIsAnsweredOnStdinAndUnderNoInputTheModelReadsAnError() throws Exception {
        model = calling("ask_human", "{\"question\":\"Which invoice?\"}");
        assertThat(run("INV-7\n")).as(err.toString()).isEqualTo(RunCommand.OK);
        assertThat(err.toString()).contains("? [clerk] Which invoice?");
        assertThat(out.toString()).contains("tool said: INV-7");

        assertThat(run("", "--no-input")).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).contains("tool said: Error: ").contains("human input is disabled (--no-input)");
    }
}

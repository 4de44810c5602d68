package dev.baton.ui.shell;

import dev.baton.cli.RunCommand;
import dev.baton.engine.SampleFlows;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.run.RunService;
import dev.baton.secret.Redactor;
import dev.baton.ui.fx.Styles;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A problem found before a run starts is said in the same lines by the designer's dialog and by {@code baton run}
 * (issue 13: one run service for both front ends): a model without a key, an MCP server whose program is missing.
 */
@ExtendWith(ApplicationExtension.class)
class PreRunProblemsBothFrontsTest {

    @TempDir
    static Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    /** Real providers with an empty environment and an empty Baton home: no key from the machine leaks in. */
    private static ChatModelFactory keyless() {
        return new ChatModelFactory(new Credentials(name -> null, dir.resolve("home")), Duration.ofSeconds(5));
    }

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        window = new DesignerWindow(stage, dialogs);
        window.runs().setRunService(new RunService(Redactor.shapesOnly(), PreRunProblemsBothFrontsTest::keyless));
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of("x"));
        stage.show();
    }

    /** What each front end did with {@code flow}: the CLI's exit code and error lines, whether the designer ran. */
    private record Fronts(int code, List<String> cliLines, boolean designerStarted) { }

    private Fronts runBoth(FxRobot robot, Flow flow) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(f -> flow, new BufferedReader(new StringReader("")),
                keyless(), Redactor.shapesOnly()));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(dir.resolve("f.json").toString(), "--input", "x", "--no-audit");
        List<String> cliLines = err.toString().lines().map(l -> l.replaceFirst("^error: ", "")).toList();
        boolean[] started = new boolean[1];
        robot.interact(() -> {
            window.document().replace(flow, dir.resolve("f.json"));
            started[0] = window.runs().run();
        });
        return new Fronts(code, cliLines, started[0]);
    }

    @Test
    void missingKeysAreTheSameLinesInTheDialogAndOnTheCommandLine(FxRobot robot) {
        // writer and editor on anthropic, the rest on openai: two models, several nodes each
        Flow base = SampleFlows.blogChain().withDefaultModel(new ModelRef("openai", "gpt-4o-mini", null, null));
        Flow flow = base.withNodes(base.nodes().stream().map(n -> n.id().equals("writer") || n.id().equals("editor")
                ? n.withModel(new ModelRef("anthropic", "claude-sonnet-4-5", null, null)) : n).toList());

        Fronts r = runBoth(robot, flow);

        assertThat(r.code()).isEqualTo(RunCommand.INVALID);
        assertThat(r.designerStarted()).isFalse();
        assertThat(r.cliLines()).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(l -> assertThat(l).startsWith("model 'openai/gpt-4o-mini' (node 'researcher') needs an API key"))
                .anySatisfy(l -> assertThat(l).startsWith("model 'anthropic/claude-sonnet-4-5' (node 'writer') needs an API key")
                        .contains("ANTHROPIC_API_KEY"));
        assertThat(dialogs.errors).singleElement().asString().startsWith("Missing credentials: ");
        List<String> dialogLines = dialogs.errors.get(0).substring("Missing credentials: ".length()).lines().toList();
        assertThat(dialogLines).isEqualTo(r.cliLines());
    }

    @Test
    void anMcpServerThatCannotStartIsTheSameLineInTheDialogAndOnTheCommandLine(FxRobot robot) {
        Flow flow = Flow.empty("mcp", "mcp")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("agent", NodeKind.AGENT, "Agent").withRole("assistant")
                        .withTools(List.of("fs/read_text_file")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "agent"))
                .addEdge(Edge.next("e2", "agent", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(new McpServerDecl("fs",
                        "npx-is-not-installed-here", List.of("-y", "server-filesystem", "."), List.of(), null,
                        Map.of())), null, Map.of()));

        Fronts r = runBoth(robot, flow);

        assertThat(r.code()).isEqualTo(RunCommand.INVALID);
        assertThat(r.designerStarted()).isFalse();
        assertThat(r.cliLines()).containsExactly("MCP server 'fs' (npx-is-not-installed-here -y server-filesystem .) "
                + "cannot start: 'npx-is-not-installed-here' is not on the PATH");
        assertThat(dialogs.errors).containsExactly("MCP server cannot start: " + r.cliLines().get(0));
    }
}

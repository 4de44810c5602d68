package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.tool.mcp.McpTestServers;
import dev.baton.tool.mcp.ServerTrust;
import dev.baton.ui.settings.BatonHome;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flow someone sent names programs (its stdio MCP servers): the designer's first run or List tools of it asks once,
 * listing each exact command line and folder; Cancel starts nothing; an approval is remembered for that file and
 * those command lines only, owner-only under Baton's home.
 */
@ExtendWith(ApplicationExtension.class)
class ServerTrustDesignerTest {

    @TempDir
    Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = new DesignerWindow(stage, dialogs);
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of("hello"));
        stage.show();
    }

    /** A server that leaves a mark file when it starts (as any program could do anything), then speaks MCP. */
    private McpServerDecl marking(Path mark, String... extraArgs) throws Exception {
        Path script = dir.resolve("mark.js");
        Files.writeString(script, "require('fs').appendFileSync(process.env.MARK || '" + mark.toString()
                .replace("\\", "\\\\") + "', 'started\\n');\n" + McpTestServers.TASK_TOOLS_SERVER);
        List<String> args = new java.util.ArrayList<>(List.of(script.toString()));
        args.addAll(List.of(extraArgs));
        return new McpServerDecl("mark", McpTestServers.node(), args, List.of(), null, Map.of());
    }

    private static Flow flow(McpServerDecl server) {
        return Flow.empty("sent", "Sent to me")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("agent", NodeKind.AGENT, "Agent").withRole("assistant")
                        .withTools(List.of("mark/quick")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "agent"))
                .addEdge(Edge.next("e2", "agent", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(server), null, Map.of()));
    }

    private boolean run(FxRobot robot, Flow flow, Path file) {
        boolean[] started = new boolean[1];
        robot.interact(() -> {
            window.document().replace(flow, file);
            started[0] = window.runs().run();
        });
        return started[0];
    }

    private void awaitRunEnd(FxRobot robot) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        WaitForAsyncUtils.waitForFxEvents();
        while (window.runPanel().runningProperty().get() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(window.runPanel().runningProperty().get()).as("the run ended").isFalse();
    }

    @Test
    void theFirstRunAsksOnceCancelStartsNothingAndAChangedCommandAsksAgain(FxRobot robot) throws Exception {
        Path mark = dir.resolve("started.txt");
        Path file = dir.resolve("sent.json");
        McpServerDecl server = marking(mark);

        dialogs.programsAnswer = false;
        assertThat(run(robot, flow(server), file)).as("cancelled: no run").isFalse();

        assertThat(dialogs.programsAsked).singleElement().asString()
                .isEqualTo("mark: node " + dir.resolve("mark.js") + "\n  in " + dir);
        Thread.sleep(500);
        assertThat(mark).as("Cancel started no program").doesNotExist();

        dialogs.programsAnswer = true;
        assertThat(run(robot, flow(server), file)).isTrue();
        awaitRunEnd(robot);
        assertThat(dialogs.programsAsked).hasSize(2);
        assertThat(mark).exists();
        Path store = BatonHome.dir().resolve(ServerTrust.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rw-------");
        assertThat(Files.readString(store)).doesNotContain("mark.js");

        assertThat(run(robot, flow(server), file)).isTrue();
        awaitRunEnd(robot);
        assertThat(dialogs.programsAsked).as("approved before: not asked again").hasSize(2);

        // the same flow with another argument is another program: asked again
        dialogs.programsAnswer = false;
        assertThat(run(robot, flow(marking(mark, "--also-this")), file)).isFalse();
        assertThat(dialogs.programsAsked).hasSize(3);
        assertThat(dialogs.programsAsked.get(2)).contains("mark.js --also-this");
        // and the same commands in another file too
        assertThat(run(robot, flow(server), dir.resolve("copy.json"))).isFalse();
        assertThat(dialogs.programsAsked).hasSize(4);
    }

    @Test
    void listToolsAsksFirstAndCancelStartsNothing(FxRobot robot) throws Exception {
        Path mark = dir.resolve("listed.txt");
        Flow flow = flow(marking(mark));
        dialogs.programsAnswer = false;
        robot.interact(() -> {
            window.document().replace(flow, dir.resolve("listing.json"));
            window.document().select(List.of("agent"));
        });
        WaitForAsyncUtils.waitForFxEvents();

        robot.interact(() -> robot.lookup("#list-tools-mark").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.programsAsked).singleElement().asString().startsWith("mark: node ");
        assertThat(robot.lookup("#tool-server-status-mark").queryLabeled().getText())
                .startsWith("Tools not listed yet");
        Thread.sleep(500);
        assertThat(mark).doesNotExist();
    }
}

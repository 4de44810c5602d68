package dev.baton.ui.shell;

import dev.baton.ui.document.FlowDocument;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ToolSettings;
import dev.baton.ui.inspector.ToolCatalog;
import dev.baton.ui.inspector.ToolPicker;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector's tool picker on a real (headless) scene: check boxes, policy, search, MCP servers listed on demand. */
@ExtendWith(ApplicationExtension.class)
class ToolPickerTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    @BeforeEach
    void openSmallFlow(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> window.document().select(List.of("writer")));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static CheckBox check(FxRobot robot, String key) {
        return robot.lookup("#tool-picker .tool-row").match(n -> key.equals(n.getUserData())).lookup(".tool-check")
                .queryAs(CheckBox.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> policy(FxRobot robot, String key) {
        return robot.lookup("#tool-picker .tool-row").match(n -> key.equals(n.getUserData()))
                .lookup(".tool-policy").queryAs(ComboBox.class);
    }

    @Test
    void aCheckBoxClickAddsTheToolAndThePolicyOverrideIsAnotherUndoStep(FxRobot robot) {
        assertThat(robot.lookup("#tool-picker").tryQuery()).isPresent();
        CheckBox read = check(robot, "read_file");
        scrollIntoView(robot, read);
        robot.clickOn(read);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("writer").orElseThrow().tools()).containsExactly("read_file");
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Edit add tool read_file");
        // the row was rebuilt: its policy box is enabled now and says the default
        ComboBox<String> box = policy(robot, "read_file");
        assertThat(box.isDisabled()).isFalse();
        assertThat(box.getValue()).isEqualTo("default · auto");
        robot.interact(() -> box.setValue("ask"));
        assertThat(window.document().flow().node("writer").orElseThrow().toolSettings().approval())
                .containsEntry("read_file", ApprovalPolicy.ASK);
        robot.interact(() -> window.document().commands().undo());
        assertThat(window.document().flow().node("writer").orElseThrow().toolSettings()).isNull();
        assertThat(check(robot, "read_file").isSelected()).isTrue();
        robot.interact(() -> window.document().commands().undo());
        assertThat(check(robot, "read_file").isSelected()).isFalse();
    }

    @Test
    void theSearchBoxFiltersByNameAndDescription(FxRobot robot) {
        scrollIntoView(robot, robot.lookup("#tool-search").query());
        robot.clickOn("#tool-search").write("arithmetic");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#tool-picker .tool-row").queryAll().stream().map(Node::getUserData).toList())
                .containsExactly("calculator");
        robot.interact(() -> robot.lookup("#tool-search").queryTextInputControl().setText(""));
        assertThat(robot.lookup("#tool-picker .tool-row").queryAll()).hasSize(9);
    }

    @Test
    void theMaxToolCallsFieldCommitsOnEnterAndRefusesNonsense(FxRobot robot) {
        scrollIntoView(robot, robot.lookup("#max-tool-calls").query());
        robot.clickOn("#max-tool-calls").write("5").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(window.document().flow().node("writer").orElseThrow().toolSettings().maxToolCalls())
                .isEqualTo(5);
        robot.interact(() -> robot.lookup("#max-tool-calls").queryTextInputControl().setText("lots"));
        robot.clickOn("#max-tool-calls").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(robot.lookup(".status-invalid").match(n -> ((Label) n).getText().contains("max tool calls"))
                .tryQuery()).isPresent();
        assertThat(window.document().flow().node("writer").orElseThrow().toolSettings().maxToolCalls())
                .isEqualTo(5);
    }

    @Test
    void serversAreListedOnDemandOffTheFxThreadAndABrokenOneSaysWhyInOneLine(FxRobot robot) throws Exception {
        List<McpServerDecl> servers = new java.util.ArrayList<>(List.of(
                new McpServerDecl("broken", "/nonexistent/baton-mcp-server", List.of(), List.of(), null, null),
                new McpServerDecl("silent", "sleep", List.of("30"), List.of(), null, null),
                new McpServerDecl("keyed", null, null, null, "http://127.0.0.1:9/mcp", Map.of("Authorization",
                        "BATON_TEST_UNSET_TOKEN"))));
        String everything = referenceServer("server-everything");
        if (everything != null) {
            servers.add(new McpServerDecl("every", "node", List.of(everything, "stdio"), List.of(), null, null));
        }
        Flow flow = UiFlows.small().withTools(new ToolSettings(null, List.of(), servers, null, Map.of()));
        FlowDocument doc = new FlowDocument(flow);
        ToolCatalog catalog = new ToolCatalog(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-tool-list");
            t.setDaemon(true);
            return t;
        }), name -> null, Duration.ofSeconds(3));
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            ToolPicker picker = new ToolPicker(doc, "writer", catalog, m -> { });
            ScrollPane scroll = new ScrollPane(picker);
            scroll.setFitToWidth(true);
            stage[0] = new Stage();
            Scene scene = new Scene(scroll, 420, 800);
            scene.getStylesheets().setAll(window.stage().getScene().getStylesheets());
            stage[0].setScene(scene);
            stage[0].show();
        });
        assertThat(label(robot, "tool-server-status-silent")).startsWith("Tools not listed yet");
        String[] whileStarting = new String[1];
        robot.interact(() -> {
            for (McpServerDecl d : servers) {
                robot.lookup("#list-tools-" + d.name()).queryButton().fire();
            }
            // the click returned at once: the FX thread is free while the servers start
            whileStarting[0] = label(robot, "tool-server-status-silent");
        });
        assertThat(whileStarting[0]).startsWith("Starting the server");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (servers.stream().anyMatch(d -> label(robot, "tool-server-status-" + d.name()).startsWith("Starting"))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(label(robot, "tool-server-status-broken")).startsWith("MCP server 'broken'").doesNotContain("\n");
        assertThat(label(robot, "tool-server-status-silent")).startsWith("MCP server 'silent'")
                .contains("did not answer");
        assertThat(label(robot, "tool-server-status-keyed")).contains("needs BATON_TEST_UNSET_TOKEN");
        assertThat(robot.lookup("#list-tools-broken").queryButton().getText()).isEqualTo("Try again");
        if (everything != null) {
            assertThat(label(robot, "tool-server-status-every")).endsWith("tools");
            assertThat(robot.lookup(".tool-row").queryAll().stream().map(Node::getUserData).toList()).contains("every/echo");
            Node echo = robot.lookup(".tool-row").match(n -> "every/echo".equals(n.getUserData())).query();
            assertThat(robot.from(echo).lookup(".tool-params").queryLabeled().getText()).contains("message*: string");
            robot.interact(() -> robot.from(echo).lookup(".tool-check").queryAs(CheckBox.class).setSelected(true));
            assertThat(doc.flow().node("writer").orElseThrow().tools()).containsExactly("every/echo");
        }
        robot.interact(() -> stage[0].close());
    }

    @Test
    void aServersLongToolNamesNeverWidenThePickerPastItsPane(FxRobot robot) throws Exception {
        if (referenceServer("server-everything") == null) {
            return; // no node here: referenceServer said why
        }
        Path script = Files.createTempFile("baton-long-names", ".js");
        Files.writeString(script, """
                const rl = require('readline').createInterface({ input: process.stdin });
                const send = o => process.stdout.write(JSON.stringify(o) + '\\n');
                const tools = ['get_pull_request_review_comments_with_their_threads', 'weird name.with/slash',
                  'x'.repeat(90)].map(n => ({ name: n, description: 'a tool', inputSchema: { type: 'object',
                  properties: { target: { oneOf: [ { type: 'object', properties: { kind: { const: 'a' } } },
                  { type: 'object', properties: { kind: { const: 'b' }, href: { type: 'string' } } } ] } } } }));
                rl.on('line', l => { const m = JSON.parse(l);
                  if (m.method === 'initialize') send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion:
                    m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'long', version: '1' } } });
                  else if (m.method === 'tools/list') send({ jsonrpc: '2.0', id: m.id, result: { tools } });
                  else if (m.id !== undefined) send({ jsonrpc: '2.0', id: m.id, result: {} }); });
                """);
        List<McpServerDecl> servers = List.of(new McpServerDecl("long", "node", List.of(script.toString()),
                List.of(), null, null));
        FlowDocument doc = new FlowDocument(UiFlows.small().withTools(new ToolSettings(null, List.of(), servers,
                null, Map.of())));
        ToolCatalog catalog = new ToolCatalog(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-tool-list");
            t.setDaemon(true);
            return t;
        }), name -> null, Duration.ofSeconds(20));
        Stage[] stage = new Stage[1];
        ScrollPane[] scroll = new ScrollPane[1];
        robot.interact(() -> {
            scroll[0] = new ScrollPane(new ToolPicker(doc, "writer", catalog, m -> { }));
            scroll[0].setFitToWidth(true);
            stage[0] = new Stage();
            Scene scene = new Scene(scroll[0], 300, 800);
            scene.getStylesheets().setAll(window.stage().getScene().getStylesheets());
            stage[0].setScene(scene);
            stage[0].show();
        });
        robot.interact(() -> robot.lookup("#list-tools-long").queryButton().fire());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!label(robot, "tool-server-status-long").endsWith("tools") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(label(robot, "tool-server-status-long")).isEqualTo("3 tools");
        WaitForAsyncUtils.waitForFxEvents();
        double viewport = scroll[0].getViewportBounds().getWidth();
        double content = scroll[0].getContent().getLayoutBounds().getWidth();
        assertThat(content).as("the picker's width in a %.0f px pane", viewport).isLessThanOrEqualTo(viewport + 0.5);
        Node row = robot.lookup(".tool-row").match(n -> "long/weird name.with/slash".equals(n.getUserData())).query();
        assertThat(robot.from(row).lookup(".tool-check").queryAs(CheckBox.class).getTooltip().getText())
                .isEqualTo("weird name.with/slash");
        robot.interact(() -> stage[0].close());
        Files.deleteIfExists(script);
    }

    @Test
    void theFlowsToolSettingsDialogAppliesOneUndoableEditAndRefusesAValueForAName(FxRobot robot) {
        robot.interact(() -> window.document().select(List.of()));
        WaitForAsyncUtils.waitForFxEvents();
        scrollIntoView(robot, robot.lookup("#tool-settings").query());
        robot.clickOn("#tool-settings");
        WaitForAsyncUtils.waitForFxEvents();
        Stage dialog = (Stage) robot.lookup("#tools-workspace").query().getScene().getWindow();
        robot.interact(() -> {
            robot.lookup("#tools-workspace").queryTextInputControl().setText("data");
            robot.lookup("#tools-hosts").queryTextInputControl().setText("example.com\n*.wikipedia.org");
            robot.lookup("#tools-add-server").queryButton().fire();
        });
        robot.interact(() -> {
            robot.lookup("#server-name-1").queryTextInputControl().setText("fs");
            robot.lookup("#server-command-1").queryTextInputControl().setText("npx");
            robot.lookup("#server-args-1").queryTextInputControl().setText("-y\n@modelcontextprotocol/server-filesystem");
            robot.lookup("#server-env-1").queryTextInputControl().setText("sk-live-abcdefghijklmnopqrstu");
        });
        robot.clickOn("#tools-ok");
        assertThat(robot.lookup("#tools-error").queryLabeled().getText()).contains("write the NAME of a variable")
                .doesNotContain("sk-live");
        assertThat(window.document().flow().tools()).isEqualTo(ToolSettings.NONE);
        robot.interact(() -> robot.lookup("#server-env-1").queryTextInputControl().setText("FS_HOME"));
        robot.clickOn("#tools-ok");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.isShowing()).isFalse();
        ToolSettings t = window.document().flow().tools();
        assertThat(t.workspace()).isEqualTo("data");
        assertThat(t.httpAllowHosts()).containsExactly("example.com", "*.wikipedia.org");
        assertThat(t.mcpServers()).containsExactly(new McpServerDecl("fs", "npx",
                List.of("-y", "@modelcontextprotocol/server-filesystem"), List.of("FS_HOME"), null, null));
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Edit tool settings");
        // the flow inspector says what is set, and the node's picker now offers the server
        assertThat(robot.lookup(".inspector-hint").match(n -> ((Label) n).getText().startsWith("Workspace: data"))
                .tryQuery()).isPresent();
        robot.interact(() -> window.document().commands().undo());
        assertThat(window.document().flow().tools()).isEqualTo(ToolSettings.NONE);
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryLabeled().getText();
    }

    private static void scrollIntoView(FxRobot robot, Node n) {
        robot.interact(() -> {
            ScrollPane sp = (ScrollPane) robot.lookup(".scroll-pane").match(p -> ((ScrollPane) p).getContent() != null
                    && ((ScrollPane) p).getContent().getStyleClass().contains("inspector")).query();
            double y = sp.getContent().sceneToLocal(n.localToScene(0, 0)).getY();
            double h = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(h <= 0 ? 0 : Math.min(1, Math.max(0, (y - 40) / h)));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A reference server's entry script when node and target/mcp-servers are there (else the MCP part is left out). */
    static String referenceServer(String name) {
        Path script = Path.of(System.getProperty("baton.mcpServers", "target/mcp-servers"))
                .resolve("node_modules/@modelcontextprotocol").resolve(name).resolve("dist/index.js");
        return Files.isRegularFile(script) ? script.toAbsolutePath().toString() : null;
    }
}

package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool call waiting for approval in the designer: the card is marked, the Run tab shows the tool and its editable
 * arguments (checked before sending), and Approve / Deny reach the engine. The simulated model asks for write_file
 * because its task says to save to a file.
 */
@ExtendWith(ApplicationExtension.class)
class ApprovalFromDesignerTest {

    private static final String INPUT = "Save a short note about the refund to note.md";

    @TempDir
    Path dir;

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        window = new DesignerWindow(stage, dialogs);
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of(INPUT));
        stage.setWidth(1280);
        stage.setHeight(760);
        stage.show();
    }

    private static Flow flow() {
        return Flow.empty("notes", "Notes")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("clerk", NodeKind.AGENT, "Clerk").withRole("support clerk")
                        .withTools(List.of("write_file")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "clerk"))
                .addEdge(Edge.next("e2", "clerk", "out"))
                .withTools(new ToolSettings("ws", List.of(), List.of(), null, Map.of()));
    }

    private RunController startRun(FxRobot robot) throws Exception {
        Files.createDirectories(dir.resolve("ws"));
        Path file = dir.resolve("notes.json");
        robot.interact(() -> {
            window.document().replace(flow(), file);
            window.showCanvas();
        });
        boolean[] started = new boolean[1];
        robot.interact(() -> started[0] = window.runs().run());
        assertThat(started[0]).as("the run started; errors: " + dialogs.errors).isTrue();
        VBox box = robot.lookup("#run-approval").queryAs(VBox.class);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!box.isVisible() && System.nanoTime() < until) {
            Thread.sleep(20);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(box.isVisible()).as("the approval box shows; console: "
                + window.runPanel().console().getItems()).isTrue();
        return window.runPanel().controller();
    }

    private boolean has(String nodeId, String pseudoClass) {
        NodeSkin skin = window.canvas().skinOf(nodeId).orElseThrow();
        return skin.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    @Test
    void aWaitingApprovalIsUnmistakableAndEditedArgumentsAreCheckedThenUsed(FxRobot robot) throws Exception {
        RunController c = startRun(robot);

        assertThat(has("clerk", "approval")).as("the card is marked").isTrue();
        assertThat(has("clerk", "waiting")).isTrue();
        assertThat(window.canvas().skinOf("clerk").orElseThrow().runBadge()).isEqualTo("approve write_file?");
        assertThat(robot.lookup("#run-status").queryAs(Label.class).getText())
                .startsWith("waiting for your approval of write_file");
        assertThat(robot.lookup("#approval-title").queryAs(Label.class).getText())
                .isEqualTo("Waiting for your approval of write_file");
        TextArea args = robot.lookup("#approval-arguments").queryAs(TextArea.class);
        assertThat(args.getText()).contains("\"path\" : \"note.md\"");

        robot.interact(() -> args.setText("{ \"path\": \"edited.md\", "));
        robot.clickOn("#approval-approve");
        Label problem = robot.lookup("#approval-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).startsWith("Not valid JSON");
        assertThat(c.finished()).as("nothing was sent").isNotDone();

        robot.interact(() -> args.setText("{\"path\": \"edited.md\", \"content\": \"approved text\"}"));
        robot.clickOn("#approval-approve");
        c.finished().get(30, TimeUnit.SECONDS);
        settle(c);

        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(Files.readString(dir.resolve("ws").resolve("edited.md"))).isEqualTo("approved text");
        assertThat(dir.resolve("ws").resolve("note.md")).doesNotExist();
        assertThat(has("clerk", "approval")).isFalse();
        assertThat(robot.lookup("#run-approval").queryAs(VBox.class).isVisible()).isFalse();
        assertThat(window.runPanel().console().getItems()).anyMatch(l -> l.contains("write_file: approve by designer"));
    }

    @Test
    void denyWithAReasonReachesTheModelAndNothingIsWritten(FxRobot robot) throws Exception {
        RunController c = startRun(robot);

        javafx.scene.control.TextField reason = robot.lookup("#approval-reason").queryAs(
                javafx.scene.control.TextField.class);
        robot.interact(() -> reason.setText("not without the customer's consent"));
        robot.clickOn("#approval-deny");
        c.finished().get(30, TimeUnit.SECONDS);
        settle(c);

        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(dir.resolve("ws").resolve("note.md")).doesNotExist();
        assertThat(c.viewModel().finalOutputProperty().get())
                .contains("denied by designer: not without the customer's consent");
        assertThat(has("clerk", "approval")).isFalse();
    }

    @org.junit.jupiter.api.AfterEach
    void cancelAnyRun(FxRobot robot) {
        // a run left waiting would hold the shared audit database for the next test
        robot.interact(() -> window.runPanel().cancel());
    }

    private static void settle(RunController c) throws Exception {
        var marker = new java.util.concurrent.CompletableFuture<Void>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}

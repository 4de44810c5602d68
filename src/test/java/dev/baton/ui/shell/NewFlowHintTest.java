package dev.baton.ui.shell;

import dev.baton.ui.document.FlowDocument;
import dev.baton.flow.AgentNode;
import dev.baton.flow.NodeKind;
import dev.baton.ui.document.command.AddNode;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** A new flow says "add an agent to begin" as a hint, with no errors, until the user builds something. */
@ExtendWith(ApplicationExtension.class)
class NewFlowHintTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
    }

    @Test
    void aNewFlowShowsAHintNotAnError(FxRobot robot) {
        robot.interact(() -> window.files().newFlow());
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup("#validation-status").queryAs(Label.class);

        assertThat(window.document().problems()).isEmpty();
        assertThat(status.getText()).isEqualTo(FlowDocument.START_HINT).startsWith("add an agent to begin");
        assertThat(status.getStyleClass()).contains("status-hint").doesNotContain("status-invalid");
        assertThat(window.canvas().skinOf("output").orElseThrow().getPseudoClassStates())
                .extracting(Object::toString).doesNotContain("invalid");

        robot.interact(() -> window.document().execute(new AddNode(
                AgentNode.of("writer", NodeKind.AGENT, "Writer").withPosition(300, 0))));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.document().problems()).anyMatch(p -> p.isError());
        assertThat(status.getText()).contains("error");
        assertThat(status.getStyleClass()).contains("status-invalid").doesNotContain("status-hint");

        robot.interact(() -> window.document().commands().undo());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getText()).isEqualTo(FlowDocument.START_HINT);
    }

    @Test
    void aValidFlowOpenedAfterANewOneSaysValid(FxRobot robot) throws Exception {
        robot.interact(() -> window.files().newFlow());
        var file = java.nio.file.Path.of("sample-flows", "chain-blog-article.json");
        var flow = dev.baton.flow.io.FlowFiles.load(file).flow();
        robot.interact(() -> window.document().replace(flow, file));
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup("#validation-status").queryAs(Label.class);
        assertThat(status.getText()).isEqualTo("valid");
        assertThat(status.getStyleClass()).contains("status-valid").doesNotContain("status-hint");
    }
}

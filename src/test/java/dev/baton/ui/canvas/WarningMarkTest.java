package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.fx.Styles;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** A card with only a warning is not drawn as invalid (red, dashed); a card with an error is. */
@ExtendWith(ApplicationExtension.class)
class WarningMarkTest {

    private FlowCanvas canvas;
    private FlowDocument document;

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        Flow flow = Flow.empty("marks", "Marks")
                .addNode(AgentNode.of("start", NodeKind.START, "Start").withPosition(0, 0))
                // an Anthropic model name under the OpenAI provider: a warning, the run still goes
                .addNode(AgentNode.of("warned", NodeKind.AGENT, "Warned").withRole("writes").withPosition(300, 0)
                        .withModel(new ModelRef("openai", "claude-3-5-sonnet", null, null)))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output").withPosition(600, 0))
                // connected to nothing: an error
                .addNode(AgentNode.of("lost", NodeKind.AGENT, "Lost").withRole("waits").withPosition(300, 200))
                .addEdge(Edge.next("e1", "start", "warned"))
                .addEdge(Edge.next("e2", "warned", "out"));
        document = new FlowDocument(flow);
        canvas = new FlowCanvas(document);
        Scene scene = new Scene(new StackPane(canvas), 1000, 600);
        Styles.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void onlyErrorsMarkACardInvalid(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(document.problems()).anyMatch(p -> p.elementId().equals("warned") && !p.isError())
                .noneMatch(p -> p.elementId().equals("warned") && p.isError())
                .anyMatch(p -> p.elementId().equals("lost") && p.isError());
        assertThat(invalid("warned")).as("a warning only").isFalse();
        assertThat(invalid("lost")).as("an error").isTrue();
    }

    private boolean invalid(String id) {
        NodeSkin skin = canvas.nodeSkins().stream().filter(s -> s.nodeId().equals(id)).findFirst().orElseThrow();
        return skin.getPseudoClassStates().contains(NodeSkin.INVALID);
    }
}

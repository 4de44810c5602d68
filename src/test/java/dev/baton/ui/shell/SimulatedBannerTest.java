package dev.baton.ui.shell;

import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The canvas banner says the simulated model is in use only when a node really runs on it, and names which. */
@ExtendWith(ApplicationExtension.class)
class SimulatedBannerTest {

    private static final ModelRef REAL = new ModelRef("openai", "gpt-4o-mini", null, null);
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    private Label show(FxRobot robot, Flow flow) {
        robot.interact(() -> {
            window.document().replace(flow, null);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return FxPoints.onFx(() -> robot.lookup("#simulated-banner").queryAs(Label.class));
    }

    @Test
    void wholeSimulatedFlowSaysNoRealCalls(FxRobot robot) {
        Label banner = show(robot, UiFlows.small());
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).contains("no real AI calls");
    }

    @Test
    void aMixedFlowNamesTheSimulatedNodesOnly(FxRobot robot) {
        // writer and editor call a real model; the supervisor and its worker still run simulated
        Flow mixed = UiFlows.small().updateNode("writer", n -> n.withModel(REAL))
                .updateNode("editor", n -> n.withModel(REAL));
        Label banner = show(robot, mixed);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).contains("Lead", "Worker").doesNotContain("Writer", "Editor",
                "no real AI calls");
    }

    @Test
    void twoSimulatedNodesOfOneNameAreToldApartByTheirIds(FxRobot robot) {
        Flow mixed = UiFlows.small().updateNode("writer", n -> n.withModel(REAL))
                .updateNode("worker", n -> n.withName("Lead"));
        Label banner = show(robot, mixed);
        assertThat(banner.getText()).contains("Lead (lead)", "Lead (worker)").doesNotContain("Lead, Lead");
    }

    /** A router deciding by rules and a critic with checks only call no model: they are not "offline" nodes. */
    @Test
    void nodesThatCallNoModelAreNotNamedAsSimulated(FxRobot robot) {
        Flow real = UiFlows.small();
        for (String id : new String[] {"writer", "editor", "lead", "worker"}) {
            real = real.updateNode(id, n -> n.withModel(REAL));
        }
        real = real.addNode(dev.baton.flow.AgentNode.of("rules", dev.baton.flow.NodeKind.ROUTER, "By rules")
                        .withRouter(new dev.baton.flow.RouterSpec(dev.baton.flow.RouterMode.RULE)))
                .addNode(dev.baton.flow.AgentNode.of("checks", dev.baton.flow.NodeKind.CRITIC, "Checks only"));
        Label banner = show(robot, real);
        assertThat(banner.isVisible()).as(banner.getText()).isFalse();
    }

    @Test
    void noSimulatedNodeNoBannerEvenWithASimulatedDefault(FxRobot robot) {
        Flow real = UiFlows.small();
        for (String id : new String[] {"writer", "editor", "lead", "worker"}) {
            real = real.updateNode(id, n -> n.withModel(REAL));
        }
        assertThat(real.defaultModel().isSimulated()).isTrue();
        assertThat(show(robot, real).isVisible()).isFalse();
    }
}

package dev.baton.ui.shell;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import dev.baton.ui.run.TimelineBar;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider refusing the writer's call (HTTP 401): the writer turns red with the message, the Run tab says so. */
@ExtendWith(ApplicationExtension.class)
class RunErrorTest {

    private static final String PROVIDER_MESSAGE = "Incorrect API key provided: sk-test***. You can find your API "
            + "key at https://platform.openai.com/account/api-keys.";

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    /** The simulated model for every node but one, whose calls the "provider" refuses like OpenAI with a bad key. */
    private static ModelProvider refusing(String nodeId) {
        SimulatedProvider simulated = new SimulatedProvider(SimulatedModel.Settings.DEFAULT);
        return new ModelProvider() {
            @Override
            public String missingCredentials(ModelRef ref) {
                return null;
            }

            @Override
            public AgentModel model(ModelRef ref) {
                AgentModel real = simulated.model(ref);
                return (request, sink) -> {
                    if (request.nodeId().equals(nodeId)) {
                        throw new ModelException(ModelException.Kind.AUTHENTICATION, 401, PROVIDER_MESSAGE, null);
                    }
                    return real.chat(request, sink);
                };
            }
        };
    }

    @Test
    void theFailingNodeShowsARedBadgeWithTheProvidersMessageAndTheRunTabShowsTheError(FxRobot robot)
            throws Exception {
        Path file = Path.of("sample-flows", "chain-blog-article.json");
        Flow flow = UiFlows.sample("chain-blog-article.json");
        RunController c = RunController.on(flow, refusing("writer"), Platform::runLater);
        DesignerStage.showRun(robot, window, flow, file, c);
        robot.interact(() -> c.start("Write a blog article about heat pumps in cold climates"));
        c.finished().get(60, TimeUnit.SECONDS);
        CompletableFuture<Void> marker = new CompletableFuture<>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.FAILED);
        NodeSkin writer = window.canvas().skinOf("writer").orElseThrow();
        assertThat(writer.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("failed"));
        // shortened on the node: the model label dropped, the status and the start of the provider's words kept
        assertThat(writer.runBadge()).startsWith("failed · HTTP 401: Incorrect API key provided")
                .endsWith("…").doesNotContain("platform.openai.com");
        // in full: the node's error, the console, the banner on the Run tab
        assertThat(c.viewModel().node("writer").errorProperty().get()).contains(PROVIDER_MESSAGE);
        assertThat(window.runPanel().console().getItems()).anyMatch(l -> l.startsWith("x writer failed: ")
                && l.contains(PROVIDER_MESSAGE));
        assertThat(window.runPanel().errorBannerText()).startsWith("Run failed at Writer (writer): ")
                .contains("HTTP 401").contains(PROVIDER_MESSAGE);
        assertThat(robot.lookup("#run-error").query().isVisible()).isTrue();
        // the researcher before it is unharmed; the writer's refused call ends red on its lane
        assertThat(window.canvas().skinOf("researcher").orElseThrow().getPseudoClassStates())
                .contains(PseudoClass.getPseudoClass("done"));
        assertThat(c.viewModel().timeline().bars()).filteredOn(b -> b.lane().equals("writer"))
                .isNotEmpty().allMatch(TimelineBar::failed);

        // hovering the failed card shows the whole error
        robot.moveTo(FxPoints.centre(writer));
        long until = System.currentTimeMillis() + 10_000;
        while (shownTooltip().isEmpty() && System.currentTimeMillis() < until) {
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(shownTooltip()).startsWith("Failed: ").contains(PROVIDER_MESSAGE);

        // "Show node" picks the failing node on the canvas
        FxPoints.click(robot, "#run-error-show");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().selection()).containsExactly("writer");
    }

    /** The text of the tooltip on screen, "" when none shows. */
    private static String shownTooltip() {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing())
                .map(w -> ((javafx.scene.control.Tooltip) w).getText()).findFirst().orElse("");
    }
}

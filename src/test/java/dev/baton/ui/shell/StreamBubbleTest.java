package dev.baton.ui.shell;

import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.Flow;
import dev.baton.ui.run.NodeRunState;
import dev.baton.ui.run.RunController;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** While an agent streams, a bubble beside its card shows the tail of the text; when it is done the bubble goes. */
@ExtendWith(ApplicationExtension.class)
class StreamBubbleTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    @Test
    void aStreamingAgentShowsTheTailOfItsTextInABubbleThatGoesWhenItIsDone(FxRobot robot) throws Exception {
        Path file = Path.of("sample-flows", "chain-blog-article.json");
        Flow flow = UiFlows.sample("chain-blog-article.json");
        // slow streaming (400 tokens/s) so each agent streams for a while
        RunController c = RunController.simulated(flow,
                SimulatedModel.Settings.DEFAULT.withLatency(Duration.ofMillis(50), 400), Platform::runLater);
        DesignerStage.showRun(robot, window, flow, file, c);
        robot.interact(() -> c.start("Write a blog article about heat pumps in cold climates"));

        // catch a moment when some agent runs with a bubble on screen
        String[] seen = null;
        long until = System.currentTimeMillis() + 30_000;
        while (seen == null && System.currentTimeMillis() < until && !c.finished().isDone()) {
            seen = WaitForAsyncUtils.asyncFx(() -> {
                for (var e : c.viewModel().nodes().entrySet()) {
                    Optional<Node> bubble = robot.lookup("#stream-bubble-" + e.getKey()).tryQuery();
                    if (e.getValue().state() == NodeRunState.RUNNING && bubble.isPresent()) {
                        return new String[] {e.getKey(), ((Label) bubble.get()).getText(),
                                e.getValue().streamedTextProperty().get()};
                    }
                }
                return (String[]) null;
            }).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.sleep(40, TimeUnit.MILLISECONDS);
        }
        assertThat(seen).as("a running agent showed a stream bubble").isNotNull();
        String shown = seen[1];
        String streamed = seen[2].strip().replaceAll("\\s+", " ");
        assertThat(shown).isNotBlank().hasSizeLessThanOrEqualTo(121);
        // the bubble shows the end of what was streamed (the stream may have grown since: compare a prefix of it)
        String words = shown.startsWith("…") ? shown.substring(1) : shown;
        assertThat(streamed).contains(words.substring(0, Math.min(40, words.length())));

        c.finished().get(60, TimeUnit.SECONDS);
        CompletableFuture<Void> marker = new CompletableFuture<>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".run-stream-bubble").queryAll()).as("no bubble after the run").isEmpty();
    }
}

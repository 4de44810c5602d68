package dev.baton.ui.shell;

import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.run.BreakpointHit;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import dev.baton.ui.run.RunTimeline;
import dev.baton.ui.run.TimelineBar;
import javafx.scene.Node;
import javafx.scene.Parent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor whose worker sat at a breakpoint: the node view and the timeline give the wait apart from the
 * supervisor's own latency.
 */
@ExtendWith(ApplicationExtension.class)
class WaitApartFromLatencyTest {

    private static final long HELD_MS = 800;
    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of("Enter Japan with our CRM"));
    }

    @Test
    void theNodeViewAndTimelineShowTheWaitApart(FxRobot robot) throws Exception {
        Path file = Path.of("sample-flows", "supervisor-market-entry-japan.json");
        var flow = FlowFiles.load(file).flow();
        robot.interact(() -> {
            window.document().replace(flow, file);
            window.showCanvas();
            window.canvas().breakpoints().add("legal-analyst");
        });
        boolean[] started = new boolean[1];
        robot.interact(() -> started[0] = window.runs().run());
        assertThat(started[0]).as("started; errors: " + dialogs.errors).isTrue();
        RunController c = window.runPanel().controller();
        BreakpointHit hit = c.awaitBreakpoint(Duration.ofSeconds(30));
        assertThat(hit).isNotNull();
        Thread.sleep(HELD_MS); // the person reads the worker's input
        assertThat(c.continueRun()).isTrue();
        c.finished().get(60, TimeUnit.SECONDS);
        CompletableFuture<Void> marker = new CompletableFuture<>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);

        robot.interact(() -> window.document().select(List.of("strategy-lead")));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> timings = new ArrayList<>();
        collect(robot.lookup("#node-inspector").query(), timings);
        String waited = timings.stream().filter(t -> t.contains("waited")).findFirst()
                .orElseThrow(() -> new AssertionError("no wait shown in " + timings));
        Matcher m = Pattern.compile("latency (\\d+) ms · waited (\\d+) ms").matcher(waited);
        assertThat(m.find()).as(waited).isTrue();
        assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(HELD_MS - 50);

        RunTimeline timeline = c.viewModel().timeline();
        TimelineBar bar = timeline.bars().stream().filter(b -> b.lane().equals("strategy-lead"))
                .filter(b -> timeline.activationOf(b).map(a -> a.waitedMs() > 0).orElse(false)).findFirst()
                .orElseThrow(() -> new AssertionError("no call of the supervisor in an activation that waited"));
        RunTimeline.Activation a = timeline.activationOf(bar).orElseThrow();
        assertThat(a.waitedMs()).isEqualTo(Long.parseLong(m.group(2)));
        assertThat(a.latencyMs()).isEqualTo(Long.parseLong(m.group(1)));
        assertThat(c.viewModel().console()).anyMatch(l -> l.startsWith("< strategy-lead done")
                && l.contains("waited " + a.waitedMs() + " ms"));
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Label l && l.getStyleClass().contains("inspect-timing")) {
            out.add(l.getText());
        }
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            collect(sp.getContent(), out);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }
}

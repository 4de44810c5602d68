package dev.baton.ui.shell;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.Flow;
import dev.baton.ui.timeline.TimelineView;
import dev.baton.ui.run.EdgeSignal;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunTimeline;
import dev.baton.ui.run.TimelineArrow;
import dev.baton.ui.run.TimelineBar;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Run tab's swimlane timeline after real runs of the samples on the simulated model, in the designer window. */
@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    /** Runs a sample as Run ▸ Run does, but with a recorder of the engine's events; waits until all are shown. */
    private List<RunEvent> run(String sample, String input, FxRobot robot) throws Exception {
        return run(sample, input, SimulatedModel.Settings.DEFAULT, robot);
    }

    private List<RunEvent> run(String sample, String input, SimulatedModel.Settings settings, FxRobot robot)
            throws Exception {
        Path file = Path.of("sample-flows", sample);
        Flow flow = UiFlows.sample(sample);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunController c = RunController.simulated(flow, settings, Platform::runLater)
                .listen((RunListener) events::add);
        DesignerStage.showRun(robot, window, flow, file, c);
        robot.interact(() -> c.start(input));
        c.finished().get(60, TimeUnit.SECONDS);
        CompletableFuture<Void> marker = new CompletableFuture<>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // a finished run brings its Result forward: go back to the timeline as a person would
        FxPoints.click(robot, "#run-view-progress");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> timeline().paintNow());
        return events;
    }

    private TimelineView timeline() {
        return window.runPanel().timeline();
    }

    private static <T extends RunEvent> List<T> of(List<RunEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private Point2D onScreen(Point2D inCanvas) {
        return FxPoints.onFx(() -> timeline().canvas().localToScreen(inCanvas));
    }

    @Test
    void oneLanePerAgentInTheOrderTheyActedOneBarPerModelCallAndAnArrowPerHandoff(FxRobot robot) throws Exception {
        List<RunEvent> events = run("swarm-customer-support.json",
                "I was charged twice for my subscription this month and want a refund", robot);
        RunTimeline t = window.runPanel().controller().viewModel().timeline();

        Set<String> acted = new LinkedHashSet<>();
        for (RunEvent e : events) {
            if (e instanceof RunEvent.ModelRequested r) {
                acted.add(r.nodeId());
            } else if (e instanceof RunEvent.Handoff h) {
                acted.add(h.from());
                acted.add(h.to());
            } else if (e instanceof RunEvent.CriticVerdict v && !v.pass()) {
                acted.add(v.nodeId());
                acted.add(v.reviewedNode());
            }
        }
        assertThat(t.lanes()).containsExactlyElementsOf(acted);
        List<RunEvent.ModelRequested> calls = of(events, RunEvent.ModelRequested.class);
        assertThat(t.bars()).hasSize(calls.size());
        assertThat(t.bars()).extracting(TimelineBar::lane).containsExactlyElementsOf(
                calls.stream().map(RunEvent.ModelRequested::nodeId).toList());
        assertThat(t.bars()).allSatisfy(b -> assertThat(b.answered()).isTrue());
        List<RunEvent.Handoff> handoffs = of(events, RunEvent.Handoff.class);
        assertThat(handoffs).isNotEmpty();
        assertThat(t.arrows()).filteredOn(a -> a.kind() == EdgeSignal.Kind.HANDOFF).extracting(
                a -> a.fromLane() + "->" + a.toLane()).containsExactlyElementsOf(
                handoffs.stream().map(h -> h.from() + "->" + h.to()).toList());
        // a burst of events is painted in a few frames, not once per event
        assertThat(timeline().paints()).isLessThan(events.size());

        // hovering an arrow names its kind, its ends and the context policy
        TimelineArrow handoff = t.arrows().stream().filter(a -> a.kind() == EdgeSignal.Kind.HANDOFF).findFirst()
                .orElseThrow();
        Point2D mid = timeline().middleOf(handoff);
        assertThat(mid).isNotNull();
        assertThat(timeline().tooltipTextAt(mid.getX(), mid.getY())).startsWith("Handoff: "
                + t.label(handoff.fromLane()) + " → " + t.label(handoff.toLane())).contains("context: ");
    }

    @Test
    void aLaneNameIsWholeOnHoverAndItsColumnWidensByDraggingItsEdge(FxRobot robot) throws Exception {
        run("chain-blog-article.json", "Heat pumps in cold climates", robot);
        RunTimeline t = window.runPanel().controller().viewModel().timeline();
        String lane = t.lanes().get(0);
        double y = laneY(0);
        String tip = timeline().tooltipTextAt(4, y);
        assertThat(tip).startsWith(t.label(lane));

        double before = FxPoints.onFx(() -> timeline().namesWidth());
        Point2D edge = onScreen(new Point2D(before, y));
        robot.drag(edge, javafx.scene.input.MouseButton.PRIMARY).moveBy(90, 0).release(
                javafx.scene.input.MouseButton.PRIMARY);
        robot.interact(() -> timeline().paintNow());
        assertThat(FxPoints.onFx(() -> timeline().namesWidth())).isCloseTo(before + 90, org.assertj.core.data.Offset.offset(6.0));
        // the bars moved right with the column: what was at the old edge is now a name
        assertThat(timeline().hitAt(before + 40, y)).isEqualTo(lane);
    }

    private double laneY(int lane) {
        return FxPoints.onFx(() -> timeline().laneCentreY(lane));
    }

    @Test
    void hoveringABarTellsItsCallAndClickingItSelectsTheNodeOnTheCanvas(FxRobot robot) throws Exception {
        // calls that take time: an instant call's bar is a sliver the delegation arrow drawn at its start covers
        run("supervisor-market-entry-japan.json", "Should we enter Japan?",
                SimulatedModel.Settings.DEFAULT.withLatency(java.time.Duration.ofMillis(60), 0), robot);
        RunTimeline t = window.runPanel().controller().viewModel().timeline();
        // the second lane: the Run tab is short here, and lower lanes may be scrolled out of sight
        TimelineBar bar = t.bars().stream().filter(b -> b.lane().equals(t.lanes().get(1))).findFirst()
                .orElseThrow();
        Point2D centre = timeline().centreOf(bar);
        assertThat(timeline().hitAt(centre.getX(), centre.getY())).isEqualTo(bar);

        robot.moveTo(onScreen(centre));
        WaitForAsyncUtils.waitForFxEvents();
        String expected = t.label(bar.lane()) + " · turn " + bar.turn();
        assertThat(robot.listWindows()).filteredOn(w -> w instanceof Tooltip && w.isShowing())
                .singleElement().satisfies(w -> assertThat(((Tooltip) w).getText()).startsWith(expected)
                        .contains(bar.tokens() + " tokens").contains("latency").contains("simulated — $0"));

        robot.clickOn(onScreen(centre));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().selection()).containsExactly(bar.lane());

        // the meter shows the run's tokens against the flow's budget
        assertThat(window.runPanel().meter().tokensText()).isEqualTo(String.format(java.util.Locale.ROOT,
                "%,d / %,d tokens", window.runPanel().controller().viewModel().tokensUsedProperty().get(), 120_000));
        assertThat(window.runPanel().meter().costText()).isEqualTo("simulated — $0");
    }

    @Test
    void ctrlWheelZoomsAroundThePointerAndTheWheelScrollsBack(FxRobot robot) throws Exception {
        run("chain-blog-article.json", "Write a blog article about heat pumps in cold climates", robot);
        double before = timeline().pxPerMs();
        Point2D inside = onScreen(new Point2D(timeline().canvas().getWidth() * 0.7, 40));
        // one way first: the scale fitted to a short run may sit at the zoom's upper bound
        robot.moveTo(inside).press(KeyCode.CONTROL).scroll(3, VerticalDirection.DOWN).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        double once = timeline().pxPerMs();
        robot.press(KeyCode.CONTROL).scroll(3, VerticalDirection.UP).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        double back = timeline().pxPerMs();
        assertThat(Math.max(once, back) / Math.min(once, back)).isCloseTo(1.25 * 1.25 * 1.25,
                org.assertj.core.api.Assertions.within(1e-6));
        // without Ctrl the wheel does not zoom
        robot.scroll(2, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(timeline().pxPerMs()).isEqualTo(back);
        assertThat(before).isPositive();
    }

    @Test
    void whileTheAnimationIsPausedOpenBarsStopGrowingAndGoOnFromThereAfterResume(FxRobot robot) throws Exception {
        // one slow call: the researcher's bar stays open for seconds
        Flow flow = UiFlows.sample("chain-blog-article.json");
        RunController c = RunController.simulated(flow,
                SimulatedModel.Settings.DEFAULT.withLatency(java.time.Duration.ofSeconds(4), 0), Platform::runLater);
        DesignerStage.showRun(robot, window, flow, Path.of("sample-flows", "chain-blog-article.json"), c);
        robot.interact(() -> c.start("Write about tides"));
        try {
            waitUntil(() -> FxPoints.onFx(() -> timeline().openBarsReachMs()) > 300, "the open bar grows");

            robot.interact(c::pause);
            double atPause = FxPoints.onFx(() -> timeline().openBarsReachMs());
            WaitForAsyncUtils.sleep(1000, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(FxPoints.onFx(() -> timeline().openBarsReachMs())).as("frozen while paused")
                    .isEqualTo(atPause);

            long resumedAt = System.nanoTime();
            robot.interact(c::resume);
            waitUntil(() -> FxPoints.onFx(() -> timeline().openBarsReachMs()) > atPause + 100, "it grows again");
            double after = FxPoints.onFx(() -> timeline().openBarsReachMs());
            double sinceResume = (System.nanoTime() - resumedAt) / 1e6;
            // from where it stopped, not on by the 1,000 ms it was paused (slack: the last pulse before the pause
            // may have been a while before it on a loaded machine)
            assertThat(after - atPause).isLessThan(sinceResume + 300);
        } finally {
            c.cancel();
            c.finished().get(30, TimeUnit.SECONDS);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}

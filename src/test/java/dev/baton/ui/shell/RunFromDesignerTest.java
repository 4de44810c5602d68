package dev.baton.ui.shell;

import dev.baton.ui.settings.BatonHome;
import dev.baton.flow.AgentNode;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.panels.RunPanelInputs;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Run ▸ Run from the designer window on the simulated model: states on the skins, console, cancel, refusals. */
@ExtendWith(ApplicationExtension.class)
class RunFromDesignerTest {

    private static final Path CHAIN = Path.of("sample-flows", "chain-blog-article.json");
    private static final String INPUT = "Write a blog article about heat pumps in cold climates";

    private final FakeDialogs dialogs = new FakeDialogs();
    private final List<List<String>> recentOffered = new ArrayList<>();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        window = new DesignerWindow(stage, dialogs);
        window.runs().setInputAsker((name, prompt, recent) -> {
            recentOffered.add(recent);
            return Optional.of(INPUT);
        });
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
    }

    @AfterEach
    void fastAgain() {
        System.clearProperty("baton.sim.latency");
    }

    private void open(Path file, FxRobot robot) throws Exception {
        var flow = FlowFiles.load(file).flow();
        robot.interact(() -> {
            window.document().replace(flow, file);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private RunController runToEnd(FxRobot robot) throws Exception {
        boolean[] started = new boolean[1];
        robot.interact(() -> started[0] = window.runs().run());
        assertThat(started[0]).as("the run started; errors shown: " + dialogs.errors).isTrue();
        RunController c = window.runPanel().controller();
        c.finished().get(60, TimeUnit.SECONDS);
        settle(c, robot);
        return c;
    }

    /** Waits until the bridge applied everything the run published. */
    private static void settle(RunController c, FxRobot robot) throws Exception {
        var marker = new java.util.concurrent.CompletableFuture<Void>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean has(String nodeId, String pseudoClass) {
        NodeSkin skin = window.canvas().skinOf(nodeId).orElseThrow(() -> new AssertionError("no skin " + nodeId));
        return skin.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    @Test
    void runningTheChainSampleEndsWithEveryAgentDoneAndTheOutputInTheConsole(FxRobot robot) throws Exception {
        open(CHAIN, robot);
        RunController c = runToEnd(robot);

        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);
        List<String> agents = window.document().flow().nodesOfKind(NodeKind.AGENT).stream().map(AgentNode::id)
                .toList();
        assertThat(agents).isNotEmpty();
        for (String id : agents) {
            assertThat(has(id, "done")).as(id + " is :done").isTrue();
            assertThat(has(id, "running")).as(id + " no longer :running").isFalse();
            assertThat(window.canvas().skinOf(id).orElseThrow().runBadge()).as(id + " badge").contains("tok");
        }
        String output = c.viewModel().finalOutputProperty().get();
        assertThat(output).isNotBlank();
        String firstLine = output.strip().lines().findFirst().orElseThrow().strip();
        String start = firstLine.substring(0, Math.min(30, firstLine.length()));
        assertThat(window.runPanel().console().getItems()).anyMatch(line -> line.contains(start));
        assertThat(window.runPanel().console().getItems()).anyMatch(line -> line.startsWith("Run succeeded"));
        Label banner = robot.lookup("#simulated-banner").queryAs(Label.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(robot.lookup("#status-providers").queryAs(Label.class).getText()).contains("simulated");

        // the input is remembered for this flow and offered the next time
        assertThat(new RunPanelInputs(BatonHome.dir().resolve("inputs.json"))
                .recent(CHAIN.toAbsolutePath().normalize().toString())).first().isEqualTo(INPUT);
        runToEnd(robot);
        assertThat(recentOffered.get(1)).first().isEqualTo(INPUT);
    }

    @Test
    void anAuditDatabaseThatCannotBeOpenedIsReportedAndTheNextRunCanStart(FxRobot robot) throws Exception {
        Path home = java.nio.file.Files.createTempDirectory("baton-home");
        java.nio.file.Files.writeString(home.resolve("audit.mv.db"), "not a database");
        String before = System.getProperty("baton.home");
        System.setProperty("baton.home", home.toString());
        try {
            open(CHAIN, robot);
            boolean[] started = new boolean[1];
            robot.interact(() -> started[0] = window.runs().run());
            assertThat(started[0]).isTrue(); // launched: the database opens off the FX thread
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (dialogs.errors.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                WaitForAsyncUtils.waitForFxEvents();
            }
            assertThat(dialogs.errors).singleElement().asString().startsWith("Cannot start the run")
                    .contains("audit.mv.db", "not an H2 database");
            assertThat(window.runPanel().runningProperty().get()).as("the failed run does not block the next")
                    .isFalse();
            assertThat(java.nio.file.Files.readString(home.resolve("audit.mv.db"))).isEqualTo("not a database");
        } finally {
            if (before == null) {
                System.clearProperty("baton.home");
            } else {
                System.setProperty("baton.home", before);
            }
        }
        RunController c = runToEnd(robot); // the usual home again: this one runs
        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);
    }

    @Test
    void cancelStopsTheRunAndNoNodeKeepsGlowing(FxRobot robot) throws Exception {
        // each simulated call takes 3 s, so the Cancel click lands while the researcher works even when a loaded
        // machine delays the FX thread by seconds (at 400 ms the whole chain could end before the click); cancel
        // interrupts the call, so the test does not wait the 3 s out
        System.setProperty("baton.sim.latency", "3000");
        open(CHAIN, robot);
        robot.interact(() -> window.runs().run());
        RunController c = window.runPanel().controller();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!has("researcher", "running") && System.currentTimeMillis() < deadline) {
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(has("researcher", "running")).as("researcher glows while it works").isTrue();

        FxPoints.click(robot, "#run-cancel");
        c.finished().get(30, TimeUnit.SECONDS);
        settle(c, robot);

        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.CANCELLED);
        assertThat(has("researcher", "running")).isFalse();
        assertThat(has("editor", "done")).as("the editor never ran").isFalse();
        assertThat(window.runPanel().runningProperty().get()).isFalse();
    }

    @Test
    void anInvalidFlowDoesNotRunAndShowsItsProblems(FxRobot robot) {
        robot.interact(() -> {
            window.document().replace(dev.baton.flow.Flow.empty("broken", "Broken"), null);
            window.showCanvas();
        });
        boolean[] started = {true};
        robot.interact(() -> started[0] = window.runs().run());
        assertThat(started[0]).isFalse();
        assertThat(window.runPanel().controller()).isNull();
        assertThat(robot.lookup("#tab-problems").tryQuery()).isPresent();
        assertThat(recentOffered).as("no input asked for a flow that cannot run").isEmpty();
    }

    @Test
    void aBreakpointStopsBeforeTheNodeAndContinueGoesOnWithTheEditedText(FxRobot robot) throws Exception {
        open(CHAIN, robot);
        robot.interact(() -> window.canvas().toggleBreakpoint("writer"));
        assertThat(has("writer", "breakpoint")).isTrue();
        robot.interact(() -> window.runs().run());
        RunController c = window.runPanel().controller();
        assertThat(c.awaitBreakpoint(java.time.Duration.ofSeconds(20))).isNotNull();
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TextArea text = robot.lookup("#breakpoint-text").queryAs(javafx.scene.control.TextArea.class);
        assertThat(text.isVisible()).isTrue();
        assertThat(text.getText()).isNotBlank();
        robot.interact(() -> text.setText("EDITED CONTEXT for the writer"));
        FxPoints.click(robot, "#breakpoint-continue");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(c.heldAt()).as("Continue let the run go on").isNull();
        c.finished().get(60, TimeUnit.SECONDS);
        settle(c, robot);
        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(has("writer", "done")).isTrue();
    }
}

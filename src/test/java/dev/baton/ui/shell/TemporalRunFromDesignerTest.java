package dev.baton.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.audit.AuditWriter;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;
import dev.baton.run.RemoteEngine;
import dev.baton.secret.Redactor;
import dev.baton.temporal.TemporalWorker;
import dev.baton.temporal.WorkerActivities;
import dev.baton.ui.run.NodeRunState;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import dev.baton.ui.settings.DesignerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Run ▸ Run on Temporal… in the designer, against Temporal's test server listening on a loopback port (as a real
 * frontend would) with Baton workers in this JVM on the simulated model: the chain sample shows the same result as
 * a local run, a person answers in the Run tab, Stop is Temporal's cancellation (the worker records the run
 * CANCELLED), an unreachable frontend is one line within seconds, and the designer's jar says which jar to use.
 */
@ExtendWith(ApplicationExtension.class)
class TemporalRunFromDesignerTest {

    private static final Path CHAIN = Path.of("sample-flows", "chain-blog-article.json");
    private static final String INPUT = "Heat pumps in cold climates";
    private static final String QUEUE = "designer";
    /** A worker whose model takes seconds per call: a Stop lands while a model call runs. */
    private static final String SLOW_QUEUE = "designer-slow";

    @TempDir
    static Path shared;
    static int port;
    static TestServer.PortBoundTestServer server;
    static WorkflowServiceStubs stubs;
    static AuditWriter audit;
    static WorkerFactory fast;
    static WorkerFactory slow;

    @TempDir
    Path dir;
    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;
    private DesignerSettings settings;

    @BeforeAll
    static void startTemporal() throws Exception {
        port = freePort();
        server = TestServer.createPortBoundServer(port);
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("localhost:" + port).build());
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        audit = AuditWriter.open(shared.resolve("worker-audit"));
        fast = TemporalWorker.start(client, QUEUE, activities(SimulatedModel.Settings.DEFAULT));
        slow = TemporalWorker.start(client, SLOW_QUEUE,
                activities(SimulatedModel.Settings.DEFAULT.withLatency(Duration.ofSeconds(4), 0)));
    }

    private static WorkerActivities activities(SimulatedModel.Settings simulated) {
        ModelProvider models = ModelProviders.routing(simulated);
        return new WorkerActivities(models, audit, Redactor.shapesOnly());
    }

    @AfterAll
    static void stopTemporal() throws Exception {
        fast.shutdownNow();
        slow.shutdownNow();
        stubs.shutdownNow();
        server.close();
        audit.close();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of(INPUT));
    }

    @BeforeEach
    void settings() {
        settings = new DesignerSettings(dir.resolve("settings.json"));
        new FxRobot().interact(() -> window.runs().setSettings(settings));
    }

    private void open(FxRobot robot, Flow flow, Path file) {
        robot.interact(() -> {
            window.document().replace(flow, file);
            window.showCanvas();
        });
    }

    private MenuItem menuItem(FxRobot robot, String id) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().map(Menu::getItems).flatMap(List::stream)
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    /** Run ▸ Run on Temporal…, chosen from the menu; the controller of the run it started, or null. */
    private RunController runOnTemporal(FxRobot robot) {
        RunController before = window.runPanel().controller();
        robot.interact(() -> {
            MenuItem item = menuItem(robot, "menu-run-temporal");
            assertThat(item.getParentMenu().getText()).isEqualTo("Run");
            assertThat(item.isDisable()).isFalse();
            item.fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        RunController now = window.runPanel().controller();
        return now == before ? null : now;
    }

    /** Waits until {@code c}'s run ended and the view shows every event of it. */
    private static RunResult finish(RunController c) throws Exception {
        RunResult result = c.finished().get(90, TimeUnit.SECONDS);
        CompletableFuture<Void> marker = new CompletableFuture<>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, NodeRunState> states(RunController c) {
        return FxPoints.onFx(() -> {
            Map<String, NodeRunState> m = new TreeMap<>();
            c.viewModel().nodes().forEach((id, n) -> m.put(id, n.state()));
            return m;
        });
    }

    private String text(FxRobot robot, String id) {
        return FxPoints.onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static String recordedStatus(String runId) throws Exception {
        try (H2AuditStore store = H2AuditStore.open(audit.database())) {
            return store.run(runId).map(r -> r.status()).orElse("not recorded");
        }
    }

    @Test
    void theChainSampleOnTemporalShowsWhatALocalRunShows(FxRobot robot) throws Exception {
        Flow flow = FlowFiles.load(CHAIN).flow();
        open(robot, flow, CHAIN);
        boolean[] started = new boolean[1];
        robot.interact(() -> started[0] = window.runs().run());
        assertThat(started[0]).as("local run; errors " + dialogs.errors).isTrue();
        RunController local = window.runPanel().controller();
        assertThat(finish(local).status()).isEqualTo(RunStatus.SUCCEEDED);
        String localResult = FxPoints.onFx(() -> window.runPanel().resultView().markdown());
        Map<String, NodeRunState> localStates = states(local);
        assertThat(text(robot, "#status-engine")).isEmpty();

        settings.setTemporal("localhost:" + port, QUEUE);
        RunController remote = runOnTemporal(robot);
        assertThat(remote).as("started; errors " + dialogs.errors).isNotNull();
        assertThat(remote.remote().hostPort()).isEqualTo("localhost:" + port);
        String where = "Temporal at localhost:" + port + " (task queue " + QUEUE + ")";
        assertThat(text(robot, "#status-engine")).isEqualTo("Running on " + where);
        RunResult result = finish(remote);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(remote.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(window.runPanel().frontView()).isEqualTo("result");
        assertThat(FxPoints.onFx(() -> window.runPanel().resultView().markdown())).isEqualTo(localResult)
                .isNotBlank();
        assertThat(states(remote)).isEqualTo(localStates);
        assertThat(text(robot, "#status-engine")).isEqualTo("Ran on " + where);
        assertThat(text(robot, "#run-status")).startsWith("succeeded").endsWith(" · on " + where);
        List<String> console = FxPoints.onFx(() -> List.copyOf(window.runPanel().console().getItems()));
        assertThat(console).contains("note: audit: recorded by the worker that ended it, as " + result.runId());
        assertThat(recordedStatus(result.runId())).isEqualTo("SUCCEEDED");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aPersonAnswersInTheRunTab(FxRobot robot) throws Exception {
        open(robot, askAPerson(), null);
        settings.setTemporal("localhost:" + port, QUEUE);
        RunController c = runOnTemporal(robot);
        assertThat(c).as("started; errors " + dialogs.errors).isNotNull();
        await("the question in the Run tab", () -> FxPoints.onFx(
                () -> c.viewModel().pendingHumanProperty().get() != null));
        assertThat(text(robot, "#run-status")).startsWith("waiting for your answer");

        robot.interact(() -> robot.lookup("#human-answer").queryAs(TextField.class)
                .setText("Yes, refund it in full."));
        FxPoints.click(robot, "#human-answer-button");
        RunResult result = finish(c);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        List<String> console = FxPoints.onFx(() -> List.copyOf(window.runPanel().console().getItems()));
        assertThat(console).anyMatch(l -> l.contains("Yes, refund it in full."));
        assertThat(recordedStatus(result.runId())).isEqualTo("SUCCEEDED");
    }

    @Test
    void aBreakpointHoldsTheRunOnTemporalAndContinueSendsTheEditedText(FxRobot robot) throws Exception {
        open(robot, FlowFiles.load(CHAIN).flow(), CHAIN);
        robot.interact(() -> window.canvas().toggleBreakpoint("writer"));
        settings.setTemporal("localhost:" + port, QUEUE);
        RunController c = runOnTemporal(robot);
        assertThat(c).as("started; errors " + dialogs.errors).isNotNull();
        assertThat(c.awaitBreakpoint(Duration.ofSeconds(90))).as("held before the writer").isNotNull();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(states(c).get("writer")).isNotEqualTo(NodeRunState.DONE);
        // this window's box (a lookup by id may find an earlier test's window)
        javafx.scene.control.TextArea text = robot.from(window.runPanel()).lookup("#breakpoint-text")
                .queryAs(javafx.scene.control.TextArea.class);
        assertThat(FxPoints.onFx(() -> text.getText())).isNotBlank();
        robot.interact(() -> text.setText("EDITED CONTEXT for the writer"));
        assertThat(FxPoints.onFx(() -> window.runPanel().continueRun())).as("sent to Temporal").isTrue();
        RunResult result = finish(c);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(states(c).get("writer")).isEqualTo(NodeRunState.DONE);
        try (H2AuditStore store = H2AuditStore.open(audit.database())) {
            assertThat(store.events(result.runId())).as("the writer was asked with the edited text")
                    .anyMatch(e -> e.kind().equals("ModelRequested") && "writer".equals(e.nodeId())
                            && e.payload().contains("EDITED CONTEXT for the writer"));
        }
    }

    @Test
    void aToolApprovalIsAnsweredInTheRunTab(FxRobot robot) throws Exception {
        Flow chain = FlowFiles.load(CHAIN).flow();
        // the researcher has the calculator, which asks (the simulated researcher uses it on a sum in the input)
        Flow flow = chain.withNodes(chain.nodes().stream()
                        .map(n -> n.id().equals("researcher") ? n.withTools(List.of("calculator")) : n).toList())
                .withTools(new dev.baton.flow.ToolSettings(null, List.of(), List.of(), null,
                        Map.of("calculator", dev.baton.flow.ApprovalPolicy.ASK)));
        open(robot, flow, null);
        window.runs().setInputAsker((name, prompt, recent) ->
                Optional.of("Heat pumps for homeowners: is 2 * 149 + 19 EUR a month a fair price?"));
        settings.setTemporal("localhost:" + port, QUEUE);
        RunController c = runOnTemporal(robot);
        assertThat(c).as("started; errors " + dialogs.errors).isNotNull();
        await("the approval in the Run tab", () -> FxPoints.onFx(
                () -> text(robot, "#run-status").startsWith("waiting for your approval of calculator")));
        // the Run tab's Approve (its button is ApprovalFromDesignerTest's; a lookup here may find an earlier test's)
        assertThat(FxPoints.onFx(() -> window.runPanel().approveTool(false))).as("sent to Temporal").isTrue();
        RunResult result = finish(c);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        try (H2AuditStore store = H2AuditStore.open(audit.database())) {
            assertThat(store.events(result.runId())).as("approved here, the calculator ran there")
                    .anyMatch(e -> e.kind().equals("ToolApprovalAnswered") && e.payload().contains("designer"))
                    .anyMatch(e -> e.kind().equals("ToolCallFinished") && e.payload().contains("317"));
        }
    }

    @Test
    void stopCancelsTheRunOnTemporal(FxRobot robot) throws Exception {
        open(robot, FlowFiles.load(CHAIN).flow(), CHAIN);
        settings.setTemporal("localhost:" + port, SLOW_QUEUE);
        RunController c = runOnTemporal(robot);
        assertThat(c).as("started; errors " + dialogs.errors).isNotNull();
        // a model call is under way on the worker (it takes seconds)
        await("a node running", () -> states(c).containsValue(NodeRunState.RUNNING));
        FxPoints.click(robot, "#run-cancel");
        RunResult result = finish(c);

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.CANCELLED);
        // cancelled on Temporal, not only here: the worker recorded the run's end
        String runId = c.viewModel().runIdProperty().get();
        assertThat(runId).startsWith("run-");
        await("the worker's record", () -> {
            try {
                return recordedStatus(runId).equals("CANCELLED");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(FxPoints.onFx(() -> window.runPanel().runningProperty().get())).isFalse();
    }

    @Test
    void anUnreachableFrontendIsOneLineWithinSeconds(FxRobot robot) throws Exception {
        open(robot, FlowFiles.load(CHAIN).flow(), CHAIN);
        int nobody = freePort();
        settings.setTemporal("127.0.0.1:" + nobody, null);
        long t0 = System.nanoTime();
        RunController c = runOnTemporal(robot);
        assertThat(c).isNotNull();
        await("the failure", () -> !dialogs.errors.isEmpty());

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        WaitForAsyncUtils.waitForFxEvents();
        String line = "Temporal at 127.0.0.1:" + nobody + " (task queue baton) cannot be reached: ";
        assertThat(dialogs.errors).singleElement().satisfies(e -> assertThat(e)
                .startsWith("Cannot run on Temporal: " + line).containsIgnoringCase("refused").doesNotContain("\n"));
        assertThat(text(robot, "#run-status")).startsWith("not started · " + line);
        assertThat(text(robot, "#status-engine")).as("it never ran there").isEmpty();
        assertThat(FxPoints.onFx(() -> window.runPanel().runningProperty().get())).isFalse();
        assertThat(FxPoints.onFx(() -> menuItem(robot, "menu-run-temporal").isDisable())).isFalse();
    }

    @Test
    void theDesignerJarSaysWhichJarRunsOnTemporal(FxRobot robot) throws Exception {
        open(robot, FlowFiles.load(CHAIN).flow(), CHAIN);
        settings.setTemporal("localhost:" + port, QUEUE);
        robot.interact(() -> window.runs().temporal().setProbe("io.temporal.NotInThisJar"));
        Menu run = FxPoints.onFx(() -> menuItem(robot, "menu-run-temporal").getParentMenu());
        robot.interact(() -> run.getOnShowing().handle(null)); // as the menu opens
        assertThat(FxPoints.onFx(() -> menuItem(robot, "menu-run-temporal").getText()))
                .isEqualTo("Run on Temporal… (needs baton-temporal.jar)");

        assertThat(runOnTemporal(robot)).as("no run").isNull();
        assertThat(dialogs.infos).containsExactly("Run on Temporal: " + RemoteEngine.NEEDS_TEMPORAL_JAR);
    }

    @Test
    void theTargetIsCheckedAsTypedAndKeptInTheSettings(FxRobot robot) throws Exception {
        robot.interact(() -> menuItem(robot, "menu-temporal-target").fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#temporal-where")).isEqualTo("No target: Run on Temporal… will ask for one.");
        robot.interact(() -> robot.lookup("#temporal-target").queryAs(TextField.class).setText("localhost"));
        assertThat(text(robot, "#temporal-where"))
                .isEqualTo("Not usable: 'localhost' has no port: give HOST:PORT (Temporal's is usually 7233)");
        assertThat(FxPoints.onFx(() -> robot.lookup("#temporal-save").queryAs(javafx.scene.control.Button.class).isDisabled())).isTrue();
        robot.interact(() -> robot.lookup("#temporal-target").queryAs(TextField.class)
                .setText("https://temporal.example.org:7233"));
        assertThat(text(robot, "#temporal-where")).startsWith("Not usable: ").contains("leave out the scheme");

        robot.interact(() -> {
            robot.lookup("#temporal-target").queryAs(TextField.class).setText("temporal.example.org:7233");
            robot.lookup("#temporal-queue").queryAs(TextField.class).setText("support-runs");
        });
        assertThat(text(robot, "#temporal-where"))
                .isEqualTo("Runs go to Temporal at temporal.example.org:7233 (task queue support-runs)");
        FxPoints.click(robot, "#temporal-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(settings.temporalTarget()).contains("temporal.example.org:7233");
        assertThat(settings.temporalTaskQueue()).contains("support-runs");
        assertThat(Files.readString(settings.file())).contains("\"temporalTarget\"");

        // a hand-edited settings file: one line saying what is wrong, nothing started, nothing crashed
        settings.setTemporal("temporal.example.org", null);
        open(robot, FlowFiles.load(CHAIN).flow(), CHAIN);
        assertThat(runOnTemporal(robot)).isNull();
        assertThat(dialogs.errors).singleElement().satisfies(e -> assertThat(e)
                .isEqualTo("Run on Temporal: The Temporal target in " + settings.file() + " will not do: "
                        + "'temporal.example.org' has no port: give HOST:PORT (Temporal's is usually 7233)"
                        + " (Run ▸ Temporal Target…)"));
    }

    @Test
    void withNoTargetTheDialogComesFirstAndTheRunFollowsItsSave(FxRobot robot) throws Exception {
        open(robot, FlowFiles.load(CHAIN).flow(), CHAIN);
        assertThat(runOnTemporal(robot)).as("nothing runs before a target is set").isNull();
        robot.interact(() -> {
            robot.lookup("#temporal-target").queryAs(TextField.class).setText("localhost:" + port);
            robot.lookup("#temporal-queue").queryAs(TextField.class).setText(QUEUE);
        });
        RunController before = window.runPanel().controller();
        FxPoints.click(robot, "#temporal-save");
        WaitForAsyncUtils.waitForFxEvents();

        RunController c = window.runPanel().controller();
        assertThat(c).isNotNull().isNotSameAs(before);
        assertThat(c.where()).isEqualTo("Temporal at localhost:" + port + " (task queue " + QUEUE + ")");
        assertThat(finish(c).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(settings.temporalTarget()).contains("localhost:" + port);
        assertThat(settings.temporalTaskQueue()).contains(QUEUE);
    }

    /** START → a person → a writer → OUTPUT on the simulated model. */
    private Flow askAPerson() throws Exception {
        Path file = dir.resolve("ask-a-person.json");
        Files.writeString(file, """
                {"format": "baton.flow/1", "id": "ask-a-person", "name": "Ask a person",
                 "defaultModel": {"provider": "simulated", "name": "sim-1"},
                 "nodes": [
                  {"id": "request", "kind": "START", "name": "Request", "position": {"x": 0, "y": 0}},
                  {"id": "approver", "kind": "HUMAN", "name": "Approver", "instructions": "Approve the refund?",
                   "position": {"x": 260, "y": 0}},
                  {"id": "writer", "kind": "AGENT", "name": "Writer", "role": "Writes the reply to the customer",
                   "position": {"x": 520, "y": 0}},
                  {"id": "reply", "kind": "OUTPUT", "name": "Reply", "position": {"x": 780, "y": 0}}],
                 "edges": [
                  {"id": "e1", "kind": "NEXT", "from": "request", "to": "approver"},
                  {"id": "e2", "kind": "NEXT", "from": "approver", "to": "writer", "context": {"mode": "FULL"}},
                  {"id": "e3", "kind": "NEXT", "from": "writer", "to": "reply"}]}
                """);
        return FlowFiles.load(file).flow();
    }
}

package dev.baton.ui.shell;

import dev.baton.audit.AuditStore.RunSummary;
import dev.baton.flow.AgentNode;
import dev.baton.flow.NodeKind;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.audit.AuditBrowser;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit browser on a database with one recorded chain run: select it, Replay, and the canvas ends like live. */
@ExtendWith(ApplicationExtension.class)
class AuditBrowserReplayTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1200, 760);
    }

    private boolean has(String nodeId, String pseudoClass) {
        // skins appear at the canvas's next pulse after the flow was opened
        return window.canvas().skinOf(nodeId).map(NodeSkin::getPseudoClassStates)
                .map(states -> states.contains(PseudoClass.getPseudoClass(pseudoClass))).orElse(false);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Test
    void replayingASelectedRunEndsWithEveryAgentDoneOnTheCanvas(FxRobot robot, @TempDir Path dir) throws Exception {
        Path db = dir.resolve("audit");
        var live = AuditedRun.simulate("chain-blog-article.json",
                "Write a blog article about heat pumps in cold climates", db);

        AuditBrowser[] browser = new AuditBrowser[1];
        robot.interact(() -> browser[0] = window.showAuditBrowser(db));
        @SuppressWarnings("unchecked")
        TableView<RunSummary> runs = (TableView<RunSummary>) browser[0].stage().getScene().lookup("#audit-runs");
        waitUntil(() -> !runs.getItems().isEmpty());
        assertThat(runs.getItems()).extracting(RunSummary::runId).containsExactly(live.runId());

        robot.interact(() -> runs.getSelectionModel().select(0));
        waitUntil(() -> !browser[0].model().events().isEmpty());
        assertThat(browser[0].model().events()).extracting(e -> e.kind()).contains("RunStarted", "RunFinished");

        Button replay = (Button) browser[0].stage().getScene().lookup("#audit-replay");
        robot.clickOn(FxPoints.centre(replay));
        // the designer starts on an empty flow: agents appear once the recorded flow is opened
        waitUntil(() -> !window.document().flow().nodesOfKind(NodeKind.AGENT).isEmpty());
        assertThat(window.document().flow().id()).isEqualTo(runs.getItems().get(0).flowId());
        List<String> ids = window.document().flow().nodesOfKind(NodeKind.AGENT).stream().map(AgentNode::id)
                .toList();
        assertThat(ids).isNotEmpty();
        waitUntil(() -> ids.stream().allMatch(id -> has(id, "done"))
                && window.runPanel().console().getItems().stream().anyMatch(l -> l.startsWith("Run succeeded")));

        for (String id : ids) {
            assertThat(window.canvas().skinOf(id)).as(id + " has a skin").isPresent();
            assertThat(has(id, "done")).as(id + " is :done").isTrue();
            assertThat(has(id, "running")).as(id + " no longer :running").isFalse();
        }
        assertThat(window.runPanel().console().getItems()).anyMatch(line -> line.startsWith("Run succeeded"));
        // the replay's answer and node records come from the recorded events, as a live run's do
        assertThat(FxPoints.onFx(() -> window.runPanel().frontView())).isEqualTo("result");
        assertThat(FxPoints.onFx(() -> window.runPanel().resultView().markdown())).isNotBlank();
        robot.interact(() -> window.document().select(List.of("writer")));
        assertThat(FxPoints.onFx(() -> window.runPanel().frontView())).isEqualTo("node");
        List<String> shown = FxPoints.onFx(() -> robot.lookup("#node-inspector").lookup(".label")
                .queryAllAs(Label.class).stream().map(Label::getText).toList());
        assertThat(shown).anyMatch(t -> t.startsWith("Context from researcher along researcher-to-writer"));
        assertThat(shown).anyMatch(t -> t.startsWith("Prompt · call 1"));
        assertThat(((Label) browser[0].stage().getScene().lookup("#audit-message")).getText()).isEmpty();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void replayOfTheOpenFilesRunKeepsTheFileAndTheBrowserComesBackAsItWas(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path flowFile = dir.resolve("article.json");
        java.nio.file.Files.copy(Path.of("sample-flows", "chain-blog-article.json"), flowFile);
        Path db = dir.resolve("audit");
        AuditedRun.simulate("chain-blog-article.json", "Heat pumps in cold climates", db);
        robot.interact(() -> window.files().load(flowFile));
        assertThat(window.document().fileProperty().get()).isEqualTo(flowFile);

        AuditBrowser[] browser = new AuditBrowser[1];
        robot.interact(() -> browser[0] = window.showAuditBrowser(db));
        @SuppressWarnings("unchecked")
        TableView<RunSummary> runs = (TableView<RunSummary>) browser[0].stage().getScene().lookup("#audit-runs");
        waitUntil(() -> !runs.getItems().isEmpty());
        robot.interact(() -> runs.getSelectionModel().select(0));
        waitUntil(() -> !browser[0].model().events().isEmpty());

        // a double-click on an event shows its whole payload in a window of its own
        @SuppressWarnings("unchecked")
        TableView<dev.baton.ui.audit.AuditBrowserModel.EventRow> events =
                (TableView<dev.baton.ui.audit.AuditBrowserModel.EventRow>) browser[0].stage().getScene()
                        .lookup("#audit-events");
        javafx.scene.Node firstRow = FxPoints.onFx(() -> events.lookupAll(".table-row-cell").stream()
                .filter(n -> ((javafx.scene.control.TableRow<?>) n).getItem() != null).findFirst().orElseThrow());
        robot.doubleClickOn(FxPoints.centre(firstRow));
        waitUntil(() -> robot.lookup("#audit-payload").tryQuery().isPresent());
        javafx.scene.control.TextArea payload = robot.lookup("#audit-payload").queryAs(javafx.scene.control.TextArea.class);
        assertThat(payload.getText()).isEqualTo(events.getItems().get(0).payloadText()).contains("\"flowId\"");
        robot.interact(() -> ((Stage) payload.getScene().getWindow()).close());

        Button replay = (Button) browser[0].stage().getScene().lookup("#audit-replay");
        robot.clickOn(FxPoints.centre(replay));
        waitUntil(() -> !browser[0].stage().isShowing());
        waitUntil(() -> window.runPanel().console().getItems().stream().anyMatch(l -> l.startsWith("Run succeeded")));
        assertThat(window.document().fileProperty().get()).as("the replayed run was of the open file").isEqualTo(flowFile);
        assertThat(window.document().dirty().get()).isFalse();

        AuditBrowser again = FxPoints.onFx(() -> window.showAuditBrowser(db));
        assertThat(again).isSameAs(browser[0]);
        assertThat(again.stage().isShowing()).isTrue();
        assertThat(again.model().selected().get()).isNotNull();
        assertThat(dialogs.errors).isEmpty();
    }
}

package dev.baton.ui.shell;

import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Run tab's Result view after a run, and the node view of a finished node, on the simulated samples. */
@ExtendWith(ApplicationExtension.class)
class RunResultViewTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of("Heat pumps in cold climates"));
    }

    private RunController run(String sample, FxRobot robot) throws Exception {
        Path file = Path.of("sample-flows", sample);
        var flow = FlowFiles.load(file).flow();
        robot.interact(() -> {
            window.document().replace(flow, file);
            window.showCanvas();
        });
        RunController c = DesignerStage.runToEnd(robot, window,
                started -> assertThat(started).as("started; errors: " + dialogs.errors).isTrue());
        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);
        return c;
    }

    @Test
    void aFinishedRunOpensItsAnswerRenderedAsMarkdownWithCopyAndSave(FxRobot robot, @TempDir Path dir)
            throws Exception {
        RunController c = run("chain-blog-article.json", robot);
        String answer = c.viewModel().finalOutputProperty().get();

        assertThat(window.runPanel().frontView()).isEqualTo("result");
        assertThat(window.runPanel().resultView().markdown()).isEqualTo(answer);
        assertThat(window.runPanel().resultView().simulatedShown()).as("simulated mark").isTrue();
        Node doc = robot.lookup("#result-document").query();
        // rendered, not raw: a heading TextFlow whose text has no leading '#'
        List<TextFlow> headings = all(doc, TextFlow.class).stream()
                .filter(f -> f.getStyleClass().contains("md-heading")).toList();
        assertThat(headings).as("headings in " + answer).isNotEmpty();
        assertThat(textOf(headings.get(0))).doesNotStartWith("#").isNotBlank();
        assertThat(answer).contains("# " + textOf(headings.get(0)));
        assertThat(all(doc, Text.class)).noneMatch(t -> t.getText().startsWith("## "));

        FxPoints.click(robot, "#result-copy");
        assertThat(FxPoints.onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(answer);

        Path target = dir.resolve("answer.md");
        dialogs.filesToSave.add(target);
        FxPoints.click(robot, "#result-save");
        assertThat(Files.readString(target)).isEqualTo(answer);
    }

    @Test
    void selectingAFinishedWorkerShowsWhatItReceivedItsPromptOutputAndCalls(FxRobot robot) throws Exception {
        run("supervisor-market-entry-japan.json", robot);

        robot.interact(() -> window.document().select(List.of("market-researcher")));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.runPanel().frontView()).isEqualTo("node");
        List<String> labels = all(robot.lookup("#node-inspector").query(), Label.class).stream()
                .map(Label::getText).toList();
        assertThat(labels).anyMatch(t -> t.startsWith("Task delegated by strategy-lead"));
        assertThat(labels).contains("Output", "Model calls");
        assertThat(labels).anyMatch(t -> t.startsWith("Prompt · call 1 (simulated/"));
        assertThat(labels).contains("system", "simulated");
        GridPane calls = robot.lookup(".inspect-calls").queryAs(GridPane.class);
        assertThat(calls.getChildren().size()).as("a header row and at least one call").isGreaterThanOrEqualTo(14);
        // each header's frame spans its column as the cells below do ("model" was boxed narrower than its values)
        List<String> ragged = FxPoints.onFx(() -> calls.getChildren().stream()
                .filter(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) == 0)
                .filter(h -> calls.getChildren().stream().anyMatch(n -> GridPane.getRowIndex(n) != null
                        && GridPane.getRowIndex(n) == 1 && GridPane.getColumnIndex(n).equals(GridPane.getColumnIndex(h))
                        && Math.abs(((javafx.scene.layout.Region) n).getWidth()
                        - ((javafx.scene.layout.Region) h).getWidth()) > 0.5))
                .map(h -> ((Label) h).getText()).toList());
        assertThat(ragged).as("headers narrower or wider than their column's cells").isEmpty();
    }

    @Test
    void markdownTablesListsAndCodeBecomeTheirOwnNodes(FxRobot robot) {
        String md = "# Title\n\nSome **bold** and *it* text.\n\n- one\n- two\n\n1. first\n2. second\n\n"
                + "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode line\n```\n";
        Parent doc = FxPoints.onFx(() -> dev.baton.ui.result.MarkdownView.render(md));
        List<Node> blocks = doc.getChildrenUnmodifiable();
        assertThat(blocks).hasSize(6);
        assertThat(blocks.get(0).getStyleClass()).contains("md-h1");
        assertThat(all(blocks.get(1), Text.class)).anyMatch(t -> t.getText().equals("bold")
                && t.getStyleClass().contains("md-strong"));
        assertThat(all(blocks.get(2), Label.class)).extracting(Label::getText).contains("•");
        assertThat(all(blocks.get(3), Label.class)).extracting(Label::getText).contains("1.", "2.");
        assertThat(blocks.get(4)).isInstanceOf(GridPane.class);
        assertThat(((GridPane) blocks.get(4)).getChildren()).hasSize(4);
        assertThat(((Label) blocks.get(5)).getText()).isEqualTo("code line");
    }

    private static String textOf(TextFlow f) {
        StringBuilder b = new StringBuilder();
        f.getChildren().forEach(n -> b.append(n instanceof Text t ? t.getText() : ""));
        return b.toString();
    }

    private static <T> List<T> all(Node root, Class<T> type) {
        List<T> out = new ArrayList<>();
        collect(root, type, out);
        return out;
    }

    private static <T> void collect(Node n, Class<T> type, List<T> out) {
        if (type.isInstance(n)) {
            out.add(type.cast(n));
        }
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            collect(sp.getContent(), type, out);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, type, out);
            }
        }
    }
}

package dev.baton.ui.shell;

import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.canvas.TextPreview;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Hovering an edge after a run shows a few lines of what passed, never the screen-sized whole answer. */
@ExtendWith(ApplicationExtension.class)
class HoverPreviewTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of("Heat pumps in cold climates"));
    }

    @Test
    void theLastEdgesHoverTextIsAShortPreviewOfTheAnswer(FxRobot robot) throws Exception {
        Path file = Path.of("sample-flows", "chain-blog-article.json");
        var flow = FlowFiles.load(file).flow();
        robot.interact(() -> {
            window.document().replace(flow, file);
            window.showCanvas();
        });
        RunController c = DesignerStage.runToEnd(robot, window,
                started -> assertThat(started).as("started; errors: " + dialogs.errors).isTrue());
        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);

        String answer = c.viewModel().finalOutputProperty().get();
        String hover = window.canvas().edgeViewOf("editor-to-article").orElseThrow().runDetailText();

        assertThat(answer.lines().count()).as("the simulated answer is long").isGreaterThan(8);
        assertThat(hover).startsWith("Context passed").endsWith(TextPreview.MORE);
        assertThat(hover.lines().count()).isLessThanOrEqualTo(1 + TextPreview.MAX_LINES);
        assertThat(hover.length()).isLessThan(40 + TextPreview.MAX_CHARS + TextPreview.MORE.length() + 80);
    }

    @Test
    void aPreviewKeepsTheFirstLinesAndSaysWhereTheRestIs() {
        assertThat(TextPreview.of("short")).isEqualTo("short");
        assertThat(TextPreview.of("# A\n\nb\nc\nd\ne\nf")).isEqualTo("# A\nb\nc\nd" + TextPreview.MORE);
        String longLine = "word ".repeat(200);
        String p = TextPreview.of(longLine);
        assertThat(p).endsWith(TextPreview.MORE);
        assertThat(p.length()).isLessThanOrEqualTo(TextPreview.MAX_CHARS + TextPreview.MORE.length());
        assertThat(TextPreview.of(null)).isEmpty();
    }
}

package dev.baton.ui.inspector;

import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.document.FlowDocument;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector's "N elements selected" follows the selection as it grows (a template inserted into a flow selects
 * its nodes one by one; the count stayed at 2).
 */
@ExtendWith(ApplicationExtension.class)
class InspectorSelectionCountTest {

    private FlowDocument document;

    @Start
    void start(Stage stage) throws Exception {
        document = new FlowDocument(FlowFiles.load(Path.of("sample-flows/chain-blog-article.json")).flow());
        stage.setScene(new Scene(new InspectorView(document), 320, 600));
        stage.show();
    }

    @Test
    void theCountFollowsAGrowingSelection(FxRobot robot) {
        robot.interact(() -> document.select(List.of("researcher", "writer")));
        assertThat(hint(robot)).isEqualTo("2 elements selected");
        robot.interact(() -> document.selection().addAll(List.of("editor", "fact-checker")));
        assertThat(hint(robot)).isEqualTo("4 elements selected");
        robot.interact(() -> document.select(List.of()));
        assertThat(hint(robot)).isEqualTo("Select a node or an edge to edit it.");
    }

    private static String hint(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".inspector-hint").queryAs(Label.class).getText();
    }
}

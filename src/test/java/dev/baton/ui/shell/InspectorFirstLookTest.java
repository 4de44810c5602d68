package dev.baton.ui.shell;

import dev.baton.ui.inspector.InspectorView;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector at 1280 × 800 as a first-time user meets it: every caption reads whole, and another element's form
 * starts at its top.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorFirstLookTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    private InspectorView inspector(FxRobot robot) {
        return robot.lookup(n -> n instanceof InspectorView).query();
    }

    /** "Model provider (empty: flow default)" read "Model provider (empty: flow defa…" at this size. */
    @Test
    void aNodesCaptionsAreNotCut(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> window.document().select(List.of("writer")));
        WaitForAsyncUtils.waitForFxEvents();
        InspectorView view = inspector(robot);
        List<String> cut = FxPoints.onFx(() -> {
            view.applyCss();
            view.layout();
            return view.lookupAll(".label").stream().map(n -> (Label) n)
                    .filter(l -> l.isVisible() && l.lookup(".text") instanceof javafx.scene.text.Text t
                            && !t.getText().equals(l.getText()))
                    .map(Label::getText).toList();
        });
        assertThat(cut).as("captions shown cut").isEmpty();
        List<String> texts = FxPoints.onFx(() -> view.lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(texts).contains("Model provider (empty: flow default)");
    }

    /**
     * Scrolled down to a node's model fields, then a click on empty canvas: the flow's form showed from its middle
     * ("sim-1" under no caption, its name and provider out of sight).
     */
    @Test
    void anotherElementsFormStartsAtItsTop(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> window.document().select(List.of("writer")));
        WaitForAsyncUtils.waitForFxEvents();
        InspectorView view = inspector(robot);
        robot.interact(() -> view.setVvalue(view.getVmax()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(view::getVvalue)).isGreaterThan(0);

        robot.interact(() -> window.document().select(List.of()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(view::getVvalue)).as("the flow's form scrolled to").isEqualTo(view.getVmin());

        // an edit on the element shown keeps the place: only a change of element starts at the top
        robot.interact(() -> window.document().select(List.of("writer")));
        robot.interact(() -> view.setVvalue(0.5));
        robot.interact(() -> {
            var writer = window.document().flow().node("writer").orElseThrow();
            window.document().execute(new dev.baton.ui.document.command.EditNode(writer,
                    writer.withRole("writes well"), "role"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(view::getVvalue)).isEqualTo(0.5);
    }
}

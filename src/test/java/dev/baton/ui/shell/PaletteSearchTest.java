package dev.baton.ui.shell;

import dev.baton.ui.palette.PaletteView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The palette's search box filters its entries; the entries scroll under it when the window is short. */
@ExtendWith(ApplicationExtension.class)
class PaletteSearchTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = DesignerStage.open(stage, dialogs, 1280, 800);
    }

    private PaletteView palette(FxRobot robot) {
        return robot.lookup(n -> n instanceof PaletteView).query();
    }

    @Test
    void typingFiltersTheEntriesAndEscapeBringsThemBack(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        PaletteView palette = palette(robot);
        List<String> all = FxPoints.onFx(palette::shownTitles);
        assertThat(all).hasSizeGreaterThan(4).contains("Critic / Validator");

        FxPoints.click(robot, "#palette-search");
        robot.write("crit");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(palette::shownTitles)).isNotEmpty().allMatch(t -> all.contains(t))
                .contains("Critic / Validator").hasSizeLessThan(all.size());

        robot.write("zzz");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(palette::shownTitles)).isEmpty();
        assertThat(robot.lookup(".palette-empty").tryQuery()).isPresent();

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(palette::shownTitles)).isEqualTo(all);
    }

    @Test
    void theEntriesScrollInAShortWindow(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> stage.setHeight(420));
        WaitForAsyncUtils.waitForFxEvents();
        ScrollPane scroll = robot.lookup("#palette-scroll").queryAs(ScrollPane.class);
        ScrollBar bar = robot.lookup(n -> n instanceof ScrollBar b && b.getOrientation()
                == javafx.geometry.Orientation.VERTICAL && isInside(b, scroll)).queryAs(ScrollBar.class);
        assertThat(bar.isVisible()).as("a vertical scroll bar").isTrue();
        assertThat(FxPoints.onFx(() -> scroll.getContent().getBoundsInLocal().getHeight()))
                .isGreaterThan(FxPoints.onFx(() -> scroll.getViewportBounds().getHeight()));
        // the search box stays on screen above the list
        assertThat(robot.lookup("#palette-search").query().isVisible()).isTrue();
    }

    private static boolean isInside(javafx.scene.Node n, javafx.scene.Node parent) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == parent) {
                return true;
            }
        }
        return false;
    }
}

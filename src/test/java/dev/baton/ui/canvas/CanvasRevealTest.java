package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.fx.Styles;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a crowded view stops moving, its skins are uncovered left to right over {@link CanvasRenderer#REVEAL_STEPS}
 * frames under the last moving picture, instead of all in one long frame. Each layout pass below is one frame.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasRevealTest {

    private FlowCanvas canvas;

    /** 12 columns of 30 agents, each chained to the agent beside it in the next column (CrowdedEdgesTest too). */
    static Flow crowded() {
        List<AgentNode> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 360; i++) {
            nodes.add(AgentNode.of("a" + i, NodeKind.AGENT, "Agent " + i).withRole("Role " + i)
                    .withPosition((i / 30) * 260.0, (i % 30) * 120.0));
            if (i + 30 < 360) {
                edges.add(Edge.next("e" + i, "a" + i, "a" + (i + 30)));
            }
        }
        return new Flow("crowded", "Crowded", "", null, null, nodes, edges);
    }

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        canvas = new FlowCanvas(new FlowDocument(crowded()));
        // at half size some 8 columns of 12 cards and their edges are in view: more than CanvasRenderer.HEAVY
        canvas.view().scale().set(0.5);
        Scene scene = new Scene(new StackPane(canvas), 1000, 700);
        Styles.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** Moves the view as a gesture does, ends the motion, and makes frames until the reveal starts. */
    private void moveThenStopUntilRevealing() {
        canvas.view().panBy(-10, 0);
        canvas.view().panBy(-10, 0);
        frame();
        assertThat(canvas.renderMode()).isEqualTo("CARDS");
        canvas.settleNow();
        for (int i = 0; i < 100 && !canvas.revealing(); i++) {
            frame();
        }
    }

    private void frame() {
        canvas.requestLayout();
        canvas.layout();
    }

    private long transparentSkins() {
        return canvas.nodeSkins().stream().filter(s -> s.getOpacity() == 0).count();
    }

    @Test
    void skinsAreUncoveredLeftToRightOverSeveralFrames(FxRobot robot) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        long[] hidden = new long[CanvasRenderer.REVEAL_STEPS + 1];
        boolean[] revealing = new boolean[2];
        long[] total = new long[1];
        robot.interact(() -> {
            moveThenStopUntilRevealing();
            revealing[0] = canvas.revealing();
            hidden[0] = transparentSkins();
            total[0] = canvas.nodeSkins().size();
            for (int step = 1; step <= CanvasRenderer.REVEAL_STEPS; step++) {
                frame();
                hidden[step] = transparentSkins();
            }
            revealing[1] = canvas.revealing();
        });
        assertThat(revealing[0]).isTrue();
        assertThat(hidden[0]).isPositive().isEqualTo(total[0]);
        // fewer hidden skins each frame, some still hidden half way, none at the end
        for (int step = 1; step <= CanvasRenderer.REVEAL_STEPS; step++) {
            assertThat(hidden[step]).isLessThanOrEqualTo(hidden[step - 1]);
        }
        assertThat(hidden[CanvasRenderer.REVEAL_STEPS / 2]).isPositive().isLessThan(hidden[0]);
        assertThat(hidden[CanvasRenderer.REVEAL_STEPS]).isZero();
        assertThat(revealing[1]).isFalse();
        assertThat(canvas.renderMode()).isEqualTo("SKINS");
    }

    @Test
    void aMoveDuringTheRevealShowsEverySkinAtOnce(FxRobot robot) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        long[] hidden = new long[2];
        robot.interact(() -> {
            moveThenStopUntilRevealing();
            frame();
            hidden[0] = transparentSkins();
            // a single jump of the view (not a gesture): the skins stay, and none may stay transparent
            canvas.view().panBy(-5, 0);
            hidden[1] = transparentSkins();
        });
        assertThat(hidden[0]).isPositive();
        assertThat(hidden[1]).isZero();
        assertThat(canvas.revealing()).isFalse();
    }
}

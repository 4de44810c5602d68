package dev.baton.ui.canvas;

import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.canvas.skins.PortView;
import dev.baton.ui.document.FlowDocument;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cards that leave a crowded view are kept, hidden, and shown again for the nodes that come in (no new card and CSS
 * pass in the frames after a pan), and while the view moves as a picture more are styled ahead; a card shown for
 * another node carries that node's texts, ports and marks, none of its former node's. Each layout pass is one frame.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasCardPoolTest {

    private FlowCanvas canvas;
    private FlowDocument document;

    @Start
    void start(Stage stage) {
        document = new FlowDocument(CanvasRevealTest.crowded());
        canvas = CrowdedCanvas.show(stage, document);
    }

    private void frame() {
        CrowdedCanvas.frame(canvas);
    }

    /**
     * Pans by {@code dx} screen pixels over {@code steps} frames as a gesture does, then settles: the settle's frames
     * let the FX thread's other events in (the settled view's picture may come from the picture worker through them).
     */
    private void panThenSettle(FxRobot robot, double dx, int steps) {
        robot.interact(() -> {
            for (int i = 0; i < steps; i++) {
                canvas.view().panBy(dx / steps, 0);
                frame();
            }
            canvas.settleNow();
        });
        framesUntilSettled(robot);
    }

    private void framesUntilSettled(FxRobot robot) {
        for (int i = 0; i < 200 && (canvas.revealing() || !canvas.showsSkins() || i < 3); i++) {
            robot.interact(this::frame);
        }
    }

    private static Set<Node> identities(java.util.Collection<? extends Node> nodes) {
        Set<Node> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(nodes);
        return set;
    }

    private static String text(NodeSkin skin, String styleClass) {
        return ((Label) skin.lookup("." + styleClass)).getText();
    }

    @Test
    void aCardShownForAnotherNodeCarriesThatNodesTextsPortsAndMarksOnly(FxRobot robot) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        Map<Node, String> before = new IdentityHashMap<>();
        String[] marked = new String[2];
        robot.interact(() -> {
            for (int i = 0; i < 200 && (canvas.revealing() || !canvas.showsSkins() || i < 3); i++) {
                frame();
            }
            assertThat(canvas.showsSkins()).isTrue();
            canvas.nodeSkins().forEach(skin -> before.put(skin, skin.nodeId()));
            // the first view's cards carry marks: one selected, one with a breakpoint
            marked[0] = "a0";
            marked[1] = "a1";
            document.selection().add(marked[0]);
            canvas.toggleBreakpoint(marked[1]);
            frame();
            assertThat(canvas.skinOf(marked[0]).orElseThrow().getPseudoClassStates())
                    .anyMatch(p -> p.getPseudoClassName().equals("selected"));
        });
        // five columns to the right: none of the first view's nodes is in view any more
        panThenSettle(robot, -5 * 260 * 0.5, 20);
        Map<String, NodeSkin> shown = new java.util.HashMap<>();
        robot.interact(() -> canvas.nodeSkins().forEach(s -> shown.put(s.nodeId(), s)));
        assertThat(shown).isNotEmpty().doesNotContainKeys(marked);
        // cards of nodes that left the view show nodes that came in (they were dropped, and new ones made)
        assertThat(shown.values()).anyMatch(skin -> before.containsKey(skin)
                && !before.get(skin).equals(skin.nodeId()));
        for (NodeSkin skin : shown.values()) {
            int i = Integer.parseInt(skin.nodeId().substring(1));
            assertThat(skin.node().id()).isEqualTo(skin.nodeId());
            assertThat(text(skin, "node-name")).isEqualTo("Agent " + i);
            assertThat(text(skin, "node-role")).isEqualTo("Role " + i);
            assertThat(skin.getLayoutX()).isEqualTo((i / 30) * 260.0);
            assertThat(skin.getLayoutY()).isEqualTo((i % 30) * 120.0);
            assertThat(skin.ports()).extracting(PortView::nodeId).containsOnly(skin.nodeId());
            assertThat(skin.getPseudoClassStates()).noneMatch(p -> p.getPseudoClassName().equals("selected")
                    || p.getPseudoClassName().equals("breakpoint"));
            boolean invalid = document.problems().stream().anyMatch(pr -> pr.isError()
                    && pr.elementId().equals(skin.nodeId()));
            assertThat(skin.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("invalid")))
                    .isEqualTo(invalid);
            assertThat(skin.isVisible()).isTrue();
            assertThat(skin.getOpacity()).isEqualTo(1);
            // the canvas is compact at half size: no card shows its model badge, a card passed on included
            assertThat(skin.lookup(".model-badge").isVisible()).as("badge of " + skin.nodeId()).isFalse();
        }
        // and back: the marked nodes' cards (whichever they are now) show their marks again
        panThenSettle(robot, 5 * 260 * 0.5, 20);
        robot.interact(() -> {
            assertThat(canvas.skinOf(marked[0]).orElseThrow().getPseudoClassStates())
                    .anyMatch(p -> p.getPseudoClassName().equals("selected"));
            assertThat(canvas.skinOf(marked[1]).orElseThrow().getPseudoClassStates())
                    .anyMatch(p -> p.getPseudoClassName().equals("breakpoint"));
            assertThat(canvas.skinOf(marked[0]).orElseThrow().getPseudoClassStates())
                    .noneMatch(p -> p.getPseudoClassName().equals("breakpoint"));
        });
    }

    @Test
    void cardsAreStyledAheadWhileTheViewMovesSoThatTheSettleMakesNoNewOnes(FxRobot robot) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        Set<Node> made = Collections.newSetFromMap(new IdentityHashMap<>());
        robot.interact(() -> {
            // a canvas that starts moving before it ever settled has (almost) no cards to pass on
            for (int i = 0; i < 200; i++) {
                // to and fro, a second at a time, over the same region
                canvas.view().panBy(i / 20 % 2 == 0 ? -10 : 10, 0);
                frame();
            }
            assertThat(canvas.renderMode()).isEqualTo("CARDS");
            made.addAll(identities(canvas.nodeSkins()));
            made.addAll(((javafx.scene.Parent) canvas.nodeSkins().iterator().next().getParent())
                    .getChildrenUnmodifiable());
            canvas.settleNow();
        });
        framesUntilSettled(robot);
        robot.interact(() -> {
            assertThat(canvas.showsSkins()).isTrue();
            assertThat(canvas.nodeSkins()).hasSizeGreaterThan(20);
            // every card of the settled view was made (and styled) while the view moved
            assertThat(canvas.nodeSkins()).allMatch(made::contains);
        });
    }
}

package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.ui.document.FlowDocument;
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
 * When a crowded view stops moving, its skins are uncovered left to right, {@link SkinReveal#REVEAL_PER_FRAME} per
 * frame, over the last moving picture, instead of all in one long frame. Each layout pass below is one frame.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasRevealTest {

    private FlowCanvas canvas;
    private FlowDocument document;

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
        // at half size some 8 columns of 12 cards and their edges are in view: more than CanvasRenderer.HEAVY
        document = new FlowDocument(crowded());
        canvas = CrowdedCanvas.show(stage, document);
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

    /** What the canvas shows, in world units. */
    private javafx.geometry.Bounds viewport() {
        javafx.geometry.Point2D a = canvas.view().toWorld(0, 0);
        javafx.geometry.Point2D b = canvas.view().toWorld(canvas.getWidth(), canvas.getHeight());
        return new javafx.geometry.BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    /** Every card and edge skin on the canvas. */
    private List<javafx.scene.Node> allSkins() {
        List<javafx.scene.Node> out = new ArrayList<>();
        java.util.ArrayDeque<javafx.scene.Node> todo = new java.util.ArrayDeque<>(List.of(canvas.skinLayersWorld()));
        while (!todo.isEmpty()) {
            javafx.scene.Node n = todo.pop();
            if (n instanceof dev.baton.ui.canvas.skins.NodeSkin || n instanceof dev.baton.ui.canvas.skins.EdgeSkin) {
                out.add(n);
            } else if (n instanceof javafx.scene.Parent p) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
        }
        return out;
    }

    private long transparentSkins() {
        return canvas.nodeSkins().stream().filter(s -> s.getOpacity() == 0).count();
    }

    @Test
    void skinsAreUncoveredLeftToRightAFewPerFrame(FxRobot robot) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        List<Long> hidden = new ArrayList<>();
        boolean[] revealing = new boolean[2];
        long[] total = new long[1];
        List<String> order = new ArrayList<>();
        robot.interact(() -> {
            moveThenStopUntilRevealing();
            revealing[0] = canvas.revealing();
            hidden.add(transparentSkins());
            total[0] = canvas.nodeSkins().size();
            java.util.Set<String> shown = new java.util.HashSet<>();
            for (int i = 0; i < 100 && canvas.revealing(); i++) {
                frame();
                hidden.add(transparentSkins());
                // the skins uncovered in this frame lie right of every one uncovered before
                javafx.geometry.Bounds view = viewport();
                List<dev.baton.ui.canvas.skins.NodeSkin> now = canvas.nodeSkins().stream()
                        .filter(s -> s.getOpacity() > 0 && !shown.contains(s.nodeId()))
                        .filter(s -> s.getBoundsInParent().intersects(view))
                        .sorted(java.util.Comparator.comparingDouble(javafx.scene.Node::getLayoutX)).toList();
                now.forEach(s -> {
                    shown.add(s.nodeId());
                    order.add(s.nodeId());
                });
            }
            revealing[1] = canvas.revealing();
        });
        assertThat(revealing[0]).isTrue();
        assertThat(hidden.get(0)).isPositive().isEqualTo(total[0]);
        // fewer hidden skins each frame, never more than REVEAL_PER_FRAME fewer (Prism repaints a whole group once
        // more than 12 of its children change in one frame), some still hidden half way, none at the end
        for (int step = 1; step < hidden.size(); step++) {
            assertThat(hidden.get(step)).isLessThanOrEqualTo(hidden.get(step - 1))
                    .isGreaterThanOrEqualTo(hidden.get(step - 1) - SkinReveal.REVEAL_PER_FRAME);
        }
        assertThat(hidden.size()).isGreaterThan(3);
        assertThat(hidden.get(hidden.size() / 2)).isPositive().isLessThan(hidden.get(0));
        assertThat(hidden.get(hidden.size() - 1)).isZero();
        assertThat(revealing[1]).isFalse();
        assertThat(canvas.renderMode()).isEqualTo("SKINS");
        double lastX = -Double.MAX_VALUE;
        for (String id : order) {
            double x = canvas.flow().node(id).orElseThrow().position().x();
            assertThat(x).isGreaterThanOrEqualTo(lastX);
            lastX = x;
        }
    }

    @Test
    void theHeldPicturesTextsLieUnderTheSkinsAndAreNotTouchedByTheReveal(FxRobot robot) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        int[] changed = new int[1];
        int[] texts = new int[1];
        boolean[] under = new boolean[1];
        robot.interact(() -> {
            moveThenStopUntilRevealing();
            javafx.scene.Group group = canvas.rasterTexts();
            List<javafx.scene.Node> before = List.copyOf(group.getChildren());
            texts[0] = (int) before.stream().filter(t -> t.isVisible() && t.getOpacity() > 0).count();
            java.util.Map<javafx.scene.Node, String> state = new java.util.HashMap<>();
            before.forEach(t -> state.put(t, t.isVisible() + "/" + t.getOpacity()));
            for (int i = 0; i < 100 && canvas.revealing(); i++) {
                frame();
                for (javafx.scene.Node t : before) {
                    if (!state.get(t).equals(t.isVisible() + "/" + t.getOpacity())) {
                        changed[0]++;
                        state.put(t, t.isVisible() + "/" + t.getOpacity());
                    }
                }
            }
            // the texts sit between the picture and the skins: a card skin covers its card's texts
            javafx.scene.Node holder = group.getParent();
            under[0] = canvas.getChildrenUnmodifiable().indexOf(holder)
                    < canvas.getChildrenUnmodifiable().indexOf(canvas.skinLayersWorld());
        });
        assertThat(texts[0]).isPositive();
        assertThat(changed[0]).isZero();
        assertThat(under[0]).isTrue();
    }

    @Test
    void theSkinLayersAreVisibleFromTheSettleOnSoThatTheRevealNeverShowsThemAllAtOnce(FxRobot robot) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        List<String> seen = new ArrayList<>();
        int[] mostShownInOneFrame = new int[1];
        robot.interact(() -> {
            canvas.view().panBy(-10, 0);
            canvas.view().panBy(-10, 0);
            frame();
            assertThat(canvas.renderMode()).isEqualTo("CARDS");
            javafx.scene.Parent layers = canvas.nodeSkins().iterator().next().getParent().getParent();
            seen.add("moving " + layers.isVisible());
            canvas.settleNow();
            java.util.Set<String> shown = new java.util.HashSet<>();
            for (int i = 0; i < 200 && (canvas.revealing() || !shown.isEmpty() && shown.size() < canvas.nodeSkins()
                    .size() || shown.isEmpty()); i++) {
                frame();
                seen.add(layers.isVisible() + "");
                int now = 0;
                for (var skin : canvas.nodeSkins()) {
                    if (skin.getOpacity() > 0 && shown.add(skin.nodeId())) {
                        now++;
                    }
                }
                mostShownInOneFrame[0] = Math.max(mostShownInOneFrame[0], now);
            }
        });
        // hidden while moving, the layer of card skins is visible from the frame the view settles in (a new picture
        // of the whole view): it does not come back in one piece, in a frame of its own, later
        assertThat(seen).first().isEqualTo("moving false");
        assertThat(seen.subList(1, seen.size())).containsOnly("true");
        assertThat(mostShownInOneFrame[0]).isPositive().isLessThanOrEqualTo(SkinReveal.REVEAL_PER_FRAME);
        assertThat(canvas.revealing()).isFalse();
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

    /**
     * Prism repaints the whole window for a frame whose only changes lie outside it, and a zoomed card costs its
     * software renderer 2–5 ms: the skins kept around the view's edges go along with those in view, a few cards in
     * view a frame at a scale other than 1, edges in view (whose skins repaint their whole bounds) before cards.
     */
    @Test
    void noRevealFrameChangesOnlySkinsOutsideTheViewAndEdgesComeBeforeCards(FxRobot robot) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        List<String> problems = new ArrayList<>();
        int[] counts = new int[4]; // frames, skins outside the view uncovered, edges in view, most cards a frame
        robot.interact(() -> {
            // edges of the first column's rows stand out of the picture as skins of their own (selected)
            for (int i = 0; i < 6; i++) {
                document.selection().add("e" + i);
            }
            frame();
            moveThenStopUntilRevealing();
            javafx.geometry.Bounds view = viewport();
            java.util.Set<javafx.scene.Node> shown = new java.util.HashSet<>();
            allSkins().stream().filter(n -> n.getOpacity() > 0).forEach(shown::add);
            for (int i = 0; i < 200 && canvas.revealing(); i++) {
                frame();
                counts[0]++;
                List<javafx.scene.Node> now = allSkins().stream()
                        .filter(n -> n.getOpacity() > 0 && shown.add(n)).toList();
                List<javafx.scene.Node> inView = now.stream()
                        .filter(n -> n.getBoundsInParent().intersects(view)).toList();
                counts[1] += now.size() - inView.size();
                if (!now.isEmpty() && inView.isEmpty()) {
                    problems.add("frame " + i + ": only " + now.size() + " skins outside the view");
                }
                if (now.size() > SkinReveal.REVEAL_PER_FRAME) {
                    problems.add("frame " + i + ": " + now.size() + " skins at once");
                }
                long cards = inView.stream().filter(n -> n instanceof dev.baton.ui.canvas.skins.NodeSkin).count();
                counts[3] = (int) Math.max(counts[3], cards);
                long edges = inView.size() - cards;
                counts[2] += (int) edges;
                boolean edgeStillHidden = allSkins().stream().anyMatch(n -> n instanceof
                        dev.baton.ui.canvas.skins.EdgeSkin && n.getOpacity() == 0
                        && n.getBoundsInParent().intersects(view));
                if (cards > 0 && edgeStillHidden) {
                    problems.add("frame " + i + ": cards uncovered while an edge in view is still hidden");
                }
            }
        });
        assertThat(counts[0]).isGreaterThan(3);
        assertThat(counts[1]).as("skins kept outside the view").isPositive();
        assertThat(counts[2]).as("selected edges in view").isPositive();
        assertThat(counts[3]).isPositive().isLessThanOrEqualTo(SkinReveal.revealPerFrame(0.5));
        assertThat(SkinReveal.revealPerFrame(1.04)).isEqualTo(SkinReveal.REVEAL_PER_FRAME_SCALED);
        assertThat(SkinReveal.revealPerFrame(1)).isEqualTo(SkinReveal.REVEAL_PER_FRAME);
        assertThat(problems).isEmpty();
        assertThat(canvas.revealing()).isFalse();
        assertThat(allSkins()).allMatch(n -> n.getOpacity() > 0 || !n.isVisible());
    }
}

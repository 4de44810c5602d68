package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashed links from each RE_VERIFY judge to its verifier agent ({@code judge.verifierId}). The link is not an edge
 * of the flow (nothing travels along it in the graph) but without it the verifier would stand alone on the canvas as
 * if it were an orphan. Drawn under the cards, never picked by the mouse.
 */
final class VerifierLinks {

    private final Group group = new Group();
    /** The judge→verifier pairs drawn now, so an unchanged flow costs nothing. */
    private List<String> drawn = List.of();

    VerifierLinks() {
        group.setMouseTransparent(true);
        group.getStyleClass().add("verifier-links");
    }

    Group group() {
        return group;
    }

    /** The number of links drawn (for tests). */
    int count() {
        return (int) group.getChildren().stream().filter(n -> n instanceof Line).count();
    }

    /** Redraws the links of {@code flow}, with the cards being dragged at their {@code preview} positions. */
    void update(Flow flow, Map<String, Position> preview) {
        List<String> pairs = new ArrayList<>();
        List<javafx.scene.Node> shapes = new ArrayList<>();
        for (AgentNode judge : flow.nodes()) {
            if (judge.kind() != NodeKind.JUDGE || judge.judge() == null || judge.judge().verifierId() == null) {
                continue;
            }
            AgentNode verifier = flow.node(judge.judge().verifierId()).orElse(null);
            if (verifier == null || verifier.id().equals(judge.id())) {
                continue;
            }
            Position a = preview.getOrDefault(judge.id(), judge.position());
            Position b = preview.getOrDefault(verifier.id(), verifier.position());
            pairs.add(judge.id() + ">" + verifier.id() + "@" + a + b);
            Point2D centreB = new Point2D(b.x() + NodeGeometry.WIDTH / 2, b.y() + NodeGeometry.HEIGHT / 2);
            Point2D centreA = new Point2D(a.x() + NodeGeometry.WIDTH / 2, a.y() + NodeGeometry.HEIGHT / 2);
            Point2D from = NodeGeometry.borderPoint(a.x(), a.y(), centreB);
            Point2D to = NodeGeometry.borderPoint(b.x(), b.y(), centreA);
            Line line = new Line(from.getX(), from.getY(), to.getX(), to.getY());
            line.getStyleClass().add("verifier-link");
            line.setId("verifier-link-" + judge.id());
            Text label = new Text((from.getX() + to.getX()) / 2 + 6, (from.getY() + to.getY()) / 2 - 6, "verifies");
            label.getStyleClass().add("verifier-link-label");
            shapes.add(line);
            shapes.add(label);
        }
        if (!pairs.equals(drawn)) {
            drawn = pairs;
            group.getChildren().setAll(shapes);
        }
    }
}

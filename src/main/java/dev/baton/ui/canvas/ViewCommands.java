package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.ZoomPan;
import dev.baton.ui.document.FlowDocument;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.layout.Region;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The canvas's view commands: fit the flow (and keep it fitted while the canvas changes size, until the user moves
 * the view or edits), zoom about the centre, centre on an element.
 */
final class ViewCommands {

    private final ZoomPan view;
    private final FlowDocument document;
    private final Region canvas;
    private Supplier<List<Bounds>> fitObstacles = List::of;
    /** The view the last fit left (scale, translate x, y), while the user has not moved it; else null. */
    private double[] fittedView;
    private boolean refitQueued;

    ViewCommands(ZoomPan view, FlowDocument document, Region canvas) {
        this.view = view;
        this.document = document;
        this.canvas = canvas;
    }

    void zoomToFit() {
        view.fit(contentBounds(document.flow()), canvas.getWidth(), canvas.getHeight(), fitObstacles.get());
        fittedView = currentView();
    }

    /** An edit ends "fitted": the view stays where the user works. */
    void forgetFit() {
        fittedView = null;
    }

    private double[] currentView() {
        return new double[] {view.scale().get(), view.translateX().get(), view.translateY().get()};
    }

    /**
     * A flow fit to the view stays fit when the canvas changes size (the window's panels settle after a file opens,
     * the window is resized, the bottom panel is dragged) until the user pans, zooms or edits: then the view stays.
     */
    void refitIfStillFitted() {
        if (fittedView == null || refitQueued) {
            return;
        }
        if (!Arrays.equals(fittedView, currentView())) {
            fittedView = null; // moved by the user since the fit
            return;
        }
        refitQueued = true;
        Platform.runLater(() -> {
            refitQueued = false;
            if (fittedView != null && Arrays.equals(fittedView, currentView())) {
                zoomToFit();
            }
        });
    }

    void setFitObstacles(Supplier<List<Bounds>> obstacles) {
        fitObstacles = obstacles;
    }

    void zoomBy(double factor) {
        view.zoomAt(factor, canvas.getWidth() / 2, canvas.getHeight() / 2);
    }

    /** Centres the view on a node or an edge. */
    void reveal(String elementId) {
        Flow flow = document.flow();
        Optional<AgentNode> node = flow.node(elementId);
        Optional<Edge> edge = flow.edge(elementId);
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        if (node.isPresent()) {
            Position p = node.get().position();
            view.centreOn(p.x() + NodeGeometry.WIDTH / 2, p.y() + NodeGeometry.HEIGHT / 2, width, height);
        } else if (edge.isPresent()) {
            Optional<AgentNode> a = flow.node(edge.get().from());
            Optional<AgentNode> b = flow.node(edge.get().to());
            if (a.isPresent() && b.isPresent()) {
                view.centreOn((a.get().position().x() + b.get().position().x() + NodeGeometry.WIDTH) / 2,
                        (a.get().position().y() + b.get().position().y() + NodeGeometry.HEIGHT) / 2, width, height);
            }
        }
    }

    /** The bounding box of every node card, or null for an empty flow. */
    static Bounds contentBounds(Flow flow) {
        if (flow.nodes().isEmpty()) {
            return null;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (AgentNode n : flow.nodes()) {
            minX = Math.min(minX, n.position().x());
            minY = Math.min(minY, n.position().y());
            maxX = Math.max(maxX, n.position().x() + NodeGeometry.WIDTH);
            maxY = Math.max(maxY, n.position().y() + NodeGeometry.HEIGHT);
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }
}

package dev.baton.ui.shell;

import dev.baton.flow.Flow;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.document.TopologyTemplates;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;

/**
 * Insert ▸ topology: places the group between Start and Output, or in free space, and decides how the canvas shows
 * it afterwards (the whole flow, or the group alone).
 */
final class TopologyInsertion {

    /** Room kept around an inserted topology, and for the simulated-model banner over the canvas's top (px). */
    private static final double INSERT_MARGIN = 30;
    private static final double BANNER_ROOM = 50;

    private final FlowDocument document;
    private final FlowCanvas canvas;

    TopologyInsertion(FlowDocument document, FlowCanvas canvas) {
        this.document = document;
        this.canvas = canvas;
    }

    /** Inserts a topology's group and brings it into view; the canvas is showing. */
    void insert(TopologyTemplates.Kind kind) {
        Point2D c = canvas.viewCentre();
        // a flow of only its two ends gets the group wired between them; any other flow gets it in free space
        var between = TopologyTemplates.insertBetweenEnds(document.flow(), kind);
        TopologyTemplates.Insertion insertion = between.orElseGet(() -> TopologyTemplates.insertInFreeSpace(
                document.flow(), kind, new Position(c.getX() - 300, c.getY() - 150)));
        document.execute(insertion.command());
        document.select(insertion.nodeIds());
        if (between.isPresent()) {
            canvas.zoomToFit(); // Start, the group and Output: the whole flow now
            return;
        }
        // the free place may be beside the view: bring the whole group into it, with the cards it went beside when
        // all fit at this zoom (centred on the group alone, the chain sample's critic went under the banner)
        Flow placed = document.flow();
        Bounds group = FlowCanvas.contentBounds(placed.withNodes(placed.nodes().stream()
                .filter(n -> insertion.nodeIds().contains(n.id())).toList()));
        Bounds all = FlowCanvas.contentBounds(placed);
        double s = canvas.view().scale().get();
        boolean allFit = all.getWidth() * s + 2 * INSERT_MARGIN <= canvas.getWidth()
                && all.getHeight() * s + 2 * INSERT_MARGIN + BANNER_ROOM <= canvas.getHeight();
        if (!allFit && Math.min((canvas.getWidth() - 2 * INSERT_MARGIN) / all.getWidth(),
                (canvas.getHeight() - 2 * INSERT_MARGIN - BANNER_ROOM) / all.getHeight()) >= 0.75 * s) {
            // the whole flow misses fitting at this zoom by a little (the minimap's bounds moving by a pixel decided
            // it): show it whole, a little smaller, rather than the group alone with the flow cut at the view's edge
            canvas.zoomToFit();
            return;
        }
        Bounds shown = allFit ? all : group;
        // centred a little low when the flow fits, so that the banner over the canvas's top covers no card
        double dy = allFit ? -BANNER_ROOM / 2 / s : 0;
        canvas.view().centreOn(shown.getCenterX(), shown.getCenterY() + dy, canvas.getWidth(), canvas.getHeight());
    }
}

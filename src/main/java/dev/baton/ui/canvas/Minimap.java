package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;

/**
 * A small overview of the whole flow with the visible part framed; click or drag in it to move the view there. All
 * nodes are one path (one scene node, however large the flow), redrawn only when the flow changes.
 */
public final class Minimap extends Region {

    /** The largest size (at a wide canvas); a narrow canvas gets a smaller minimap, down to {@link #MIN_W}. */
    private static final double MAX_W = 180;
    private static final double MIN_W = 120;
    private double mapWidth = MAX_W;
    private double mapHeight = MAX_W * 2 / 3;
    private static final double PAD = 6;

    private final FlowCanvas canvas;
    private final Path nodes = new Path();
    private final Rectangle frame = new Rectangle();
    private Flow drawn;
    private Bounds content;
    private double scale = 1;
    /** Where the content's top-left corner is drawn: the content is centred in the map, not pushed to a corner. */
    private double ox = PAD;
    private double oy = PAD;

    public Minimap(FlowCanvas canvas, javafx.beans.value.ObservableValue<Flow> flow) {
        this.canvas = canvas;
        getStyleClass().add("minimap");
        resizeFor(canvas.getWidth());
        nodes.getStyleClass().add("minimap-node");
        frame.getStyleClass().add("minimap-view");
        frame.setMouseTransparent(true);
        nodes.setMouseTransparent(true);
        getChildren().addAll(nodes, frame);
        flow.addListener((o, a, b) -> requestLayout());
        canvas.view().scale().addListener(o -> requestLayout());
        canvas.view().translateX().addListener(o -> requestLayout());
        canvas.view().translateY().addListener(o -> requestLayout());
        canvas.widthProperty().addListener(o -> {
            resizeFor(canvas.getWidth());
            requestLayout();
        });
        canvas.heightProperty().addListener(o -> requestLayout());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::jump);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::jump);
    }

    /** About a sixth of the canvas width, between {@link #MIN_W} and {@link #MAX_W}, in the 3:2 shape. */
    private void resizeFor(double canvasWidth) {
        double w = Math.max(MIN_W, Math.min(MAX_W, Math.round(canvasWidth * 0.17)));
        if (w != mapWidth || getPrefWidth() != w) {
            mapWidth = w;
            mapHeight = Math.round(w * 2 / 3);
            setPrefSize(mapWidth, mapHeight);
            setMaxSize(mapWidth, mapHeight);
            setMinSize(mapWidth, mapHeight);
            drawn = null;
        }
    }

    private void jump(MouseEvent e) {
        if (content == null) {
            return;
        }
        double wx = content.getMinX() + (e.getX() - ox) / scale;
        double wy = content.getMinY() + (e.getY() - oy) / scale;
        canvas.view().centreOn(wx, wy, canvas.getWidth(), canvas.getHeight());
        e.consume();
    }

    @Override
    protected void layoutChildren() {
        Flow flow = canvas.flow();
        if (flow != drawn) {
            drawn = flow;
            content = FlowCanvas.contentBounds(flow);
            List<PathElement> rects = new ArrayList<>();
            if (content != null) {
                scale = Math.min((mapWidth - 2 * PAD) / content.getWidth(),
                        (mapHeight - 2 * PAD) / content.getHeight());
                // a wide flow left an empty strip under the map, a tall one beside it: centre it instead
                ox = PAD + (mapWidth - 2 * PAD - content.getWidth() * scale) / 2;
                oy = PAD + (mapHeight - 2 * PAD - content.getHeight() * scale) / 2;
                for (AgentNode n : flow.nodes()) {
                    double x = ox + (n.position().x() - content.getMinX()) * scale;
                    double y = oy + (n.position().y() - content.getMinY()) * scale;
                    double w = Math.max(1.5, NodeGeometry.WIDTH * scale);
                    double h = Math.max(1.5, NodeGeometry.HEIGHT * scale);
                    rects.add(new MoveTo(x, y));
                    rects.add(new LineTo(x + w, y));
                    rects.add(new LineTo(x + w, y + h));
                    rects.add(new LineTo(x, y + h));
                    rects.add(new ClosePath());
                }
            }
            nodes.getElements().setAll(rects);
        }
        if (content == null) {
            frame.setVisible(false);
            return;
        }
        Point2D a = canvas.view().toWorld(0, 0);
        Point2D b = canvas.view().toWorld(canvas.getWidth(), canvas.getHeight());
        double x0 = clamp(ox + (a.getX() - content.getMinX()) * scale, mapWidth);
        double y0 = clamp(oy + (a.getY() - content.getMinY()) * scale, mapHeight);
        double x1 = clamp(ox + (b.getX() - content.getMinX()) * scale, mapWidth);
        double y1 = clamp(oy + (b.getY() - content.getMinY()) * scale, mapHeight);
        frame.setX(x0);
        frame.setY(y0);
        frame.setWidth(Math.max(2, x1 - x0));
        frame.setHeight(Math.max(2, y1 - y0));
        frame.setVisible(true);
    }

    private static double clamp(double v, double max) {
        return Math.max(0, Math.min(max, v));
    }
}

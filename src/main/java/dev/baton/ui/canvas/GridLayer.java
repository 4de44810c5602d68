package dev.baton.ui.canvas;

import javafx.geometry.Point2D;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

import java.util.ArrayList;
import java.util.List;

/** The background grid, drawn in screen space so it costs the same at any zoom; its colour is in app.css. */
final class GridLayer extends Path {

    private double lastW = -1;
    private double lastH;
    private double lastScale;
    private double lastTx;
    private double lastTy;

    GridLayer() {
        getStyleClass().add("canvas-grid");
        setMouseTransparent(true);
    }

    void draw(double w, double h, ZoomPan view) {
        double s = view.scale().get();
        double tx = view.translateX().get();
        double ty = view.translateY().get();
        if (w == lastW && h == lastH && s == lastScale && tx == lastTx && ty == lastTy) {
            return;
        }
        lastW = w;
        lastH = h;
        lastScale = s;
        lastTx = tx;
        lastTy = ty;
        double step = NodeGeometry.GRID * s;
        while (step < 12) {
            step *= 5;
        }
        Point2D origin = view.toScreen(0, 0);
        double startX = origin.getX() % step;
        double startY = origin.getY() % step;
        List<PathElement> lines = new ArrayList<>();
        for (double x = startX < 0 ? startX + step : startX; x < w; x += step) {
            lines.add(new MoveTo(x, 0));
            lines.add(new LineTo(x, h));
        }
        for (double y = startY < 0 ? startY + step : startY; y < h; y += step) {
            lines.add(new MoveTo(0, y));
            lines.add(new LineTo(w, y));
        }
        getElements().setAll(lines);
    }
}

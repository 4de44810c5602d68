package dev.baton.ui.canvas;

import javafx.scene.shape.ArcTo;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.HLineTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.QuadCurveTo;
import javafx.scene.shape.VLineTo;

import java.util.Locale;

/** A JavaFX {@link Path} (absolute elements, as a shape operation returns them) as SVG path data. */
final class SvgPaths {

    private SvgPaths() {
    }

    /** The path's data with every point moved by (dx, dy). */
    static String of(Path path, double dx, double dy) {
        StringBuilder d = new StringBuilder();
        for (PathElement e : path.getElements()) {
            if (e instanceof MoveTo m) {
                d.append('M').append(n(m.getX() + dx)).append(' ').append(n(m.getY() + dy));
            } else if (e instanceof LineTo l) {
                d.append('L').append(n(l.getX() + dx)).append(' ').append(n(l.getY() + dy));
            } else if (e instanceof HLineTo h) {
                d.append('H').append(n(h.getX() + dx));
            } else if (e instanceof VLineTo v) {
                d.append('V').append(n(v.getY() + dy));
            } else if (e instanceof QuadCurveTo q) {
                d.append('Q').append(n(q.getControlX() + dx)).append(' ').append(n(q.getControlY() + dy)).append(' ')
                        .append(n(q.getX() + dx)).append(' ').append(n(q.getY() + dy));
            } else if (e instanceof CubicCurveTo c) {
                d.append('C').append(n(c.getControlX1() + dx)).append(' ').append(n(c.getControlY1() + dy))
                        .append(' ').append(n(c.getControlX2() + dx)).append(' ').append(n(c.getControlY2() + dy))
                        .append(' ').append(n(c.getX() + dx)).append(' ').append(n(c.getY() + dy));
            } else if (e instanceof ArcTo a) {
                d.append('A').append(n(a.getRadiusX())).append(' ').append(n(a.getRadiusY())).append(' ')
                        .append(n(a.getXAxisRotation())).append(' ').append(a.isLargeArcFlag() ? 1 : 0).append(' ')
                        .append(a.isSweepFlag() ? 1 : 0).append(' ').append(n(a.getX() + dx)).append(' ')
                        .append(n(a.getY() + dy));
            } else if (e instanceof ClosePath) {
                d.append('Z');
            }
        }
        return d.toString();
    }

    private static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
    }
}

package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.NodeLook;
import dev.baton.ui.canvas.skins.EdgeSkin;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Exports the whole flow as SVG: cards, edges with their arrowheads and labels, in the colours and fonts the
 * stylesheets give the canvas (read from hidden probes, as the canvas's picture layer does), so that the drawing
 * scales without blur in a document or a slide. The XML is written with the JDK's StAX writer (escaping included).
 */
public final class SvgExport {

    private static final double MARGIN = 40;

    private SvgExport() {
    }

    /** The flow as an SVG document; call on the FX thread (the styles are read from a scene). */
    public static String render(Flow flow, List<String> stylesheets) {
        RasterStyles styles = new RasterStyles();
        FlowCanvas canvas = new FlowCanvas(new dev.baton.ui.document.FlowDocument(flow));
        Group root = new Group(canvas, styles.probes());
        Scene scene = new Scene(root);
        scene.getStylesheets().setAll(stylesheets);
        root.applyCss();
        styles.refresh(true);
        int background = canvas.getBackground() != null && !canvas.getBackground().getFills().isEmpty()
                ? rgb(canvas.getBackground().getFills().get(0).getFill()) : 0xf6f8fa;
        try {
            return write(flow, styles, background);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the SVG: " + e.getMessage(), e);
        }
    }

    /** Writes the document as UTF-8. */
    public static void write(String svg, Path file) throws IOException {
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }

    private static String write(Flow flow, RasterStyles styles, int background) throws XMLStreamException {
        Bounds content = FlowCanvas.contentBounds(flow);
        double x0 = content == null ? 0 : content.getMinX() - MARGIN;
        double y0 = content == null ? 0 : content.getMinY() - MARGIN;
        double w = content == null ? 400 : content.getWidth() + 2 * MARGIN;
        double h = content == null ? 300 : content.getHeight() + 2 * MARGIN;
        StringWriter out = new StringWriter();
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        x.writeStartDocument("UTF-8", "1.0");
        x.writeStartElement("svg");
        x.writeDefaultNamespace("http://www.w3.org/2000/svg");
        x.writeAttribute("width", num(w));
        x.writeAttribute("height", num(h));
        x.writeAttribute("viewBox", num(x0) + " " + num(y0) + " " + num(w) + " " + num(h));
        x.writeStartElement("title");
        x.writeCharacters(flow.name());
        x.writeEndElement();
        rect(x, x0, y0, w, h, 0, background, "background");
        for (Edge e : flow.edges()) {
            AgentNode from = flow.node(e.from()).orElse(null);
            AgentNode to = flow.node(e.to()).orElse(null);
            if (from != null && to != null) {
                edge(x, e, from, to, styles.line(e.kind(), RasterStyles.State.PLAIN), background);
            }
        }
        // one glyph outline per kind, not per card
        java.util.Map<dev.baton.flow.NodeKind, RasterStyles.Icon> icons = new java.util.EnumMap<>(
                dev.baton.flow.NodeKind.class);
        for (AgentNode n : flow.nodes()) {
            card(x, n, styles.card(n.kind(), RasterStyles.State.PLAIN), icons.computeIfAbsent(n.kind(),
                    styles::icon));
        }
        x.writeEndElement();
        x.writeEndDocument();
        x.close();
        return out.toString();
    }

    private static void edge(XMLStreamWriter x, Edge e, AgentNode from, AgentNode to, RasterStyles.Line line,
                             int background) throws XMLStreamException {
        EdgeRouting.Route r = EdgeRouting.of(e.kind(), from.position(), to.position());
        double d = EdgeRouting.controlDistance(r);
        Point2D c1 = r.a().add(r.da().multiply(d));
        Point2D c2 = r.b().add(r.db().multiply(d));
        x.writeStartElement("g");
        x.writeAttribute("class", "edge edge-" + e.kind().name().toLowerCase(Locale.ROOT));
        x.writeAttribute("id", "edge-" + e.id());
        x.writeEmptyElement("path");
        x.writeAttribute("d", "M" + pt(r.a()) + " C" + pt(c1) + " " + pt(c2) + " " + pt(r.b()));
        x.writeAttribute("fill", "none");
        x.writeAttribute("stroke", hex(line.colour()));
        x.writeAttribute("stroke-opacity", num(line.alpha()));
        x.writeAttribute("stroke-width", num(line.width()));
        if (line.dash() != null && line.dash().length > 0) {
            StringBuilder dash = new StringBuilder();
            for (double v : line.dash()) {
                dash.append(dash.length() == 0 ? "" : " ").append(num(v));
            }
            x.writeAttribute("stroke-dasharray", dash.toString());
        }
        // the arrowhead as the canvas draws it: 11 long, 11 wide, at the arrival end
        Point2D dir = r.db().multiply(-1).normalize();
        Point2D side = new Point2D(-dir.getY(), dir.getX());
        Point2D base = r.b().subtract(dir.multiply(11));
        x.writeEmptyElement("polygon");
        x.writeAttribute("points", pt(r.b()) + " " + pt(base.add(side.multiply(5.5))) + " "
                + pt(base.subtract(side.multiply(5.5))));
        x.writeAttribute("fill", hex(line.colour()));
        String label = EdgeSkin.describe(e);
        if (!label.isEmpty()) {
            Point2D at = cubic(r.a(), c1, c2, r.b(), e.kind() == EdgeKind.DELEGATES ? 0.8 : 0.5);
            double width = label.length() * 5.6 + 8;
            rect(x, at.getX() - width / 2, at.getY() - 8, width, 14, 3, background, null);
            x.writeStartElement("text");
            x.writeAttribute("x", num(at.getX()));
            x.writeAttribute("y", num(at.getY() + 3));
            x.writeAttribute("text-anchor", "middle");
            x.writeAttribute("font-family", "sans-serif");
            x.writeAttribute("font-size", "10");
            x.writeAttribute("fill", hex(line.colour()));
            x.writeCharacters(label);
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void card(XMLStreamWriter x, AgentNode n, RasterStyles.Card look, RasterStyles.Icon icon)
            throws XMLStreamException {
        double px = n.position().x();
        double py = n.position().y();
        double w = NodeGeometry.WIDTH;
        double h = NodeGeometry.HEIGHT;
        x.writeStartElement("g");
        x.writeAttribute("class", "node node-" + n.kind().name().toLowerCase(Locale.ROOT));
        x.writeAttribute("id", "node-" + n.id());
        // accent, border, face: three rounded rectangles, as the canvas's picture of a card
        rect(x, px, py, w, h, look.radius(), look.accent(), null);
        rect(x, px + look.accentWidth(), py, w - look.accentWidth(), h, look.radius(), look.border(), null);
        rect(x, px + look.accentWidth(), py + look.borderWidth(), w - look.accentWidth() - look.borderWidth(),
                h - 2 * look.borderWidth(), Math.max(0, look.radius() - look.borderWidth()), look.background(), null);
        if (icon != null) {
            // the icon font's glyph as its outline: a viewer of the SVG has no icon font
            x.writeEmptyElement("path");
            x.writeAttribute("class", "node-icon");
            x.writeAttribute("transform", "translate(" + num(px) + "," + num(py) + ")");
            x.writeAttribute("d", icon.svgPath());
            x.writeAttribute("fill", hex(rgb(icon.fill())));
        }
        text(x, look.caption(), NodeLook.of(n.kind()).caption(), px, py);
        text(x, look.name(), n.name().isBlank() ? n.id() : n.name(), px, py);
        text(x, look.role(), n.role().isBlank() ? n.goal() : n.role(), px, py);
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, RasterStyles.Text style, String value, double px, double py)
            throws XMLStreamException {
        if (value == null || value.isBlank()) {
            return;
        }
        Font font = style.font();
        int fits = (int) (style.maxWidth() / (font.getSize() * 0.58));
        String shown = value.length() > fits ? value.substring(0, Math.max(1, fits - 1)) + "…" : value;
        x.writeStartElement("text");
        x.writeAttribute("x", num(px + style.x()));
        x.writeAttribute("y", num(py + style.baseline()));
        x.writeAttribute("font-family", font.getFamily() + ", sans-serif");
        x.writeAttribute("font-size", num(font.getSize()));
        if (font.getStyle().toLowerCase(Locale.ROOT).contains("bold")) {
            x.writeAttribute("font-weight", "bold");
        }
        x.writeAttribute("fill", hex(rgb(style.fill())));
        x.writeCharacters(shown);
        x.writeEndElement();
    }

    private static void rect(XMLStreamWriter x, double px, double py, double w, double h, double radius, int fill,
                             String cssClass) throws XMLStreamException {
        x.writeEmptyElement("rect");
        if (cssClass != null) {
            x.writeAttribute("class", cssClass);
        }
        x.writeAttribute("x", num(px));
        x.writeAttribute("y", num(py));
        x.writeAttribute("width", num(Math.max(0, w)));
        x.writeAttribute("height", num(Math.max(0, h)));
        if (radius > 0) {
            x.writeAttribute("rx", num(radius));
        }
        x.writeAttribute("fill", hex(fill));
    }

    private static Point2D cubic(Point2D a, Point2D b, Point2D c, Point2D d, double t) {
        double u = 1 - t;
        return a.multiply(u * u * u).add(b.multiply(3 * u * u * t)).add(c.multiply(3 * u * t * t))
                .add(d.multiply(t * t * t));
    }

    private static String pt(Point2D p) {
        return num(p.getX()) + "," + num(p.getY());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }

    private static int rgb(Paint paint) {
        if (paint instanceof Color c) {
            return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                    | (int) Math.round(c.getBlue() * 255);
        }
        return 0x1f2328;
    }
}

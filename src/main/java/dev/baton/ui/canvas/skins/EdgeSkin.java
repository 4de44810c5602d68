package dev.baton.ui.canvas.skins;

import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import javafx.animation.PathTransition;
import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;

import javafx.util.Duration;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One edge as drawn on the canvas (the JavaFX group beside {@link NodeSkin}; what travelled along it during a run is
 * {@code ui.run.EdgeActivity}): a cubic curve, an arrowhead and a label with the context policy. The kind's CSS class
 * ({@code edge-next}, {@code edge-delegates} …) decides the stroke (solid, dashed, dotted, red-ish).
 */
public final class EdgeSkin extends Group {

    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    /** Something travels along the edge right now (a handoff, delegation, answer, context). */
    public static final PseudoClass ACTIVE = PseudoClass.getPseudoClass("active");
    /** A critic's rejection travels back along this REVIEWS edge right now. */
    public static final PseudoClass REJECTED = PseudoClass.getPseudoClass("rejected");
    /** A breakpoint is set on this handoff edge. */
    public static final PseudoClass BREAKPOINT = PseudoClass.getPseudoClass("breakpoint");
    /** The run is held at a breakpoint right before this handoff. */
    public static final PseudoClass HELD = PseudoClass.getPseudoClass("held");
    /** A NEXT edge into a judge whose input the judge chose. */
    public static final PseudoClass WINNER = PseudoClass.getPseudoClass("winner");
    /** A NEXT edge into a judge whose input the judge did not choose. */
    public static final PseudoClass DIMMED = PseudoClass.getPseudoClass("dimmed");

    private final String edgeId;
    private final CubicCurve curve = new CubicCurve();
    private final CubicCurve hitArea = new CubicCurve();
    private final Polygon arrow = new Polygon();
    /*
     * The label, the travelling token and the breakpoint mark are made when first needed: most edges of a large flow
     * show none of them, and each child is a CSS pass (a Label a control with its skin) for every edge that enters
     * the view, the larger part of the frame in which the skins come back after a pan.
     */
    private Label label;
    private Circle token;
    private Circle breakpointMark;
    private Edge shown;
    // one tooltip for every edge (a tooltip is a window: one per edge would weigh on a large flow); it shows the
    // detail of the edge the mouse entered last
    private static Tooltip runTooltip;
    private static EdgeSkin hovered;
    private Supplier<String> runDetail;
    private boolean tooltipInstalled;
    private PauseTransition flashEnd;
    private PathTransition travel;
    private Point2D lastA;
    private Point2D lastB;
    private Point2D lastDa;
    private Point2D lastDb;

    public EdgeSkin(Edge edge) {
        this.edgeId = edge.id();
        getStyleClass().addAll("edge", "edge-" + edge.kind().name().toLowerCase(Locale.ROOT));
        curve.getStyleClass().add("edge-line");
        // a wide transparent twin makes a thin curve easy to click
        hitArea.getStyleClass().add("edge-hit");
        arrow.getStyleClass().add("edge-arrow");
        curve.setMouseTransparent(true);
        // no fill at all, not a transparent one: the software renderer rasterizes a transparent fill over the whole
        // area the curve encloses, which made the edges the larger part of the frame where the skins come back
        curve.setStyle("-fx-fill: null;");
        arrow.setMouseTransparent(true);
        getChildren().addAll(hitArea, curve, arrow);
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> hovered = this);
        update(edge);
    }

    public String edgeId() {
        return edgeId;
    }

    public Edge edge() {
        return shown;
    }

    public void update(Edge edge) {
        shown = edge;
        String text = describe(edge);
        if (label == null && !text.isEmpty()) {
            label = new Label();
            label.getStyleClass().add("edge-label");
            // above the curve and arrow, below the breakpoint mark and the token
            getChildren().add(3, label);
        }
        if (label != null) {
            label.setText(text);
            label.setVisible(!text.isEmpty());
        }
        lastA = null;
    }

    private Circle breakpointMark() {
        if (breakpointMark == null) {
            breakpointMark = new Circle(5.5);
            breakpointMark.getStyleClass().add("edge-breakpoint-mark");
            breakpointMark.setMouseTransparent(true);
            breakpointMark.setVisible(false);
            Point2D mid = midpoint();
            breakpointMark.setCenterX(mid.getX());
            breakpointMark.setCenterY(mid.getY());
            getChildren().add(token == null ? getChildren().size() : getChildren().indexOf(token), breakpointMark);
        }
        return breakpointMark;
    }

    private Circle token() {
        if (token == null) {
            token = new Circle(4.5);
            token.getStyleClass().add("edge-token");
            token.setMouseTransparent(true);
            token.setVisible(false);
            getChildren().add(token);
        }
        return token;
    }

    /** "last", "fields: a, b · 2k tok", "retries 2 → fail": what travels along, in a few words. */
    public static String describe(Edge edge) {
        if (!edge.label().isBlank()) {
            return edge.label();
        }
        if (edge.kind() == EdgeKind.REVIEWS) {
            return edge.review() == null ? "" : "retries " + edge.review().maxRetries() + " → "
                    + edge.review().onExhausted().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        ContextPolicy p = edge.effectiveContext();
        String text = p.mode() == ContextMode.FIELDS ? "fields: " + String.join(", ", p.fields())
                : p.mode().name().toLowerCase(Locale.ROOT);
        if (p.tokenBudget() != null) {
            text += " · " + p.tokenBudget() + " tok";
        }
        // the common default says nothing worth the ink on a NEXT edge
        return edge.kind() == EdgeKind.NEXT && p.equals(ContextPolicy.FULL) ? "" : text;
    }

    /** Lays the curve from {@code a} (leaving along {@code da}) to {@code b} (arriving along {@code db}). */
    public void route(Point2D a, Point2D da, Point2D b, Point2D db) {
        // panning and zooming do not move anything in world coordinates: skip the work when the ends stay put
        if (a.equals(lastA) && b.equals(lastB) && da.equals(lastDa) && db.equals(lastDb)) {
            return;
        }
        lastA = a;
        lastB = b;
        lastDa = da;
        lastDb = db;
        double dist = Math.max(40, a.distance(b) * 0.4);
        set(curve, a, da, b, db, dist);
        set(hitArea, a, da, b, db, dist);
        // arrowhead at b, pointing along the arrival direction
        Point2D dir = db.multiply(-1).normalize();
        Point2D side = new Point2D(-dir.getY(), dir.getX());
        Point2D tip = b;
        Point2D base = tip.subtract(dir.multiply(11));
        Point2D l = base.add(side.multiply(5.5));
        Point2D r = base.subtract(side.multiply(5.5));
        arrow.getPoints().setAll(tip.getX(), tip.getY(), l.getX(), l.getY(), r.getX(), r.getY());
        if (breakpointMark != null) {
            Point2D mid = midpoint();
            breakpointMark.setCenterX(mid.getX());
            breakpointMark.setCenterY(mid.getY());
        }
        if (label == null) {
            return;
        }
        // label on the curve: the middle, or near the worker for delegation, where fanned-out edges are apart
        Point2D at = pointAt(shown.kind() == EdgeKind.DELEGATES ? 0.8 : 0.5);
        if (label.getSkin() == null && label.getScene() != null) {
            // a new label has no skin (and so no size) until its first CSS pass: give it one to measure now
            label.applyCss();
        }
        double labelWidth = label.prefWidth(-1);
        double labelY = at.getY() - (shown.kind() == EdgeKind.DELEGATES ? 8 : 18);
        // between two cards side by side a label wider than the gap would hide behind a card: hang it under them
        if (shown.kind() == EdgeKind.NEXT && labelWidth > b.getX() - a.getX() - 8
                && Math.abs(a.getY() - b.getY()) < NodeGeometry.HEIGHT) {
            labelY = Math.max(a.getY(), b.getY()) + NodeGeometry.HEIGHT / 2 + 3;
        }
        label.relocate(at.getX() - labelWidth / 2, labelY);
    }

    /**
     * Moves the label along the curve, above or below it, until it covers no card ({@code overCard} answers for a
     * place in world units); it stays where it is when it is clear already or no place is.
     */
    public void keepLabelClear(java.util.function.Predicate<Bounds> overCard) {
        Optional<Bounds> now = labelBounds();
        if (now.isEmpty() || !overCard.test(now.get())) {
            return;
        }
        double w = now.get().getWidth();
        double h = now.get().getHeight();
        double[] along = shown.kind() == EdgeKind.DELEGATES ? new double[] {0.8, 0.7, 0.6, 0.5, 0.4, 0.3}
                : new double[] {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8};
        // just above or below the curve, then clear of a card centred on it: short edges between cards side by side
        double clear = NodeGeometry.HEIGHT / 2 + 3;
        double[] offsets = {-h - 2, 2, clear, -clear - h};
        for (double dy : offsets) {
            for (double t : along) {
                Point2D p = pointAt(t);
                Bounds place = new javafx.geometry.BoundingBox(p.getX() - w / 2, p.getY() + dy, w, h);
                if (!overCard.test(place)) {
                    label.relocate(place.getMinX(), place.getMinY());
                    return;
                }
            }
        }
    }

    /** The point of the curve at {@code t} in [0, 1], in this view's coordinates (the canvas world). */
    public Point2D pointAt(double t) {
        double u = 1 - t;
        double x = u * u * u * curve.getStartX() + 3 * u * u * t * curve.getControlX1()
                + 3 * u * t * t * curve.getControlX2() + t * t * t * curve.getEndX();
        double y = u * u * u * curve.getStartY() + 3 * u * u * t * curve.getControlY1()
                + 3 * u * t * t * curve.getControlY2() + t * t * t * curve.getEndY();
        return new Point2D(x, y);
    }

    /** The middle of the curve, where a breakpoint mark sits (and a click hits the edge). */
    public Point2D midpoint() {
        return pointAt(0.5);
    }

    /** Where the label with the context policy sits in the canvas world; empty when the edge shows none. */
    public Optional<Bounds> labelBounds() {
        if (label == null || !label.isVisible() || label.getText().isEmpty()) {
            return Optional.empty();
        }
        // before its first layout a label has no size yet: its preferred size is what it will take
        double w = label.getWidth() > 0 ? label.getWidth() : label.prefWidth(-1);
        double h = label.getHeight() > 0 ? label.getHeight() : label.prefHeight(-1);
        return Optional.of(new javafx.geometry.BoundingBox(label.getLayoutX(), label.getLayoutY(), w, h));
    }

    private static void set(CubicCurve c, Point2D a, Point2D da, Point2D b, Point2D db, double dist) {
        c.setStartX(a.getX());
        c.setStartY(a.getY());
        c.setControlX1(a.getX() + da.getX() * dist);
        c.setControlY1(a.getY() + da.getY() * dist);
        c.setControlX2(b.getX() + db.getX() * dist);
        c.setControlY2(b.getY() + db.getY() * dist);
        c.setEndX(b.getX());
        c.setEndY(b.getY());
    }

    public void setSelected(boolean on) {
        pseudoClassStateChanged(SELECTED, on);
    }

    public void setInvalid(boolean on) {
        pseudoClassStateChanged(INVALID, on);
    }

    /**
     * Lights the edge for {@code duration} ({@code :active}, or {@code :rejected} for a rejection) while a dot travels
     * along the curve, backwards when {@code reverse} (an answer or a rejection goes back to the sender).
     */
    public void flash(boolean rejection, boolean reverse, Duration duration) {
        PseudoClass on = rejection ? REJECTED : ACTIVE;
        pseudoClassStateChanged(rejection ? ACTIVE : REJECTED, false);
        pseudoClassStateChanged(on, true);
        if (flashEnd != null) {
            flashEnd.stop();
        }
        flashEnd = new PauseTransition(duration);
        Circle token = token();
        flashEnd.setOnFinished(e -> {
            pseudoClassStateChanged(on, false);
            token.setVisible(false);
        });
        flashEnd.play();
        if (travel != null) {
            travel.stop();
        }
        Path path = new Path(new MoveTo(curve.getStartX(), curve.getStartY()),
                new CubicCurveTo(curve.getControlX1(), curve.getControlY1(), curve.getControlX2(),
                        curve.getControlY2(), curve.getEndX(), curve.getEndY()));
        token.pseudoClassStateChanged(REJECTED, rejection);
        token.setVisible(true);
        travel = new PathTransition(duration, path, token);
        travel.setRate(reverse ? -1 : 1);
        if (reverse) {
            travel.jumpTo(duration);
        }
        travel.play();
    }

    /** Marks the edge with a red dot at its middle: the run will stop before this handoff. */
    public void setBreakpoint(boolean on) {
        if (hasBreakpoint() != on) {
            breakpointMark().setVisible(on);
            pseudoClassStateChanged(BREAKPOINT, on);
        }
    }

    public boolean hasBreakpoint() {
        return breakpointMark != null && breakpointMark.isVisible();
    }

    /** Highlights the edge while the run is held right before its handoff. */
    public void setHeld(boolean on) {
        pseudoClassStateChanged(HELD, on);
    }

    /**
     * Shows a judge's choice on an incoming edge: {@code true} won, {@code false} lost, null no decision. Returns true
     * when the label changed size (a winner's label is bold): it is measured and centred again at once, so that what
     * is placed around labels (a judge's callout) sees its real extent, not last frame's.
     */
    public boolean setJudged(Boolean won) {
        boolean wasWinner = getPseudoClassStates().contains(WINNER);
        pseudoClassStateChanged(WINNER, Boolean.TRUE.equals(won));
        pseudoClassStateChanged(DIMMED, Boolean.FALSE.equals(won));
        if (wasWinner == Boolean.TRUE.equals(won) || lastA == null || label == null || label.getScene() == null) {
            return false;
        }
        double before = label.prefWidth(-1);
        label.applyCss();
        if (label.prefWidth(-1) == before) {
            return false;
        }
        Point2D a = lastA;
        lastA = null; // route() skips unchanged ends
        route(a, lastDa, lastB, lastDb);
        return true;
    }

    /**
     * What hovering the edge shows during and after a run (the context that passed, the judge's reason); the text is
     * asked for only when the tooltip opens, so a busy run pays nothing for it. Null takes the tooltip away.
     */
    public void setRunDetail(Supplier<String> detail) {
        runDetail = detail;
        if ((detail != null) == tooltipInstalled) {
            return;
        }
        tooltipInstalled = detail != null;
        if (tooltipInstalled) {
            Tooltip.install(this, runTooltip());
        } else {
            Tooltip.uninstall(this, runTooltip());
        }
    }

    private static Tooltip runTooltip() {
        if (runTooltip == null) {
            Tooltip t = new Tooltip();
            t.getStyleClass().add("edge-run-tooltip");
            t.setWrapText(true);
            t.setMaxWidth(460);
            t.setShowDelay(Duration.millis(350));
            t.setShowDuration(Duration.INDEFINITE);
            t.setOnShowing(e -> t.setText(hovered == null ? "" : hovered.runDetailText()));
            runTooltip = t;
        }
        return runTooltip;
    }

    /** The text the run tooltip shows now, "" without a run. */
    public String runDetailText() {
        Supplier<String> d = runDetail;
        return d == null ? "" : d.get();
    }

    /** True while the edge is lit by {@link #flash}. */
    public boolean isFlashing() {
        return getPseudoClassStates().contains(ACTIVE) || getPseudoClassStates().contains(REJECTED);
    }
}

package dev.baton.ui.timeline;

import dev.baton.ui.timeline.TimelinePainter.Ink;
import dev.baton.ui.run.RunPhase;
import dev.baton.ui.run.RunTimeline;
import dev.baton.ui.run.RunViewModel;
import dev.baton.ui.run.TimelineArrow;
import dev.baton.ui.run.TimelineBar;
import dev.baton.ui.run.ToolCallRecord;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.InvalidationListener;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;

import java.util.List;
import java.util.function.Consumer;

/**
 * The run's swimlane timeline on one canvas: a lane per agent, bars for model calls (open ones grow), arrows for
 * handoffs, delegations, returns and critic rejections. Changes to the model only mark it dirty; a pulse timer paints
 * at most once per frame and stops when nothing changes, so a burst of events costs one paint. Ctrl+wheel zooms, the
 * wheel and scroll bars scroll, and it follows the right end while running until the user scrolls back. Colours come
 * from CSS ({@code -baton-timeline-*} properties on {@code .timeline-view}).
 */
public final class TimelineView extends Region {

    /** While only open bars grow (no new event), repaint at most this often. */
    private static final long GROWTH_FRAME_NANOS = 33_000_000L;
    /** An open call is extrapolated at most this far past the latest event. */
    private static final double MAX_EXTRAPOLATION_MS = 120_000;

    private final Canvas canvas = new Canvas();
    private final Label placeholder = new Label("Model calls appear here as the run goes: one lane per agent.");
    private final TimelineScale scale = new TimelineScale();
    private final TimelineScrollBars bars = new TimelineScrollBars(scale, atEnd -> {
        follow = atEnd;
        invalidate();
    }, this::invalidate, this::requestLayout);
    private final ScrollBar hbar = bars.horizontal();
    private final ScrollBar vbar = bars.vertical();
    private final TimelinePainter painter = new TimelinePainter();
    private final Tooltip tip = new Tooltip();
    private final Font font = Font.font(11);
    private final InvalidationListener changed = o -> invalidate();
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frame(now);
        }
    };
    private final TimelineInks inks = new TimelineInks(this, changed);
    private RunViewModel vm;
    private Consumer<String> onNodeClicked = id -> { };
    private boolean pulsing;
    private boolean dirty;
    private boolean follow = true;
    private boolean userZoomed;
    private boolean fittedAtEnd;
    private long seenNow = -1;
    private long seenAtNanos;
    private long lastPaintNanos;
    private double liveNow;
    private int paints;
    /** The animation is paused: what is shown stops where it is, open bars included (the engine goes on). */
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private long pausedAtNanos;

    public TimelineView() {
        getStyleClass().add("timeline-view");
        setId("run-timeline");
        placeholder.getStyleClass().add("timeline-placeholder");
        placeholder.setMouseTransparent(true);
        getChildren().addAll(canvas, hbar, vbar, placeholder);
        setMinSize(0, 0);
        setPrefSize(640, 160);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> tip.hide());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        // the names' column is resizable: drag its right edge (a long agent name need never stay cut)
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> resizingNames = vm != null && onNamesEdge(e.getX()));
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (resizingNames) {
                namesWidth = e.getX();
                invalidate();
                e.consume();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> resizingNames = false);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
        sceneProperty().addListener((o, a, b) -> invalidate());
        paused.addListener((o, was, now) -> {
            long t = System.nanoTime(); // the clock AnimationTimer's pulses use
            if (now) {
                pausedAtNanos = t;
            } else {
                seenAtNanos += t - pausedAtNanos; // open bars go on from where they stopped, not jump by the pause
            }
            invalidate();
        });
        tip.getStyleClass().add("timeline-tooltip");
    }

    /** Shows {@code model}'s timeline from now on (a live run or a replay). */
    public void show(RunViewModel model) {
        if (vm != null) {
            RunTimeline old = vm.timeline();
            old.bars().removeListener(changed);
            old.arrows().removeListener(changed);
            old.toolBars().removeListener(changed);
            old.lanes().removeListener(changed);
            vm.phaseProperty().removeListener(changed);
        }
        vm = model;
        RunTimeline t = model.timeline();
        t.bars().addListener(changed);
        t.arrows().addListener(changed);
        t.toolBars().addListener(changed);
        t.lanes().addListener(changed);
        model.phaseProperty().addListener(changed);
        follow = true;
        userZoomed = false;
        fittedAtEnd = false;
        seenNow = -1;
        liveNow = 0;
        scale.scrollMs = 0;
        scale.scrollY = 0;
        invalidate();
    }

    /** Bound to the run's pause: while true, open bars stop growing (their calls have not been shown to end). */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Where open bars reach now, in ms since the run started (what the view draws; for tests). */
    public double openBarsReachMs() {
        return liveNow;
    }

    /** Called with the node id when a bar or a lane's name is clicked. */
    public void setOnNodeClicked(Consumer<String> handler) {
        this.onNodeClicked = handler == null ? id -> { } : handler;
    }

    /** Asks for a paint on the next pulse; many calls before it cost one paint. */
    void invalidate() {
        dirty = true;
        if (!pulsing && getScene() != null) {
            pulsing = true;
            pulse.start();
        }
    }

    private boolean running() {
        return vm != null && vm.phaseProperty().get() == RunPhase.RUNNING;
    }

    private void frame(long nanos) {
        RunTimeline t = vm == null ? null : vm.timeline();
        boolean growing = t != null && running() && t.hasOpenBars() && !paused.get();
        if (t != null) {
            if (t.nowMs() != seenNow) {
                seenNow = t.nowMs();
                // an event stepped in while paused counts from the pause: resume moves it on to the resume
                seenAtNanos = paused.get() ? pausedAtNanos : nanos;
            }
            double extra = growing ? Math.min(MAX_EXTRAPOLATION_MS, (nanos - seenAtNanos) / 1e6) : 0;
            // never backwards within a run: a bar that grew does not shrink when a late event arrives
            liveNow = Math.max(running() ? liveNow : 0, seenNow + extra);
        }
        if (dirty || growing && nanos - lastPaintNanos >= GROWTH_FRAME_NANOS) {
            dirty = false;
            lastPaintNanos = nanos;
            paintNow();
        }
        if (!dirty && !growing) {
            pulse.stop();
            pulsing = false;
        }
    }

    /** Lays out the scale for the current size and model, then paints; the tests call it to skip the pulse. */
    public void paintNow() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        RunTimeline t = vm == null ? null : vm.timeline();
        placeholder.setVisible(t == null || t.lanes().isEmpty());
        if (t == null || w < 2 || h < 2) {
            canvas.getGraphicsContext2D().clearRect(0, 0, w, h);
            return;
        }
        scale.width = w;
        scale.height = h;
        scale.lanes = t.lanes().size();
        scale.gutter = gutterFor(t);
        double end = Math.max(1, liveNow);
        if (running()) {
            if (!userZoomed) {
                // short runs fill the width; longer ones keep a readable scale and scroll
                scale.pxPerMs = Math.max(TimelineScale.AUTO_MIN_PX_PER_MS,
                        Math.min(0.5, scale.plotWidth() * 0.95 / Math.max(2000, end)));
            }
            if (follow) {
                scale.follow(end);
            }
        } else if (vm.phaseProperty().get().ended() && !userZoomed && !fittedAtEnd) {
            scale.fit(end);
            fittedAtEnd = true;
        }
        scale.scrollYTo(scale.scrollY);
        bars.sync(end);
        painter.paint(canvas.getGraphicsContext2D(), scale, t, liveNow, running(), this::ink, font);
        paints++;
    }

    /** True within a few pixels of the names' column's right edge, where a drag resizes it. */
    private boolean onNamesEdge(double x) {
        return Math.abs(x - scale.gutter) <= 4;
    }

    /** The names' column width the user dragged to (NaN: automatic); {@link #gutterFor} keeps it in bounds. */
    private double namesWidth = Double.NaN;
    private boolean resizingNames;

    /** Sets the names' column width as a drag would (NaN: automatic, fitted to the names). */
    public void setNamesWidth(double width) {
        namesWidth = width;
        invalidate();
    }

    /** The vertical centre of lane {@code lane} as last drawn, in canvas coordinates. */
    public double laneCentreY(int lane) {
        return scale.laneCentre(lane);
    }

    /** The names' column's width as last drawn. */
    public double namesWidth() {
        return scale.gutter;
    }

    private double gutterFor(RunTimeline t) {
        if (!Double.isNaN(namesWidth)) {
            return Math.max(60, Math.min(namesWidth, getWidth() * 0.6));
        }
        double widest = 60;
        for (String lane : t.lanes()) {
            widest = Math.max(widest, painter.labelWidth(t.label(lane), font));
        }
        return Math.min(Math.max(90, getWidth() * 0.22), widest + 22);
    }

    private Paint ink(Ink ink) {
        return inks.get(ink);
    }

    TimelineInks inks() {
        return inks;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double hb = hbar.prefHeight(-1);
        double vb = vbar.isVisible() ? vbar.prefWidth(-1) : 0;
        hbar.resizeRelocate(0, h - hb, w - vb, hb);
        vbar.resizeRelocate(w - vb, 0, vb, h - hb);
        canvas.setWidth(Math.max(0, w - vb));
        canvas.setHeight(Math.max(0, h - hb));
        double pw = Math.min(w - 20, placeholder.prefWidth(-1));
        placeholder.resizeRelocate((w - pw) / 2, (h - hb - placeholder.prefHeight(pw)) / 2, pw,
                placeholder.prefHeight(pw));
        invalidate();
    }

    // ---- gestures ----------------------------------------------------------------------------------------------

    private void hover(MouseEvent e) {
        canvas.setCursor(vm != null && onNamesEdge(e.getX()) ? javafx.scene.Cursor.H_RESIZE : null);
        String text = tooltipTextAt(e.getX(), e.getY());
        if (text == null) {
            tip.hide();
            return;
        }
        tip.setText(text);
        tip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 18);
    }

    private void click(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Object hit = hitAt(e.getX(), e.getY());
        if (hit instanceof ToolCallRecord r) {
            onNodeClicked.accept(r.nodeId());
        } else if (hit instanceof TimelineBar b) {
            onNodeClicked.accept(b.lane());
        } else if (hit instanceof String lane) {
            onNodeClicked.accept(lane);
        } else if (hit == null && e.getClickCount() == 2) {
            // back to the automatic view: fit a finished run, follow a running one
            userZoomed = false;
            follow = true;
            fittedAtEnd = false;
            invalidate();
        }
    }

    private void scroll(ScrollEvent e) {
        if (vm == null) {
            return;
        }
        if (e.isShortcutDown() || e.isControlDown()) {
            if (e.getDeltaY() != 0) {
                userZoomed = true;
                scale.zoomAround(Math.max(scale.gutter, e.getX()), e.getDeltaY() > 0 ? 1.25 : 0.8);
                follow = follow && running();
            }
        } else {
            double dx = e.getDeltaX() != 0 ? e.getDeltaX() : e.isShiftDown() || scale.overflowY() <= 0
                    ? e.getDeltaY() : 0;
            if (dx != 0) {
                scale.scrollMsTo(scale.scrollMs - dx / scale.pxPerMs, Math.max(1, liveNow) * 1.03);
                follow = scale.scrollMs + scale.visibleMs() >= liveNow;
            } else {
                scale.scrollYTo(scale.scrollY - e.getDeltaY());
            }
        }
        e.consume();
        invalidate();
    }

    // ---- hit testing (also what the tests look at) ------------------------------------------------------------

    /** The bar, the arrow, or the lane id (in the names' gutter) at a point of the canvas; null for none. */
    public Object hitAt(double x, double y) {
        return vm == null ? null : TimelineHits.at(scale, vm.timeline(), liveNow, x, y);
    }

    /** The hover text at a point of the canvas, or null where there is nothing to say. */
    public String tooltipTextAt(double x, double y) {
        Object hit = hitAt(x, y);
        return hit == null ? null : TimelineTooltips.of(hit, vm.timeline(), liveNow, vm.simulatedProperty().get());
    }

    /** Where a tool call is drawn (its centre, in canvas coordinates); null when its lane is unknown. */
    public Point2D centreOf(ToolCallRecord r) {
        return TimelineHits.centreOf(scale, vm.timeline(), liveNow, r);
    }

    /** Where a bar is drawn (its centre, in canvas coordinates). */
    public Point2D centreOf(TimelineBar b) {
        return TimelineHits.centreOf(scale, vm.timeline(), liveNow, b);
    }

    /** The middle of an arrow's line, in canvas coordinates; null when it is not drawn. */
    public Point2D middleOf(TimelineArrow a) {
        return TimelineHits.middleOf(scale, vm.timeline(), a);
    }

    /** The canvas it draws on (hit-test coordinates are the canvas's). */
    public Canvas canvas() {
        return canvas;
    }

    /** Pixels per millisecond: the horizontal zoom. */
    public double pxPerMs() {
        return scale.pxPerMs;
    }

    /** How many times it painted: bursts of events must not paint once each. */
    public int paints() {
        return paints;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return TimelineInks.CSS;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return TimelineInks.CSS;
    }
}

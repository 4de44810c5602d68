package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.Position;
import dev.baton.flow.Problem;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.ZoomPan;
import dev.baton.ui.canvas.gestures.ConnectGesture;
import dev.baton.ui.canvas.gestures.Gesture;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.run.RunViewModel;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The flow canvas: a picture layer (background, grid and, when zoomed out or moving over a large flow, the whole
 * flow drawn as one image) under the skin layers (edges, nodes) of a zoomable, pannable world, and an overlay. Only
 * elements near the viewport get a skin, found through a spatial index; {@link CanvasRenderer} decides what is drawn
 * how, {@link CanvasInput} turns input into gestures. All redrawing happens in one layout pass per pulse.
 */
public final class FlowCanvas extends Region {

    /** The zoom under which cards are drawn compact (pseudo-class {@code :compact} on the canvas). */
    public static final double COMPACT_BELOW = 0.75;
    private static final javafx.css.PseudoClass COMPACT = javafx.css.PseudoClass.getPseudoClass("compact");

    private final FlowDocument document;
    private final ZoomPan view = new ZoomPan();
    private final Group world = new Group();
    private final Group content = new Group();
    private final Group worldOverlay = new Group();
    private final Pane overlay = new Pane();
    private final Rectangle band = new Rectangle();
    private final Line connectPreview = new Line();
    private final Label refusalLabel = new Label();
    private final StringProperty lastRefusal = new SimpleStringProperty("");
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(true);
    private final SkinLayers skins = new SkinLayers();
    private final VerifierLinks verifierLinks = new VerifierLinks();
    private final RunDecorations runDecorations = new RunDecorations(skins);
    private final CanvasRenderer renderer;
    private final CanvasInput input;
    private final DropGhost ghost = new DropGhost(worldOverlay);
    private Map<String, Position> preview = Map.of();
    private Set<String> invalidIds = Set.of();
    private final ViewCommands viewCommands;
    private final CanvasMenus menus;
    private final PicturedEdges pictured;

    public FlowCanvas(FlowDocument document) {
        this.document = document;
        getStyleClass().add("flow-canvas");
        setFocusTraversable(true);
        renderer = new CanvasRenderer(view, skins, world, content, this::requestLayout);
        viewCommands = new ViewCommands(view, document, this);
        world.setManaged(false);
        content.getChildren().addAll(verifierLinks.group(), skins.edgeLayer(), skins.nodeLayer());
        world.getChildren().addAll(content, worldOverlay);
        connectPreview.setVisible(false);
        connectPreview.setMouseTransparent(true);
        worldOverlay.getChildren().add(connectPreview);
        band.getStyleClass().add("marquee");
        band.setVisible(false);
        refusalLabel.getStyleClass().add("refusal-label");
        refusalLabel.setVisible(false);
        overlay.getChildren().addAll(band, refusalLabel);
        overlay.setMouseTransparent(true);
        overlay.setManaged(false);
        getChildren().addAll(renderer.styles().probes(), renderer.raster().image(), renderer.raster().text(), world,
                renderer.raster().curtain().view(), renderer.raster().textOverCurtain(), overlay);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        document.flowProperty().addListener(this::contentChanged);
        // an edit ends "fitted": the view stays where the user works
        document.flowProperty().addListener(o -> viewCommands.forgetFit());
        widthProperty().addListener(o -> viewCommands.refitIfStillFitted());
        heightProperty().addListener(o -> viewCommands.refitIfStillFitted());
        document.problems().addListener(this::problemsChanged);
        document.selection().addListener((SetChangeListener<String>) c -> contentChanged(null));
        view.scale().addListener(this::viewChanged);
        // below this zoom the role and the badge are too small to read: cards turn compact, the name larger
        view.scale().addListener((o, was, now) -> pseudoClassStateChanged(COMPACT, now.doubleValue() < COMPACT_BELOW));
        view.translateX().addListener(this::viewChanged);
        view.translateY().addListener(this::viewChanged);
        problemsChanged(null);

        input = new CanvasInput(this, document, view, band,
                new ConnectGesture.Feedback(connectPreview, refusalLabel, lastRefusal), snapToGrid::get);
        // a press ends a motion at once: the drag that follows gets the real skins (ports, hover) under the pointer
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (!showsSkins() && view.scale().get() >= CanvasRenderer.FAR_SCALE) {
                renderer.settleNow();
                requestLayout();
                layout();
            }
        });
        pictured = new PicturedEdges(this, renderer, document, runDecorations, () -> invalidIds, () -> preview);
        menus = new CanvasMenus(this, document, runDecorations);
        addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, menus::show);
    }

    private void contentChanged(Observable ignored) {
        verifierLinks.update(document.flow(), preview);
        renderer.contentChanged();
        requestLayout();
    }

    /** The plain edge drawn in the picture at the world point, if any (a crowded view's click selects it). */
    Optional<String> pictureEdgeAt(Point2D world) {
        return pictured.at(world);
    }

    /** How many edges the picture draws now (plain edges of a crowded view; 0 when the skins draw them all). */
    int picturedEdges() {
        return renderer.detail() == FlowRaster.Detail.EDGES ? renderer.raster().picturedEdges() : 0;
    }

    private void viewChanged(Observable ignored) {
        renderer.viewChanged();
        requestLayout();
    }

    private void problemsChanged(Observable ignored) {
        Set<String> ids = new HashSet<>();
        for (Problem p : document.problems()) {
            // only an error marks a card or edge invalid (red, dashed): a warning does not stop the run
            if (p.isError() && !p.elementId().isEmpty()) {
                ids.add(p.elementId());
            }
        }
        invalidIds = Set.copyOf(ids); // immutable: each picture asked of the worker takes it as it is, no copy
        contentChanged(null);
    }

    /** What a right-click on a node offers (the designer adds its edit actions to the breakpoint). */
    public void setNodeMenu(Function<String, List<MenuItem>> menu) {
        menus.setNodeMenu(menu);
    }

    /** The breakpoint item of a node's menu: checked while the runs stop before the node. */
    public CheckMenuItem breakpointItem(String nodeId) {
        return menus.breakpointItem(nodeId);
    }

    /** The topmost node whose card contains the world point. */
    public Optional<String> nodeAt(Point2D world) {
        return renderer.ensureIndex(document.flow(), preview).nodeAt(world);
    }

    // ---- view commands ------------------------------------------------------------------------------------

    public void zoomToFit() {
        viewCommands.zoomToFit();
    }

    /** What lies over the canvas (canvas coordinates) and should not cover a card after a fit: minimap, banner. */
    public void setFitObstacles(java.util.function.Supplier<List<Bounds>> obstacles) {
        viewCommands.setFitObstacles(obstacles);
    }

    public void zoomBy(double factor) {
        viewCommands.zoomBy(factor);
    }

    /** Centres the view on a node or an edge. */
    public void reveal(String elementId) {
        viewCommands.reveal(elementId);
    }

    /** The bounding box of every node card, or null for an empty flow. */
    public static Bounds contentBounds(Flow flow) {
        return ViewCommands.contentBounds(flow);
    }

    /** The number of judge→verifier links drawn now. */
    public int verifierLinkCount() {
        return verifierLinks.count();
    }

    /** The world point at the centre of the viewport (where keyboard-added nodes go). */
    public Point2D viewCentre() {
        return view.toWorld(getWidth() / 2, getHeight() / 2);
    }

    /** Converts a scene point into canvas world coordinates, or empty when it lies outside the canvas. */
    public Optional<Point2D> sceneToWorld(double sceneX, double sceneY) {
        Point2D local = sceneToLocal(sceneX, sceneY);
        if (local == null || local.getX() < 0 || local.getY() < 0 || local.getX() > getWidth()
                || local.getY() > getHeight()) {
            return Optional.empty();
        }
        return Optional.of(view.toWorld(local.getX(), local.getY()));
    }

    /**
     * Where a card dropped with its centre at the scene point lands: its top-left corner in world units, on the grid
     * when snapping is on; empty outside the canvas. The palette's ghost and the drop both use it, so that a template
     * lands exactly where its ghost was.
     */
    public Optional<Position> dropPosition(double sceneX, double sceneY) {
        return sceneToWorld(sceneX, sceneY).map(c -> {
            double x = c.getX() - NodeGeometry.WIDTH / 2;
            double y = c.getY() - NodeGeometry.HEIGHT / 2;
            return snapToGrid.get() ? new Position(NodeGeometry.snap(x), NodeGeometry.snap(y)) : new Position(x, y);
        });
    }

    /** Shows a translucent card of {@code prototype} at {@code at} (world units) while it is dragged in. */
    public void showGhost(AgentNode prototype, Position at) {
        ghost.show(prototype, at, document.flow().defaultModel());
    }

    /** Takes the drag ghost away. */
    public void hideGhost() {
        ghost.hide();
    }

    /** Where the drag ghost's card is now (world units), or empty when none is shown. */
    public Optional<Position> ghostPosition() {
        return ghost.position();
    }

    /** The flow shown. */
    public Flow flow() {
        return document.flow();
    }

    public ZoomPan view() {
        return view;
    }

    public BooleanProperty snapToGrid() {
        return snapToGrid;
    }

    /** Why the last connection attempt was refused ("" after a successful one). */
    public ReadOnlyStringProperty lastRefusal() {
        return lastRefusal;
    }

    /** Forgets the last refusal: the user has moved on (a press, a key, an edit). */
    public void clearRefusal() {
        lastRefusal.set("");
    }

    /** The gesture in progress, if any (MOVE, CONNECT, MARQUEE, PAN). */
    public Optional<String> activeGesture() {
        return input.active().map(Gesture::name);
    }

    /** Skins currently on the canvas (after culling), for tests and the benchmark. */
    public int skinCount() {
        return skins.count();
    }

    /**
     * How the flow is drawn now: "SKINS" (one styled scene node per element), "CARDS" (a picture of cards while a
     * large flow moves) or "OVERVIEW" (a picture of blocks and lines, zoomed out).
     */
    public String renderMode() {
        return renderer.detail().underSkins() ? "SKINS" : renderer.detail().name();
    }

    /** The node skins on the canvas now (tests). */
    java.util.Collection<NodeSkin> nodeSkins() {
        return skins.nodes();
    }

    /** Ends a motion at once, as a press does (tests step through what follows with {@link #layout()}). */
    void settleNow() {
        renderer.settleNow();
        requestLayout();
    }

    /** The picture layer (tests: how often it was painted, where it lies). */
    FlowRaster raster() {
        return renderer.raster();
    }

    /**
     * Tests that step a gesture frame by frame set how long the view must be still before it settles: on a loaded
     * machine a test's own step can take longer than the usual 180 ms, and the view would settle mid-gesture.
     */
    void settleAfter(javafx.util.Duration stillFor) {
        renderer.settleAfter(stillFor);
    }

    /** The texts of the picture (tests). */
    Group rasterTexts() {
        return renderer.raster().texts();
    }

    /** The group of the skin layers (tests: what lies under or over it). */
    Node skinLayersWorld() {
        return world;
    }

    /** True while the skins of a crowded view are still being uncovered, strip by strip, after a motion. */
    public boolean revealing() {
        return renderer.revealing();
    }

    /** True once the view shows every styled card and edge (an off-screen export lays out until then). */
    boolean fullyDrawn() {
        return renderer.fullyDrawn();
    }

    /** True when the skins are what the user sees (and can click). */
    boolean showsSkins() {
        return renderer.detail().underSkins();
    }

    /** The skin of a node, when it is on screen. */
    public Optional<NodeSkin> skinOf(String nodeId) {
        return skins.node(nodeId);
    }

    // ---- runs ---------------------------------------------------------------------------------------------

    /** Node ids the next runs stop before (marked on the skins). */
    public ObservableSet<String> breakpoints() {
        return runDecorations.breakpoints();
    }

    /** Adds or removes a breakpoint before {@code nodeId}; true when it is set afterwards. */
    public boolean toggleBreakpoint(String nodeId) {
        return menus.toggleBreakpoint(nodeId);
    }

    /** Shows a run's node states, badges and travelling signals; {@code speed} scales the animations. */
    public void showRun(RunViewModel run, DoubleProperty speed) {
        runDecorations.show(run, speed, document.flow());
    }

    /** Back to the design look. */
    public void clearRun() {
        runDecorations.clear();
    }

    /** The run shown, or null. */
    public RunViewModel shownRun() {
        return runDecorations.run();
    }

    /** The view of an edge, when it is on screen. */
    public Optional<EdgeSkin> edgeViewOf(String edgeId) {
        return skins.edge(edgeId);
    }

    // ---- rendering ----------------------------------------------------------------------------------------

    /** Shows dragged nodes at {@code positions} (empty: back to the model's positions). */
    void preview(Map<String, Position> positions) {
        preview = positions;
        contentChanged(null);
    }

    @Override
    protected void layoutChildren() {
        overlay.resize(getWidth(), getHeight());
        Color background = getBackground() != null && !getBackground().getFills().isEmpty()
                && getBackground().getFills().get(0).getFill() instanceof Color c ? c : null;
        renderer.layout(new CanvasRenderer.Input(getWidth(), getHeight(), background, document.flow(), preview,
                document.selection(), invalidIds, pictured::needsSkin), () -> getScene() != null);
    }
}

package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.Position;
import dev.baton.flow.Problem;
import dev.baton.ui.ConnectionRules;
import dev.baton.ui.FlowDocument;
import dev.baton.ui.canvas.gestures.ConnectGesture;
import dev.baton.ui.canvas.gestures.Gesture;
import dev.baton.ui.canvas.gestures.MarqueeGesture;
import dev.baton.ui.canvas.gestures.MoveGesture;
import dev.baton.ui.canvas.gestures.PanGesture;
import dev.baton.ui.canvas.skins.EdgeView;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.canvas.skins.PortView;
import dev.baton.ui.run.RunViewModel;
import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flow canvas: layers grid → edges → nodes → overlay over a zoomable, pannable world. Only nodes and edges inside
 * the viewport get a skin (the rest are culled and their skins dropped), so a flow of thousands of nodes costs what
 * is on screen. All redrawing happens in one layout pass per pulse, however many changes arrived.
 */
public final class FlowCanvas extends Region {

    private static final PseudoClass FAR = PseudoClass.getPseudoClass("far");
    private static final double FAR_SCALE = 0.4;

    private final FlowDocument document;
    private final ZoomPan view = new ZoomPan();
    private final ConnectionRules rules = new ConnectionRules();
    private final GridLayer grid = new GridLayer();
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
    private final RunDecorations runDecorations = new RunDecorations(skins);
    private final Rectangle worldClip = new Rectangle();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Translate translate = new Translate();
    private Map<String, Position> preview = Map.of();
    private Set<String> invalidIds = Set.of();
    private Gesture active;
    private boolean spaceDown;
    /** The world region the current skins cover; panning inside it needs no new skins. */
    private Bounds rendered;
    private boolean contentChanged = true;
    private final PauseTransition settle = new PauseTransition(Duration.millis(180));

    public FlowCanvas(FlowDocument document) {
        this.document = document;
        getStyleClass().add("flow-canvas");
        setFocusTraversable(true);
        world.getTransforms().addAll(translate, scale);
        world.setManaged(false);
        // the cached content sits under the transformed world: its own transform never changes, so moving the view
        // re-uses the cached bitmap instead of redrawing every card and curve
        content.setClip(worldClip);
        content.getChildren().addAll(skins.edgeLayer(), skins.nodeLayer());
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
        grid.setManaged(false);
        getChildren().addAll(grid, world, overlay);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        document.flowProperty().addListener(this::contentChanged);
        document.problems().addListener(this::problemsChanged);
        document.selection().addListener((SetChangeListener<String>) c -> contentChanged(null));
        view.scale().addListener(this::viewChanged);
        view.translateX().addListener(this::viewChanged);
        view.translateY().addListener(this::viewChanged);
        // while the view moves, the drawn world is a cached bitmap that is only blitted; once still, sharp again
        content.setCache(Boolean.parseBoolean(System.getProperty("baton.canvas.cache", "true")));
        content.setCacheHint(CacheHint.QUALITY);
        settle.setOnFinished(e -> content.setCacheHint(CacheHint.QUALITY));
        problemsChanged(null);

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (active != null) {
                active.dragged(e);
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (active != null) {
                Gesture g = active;
                active = null;
                g.released(e);
            }
        });
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::contextMenu);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
            }
        });
    }

    private void contentChanged(Observable ignored) {
        contentChanged = true;
        requestLayout();
    }

    private void viewChanged(Observable ignored) {
        // far out, text and ports are unreadable anyway; dropping them (in app.css) keeps the overview cheap to draw
        pseudoClassStateChanged(FAR, view.scale().get() < FAR_SCALE);
        content.setCacheHint(CacheHint.SPEED);
        settle.playFromStart();
        requestLayout();
    }

    private void problemsChanged(Observable ignored) {
        Set<String> ids = new HashSet<>();
        for (Problem p : document.problems()) {
            if (!p.elementId().isEmpty()) {
                ids.add(p.elementId());
            }
        }
        invalidIds = ids;
        contentChanged(null);
    }

    // ---- input --------------------------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        requestFocus();
        if (active != null) {
            active.cancel();
            active = null;
        }
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            active = new PanGesture(view, e);
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Node hit = e.getPickResult().getIntersectedNode();
        for (Node n = hit; n != null && n != this; n = n.getParent()) {
            if (n instanceof PortView port) {
                startConnect(port.nodeId(), port.kind(), e);
                return;
            }
            if (n instanceof NodeSkin skin) {
                pressNode(skin.nodeId(), e);
                return;
            }
            if (n instanceof EdgeView edge) {
                toggleOrSelect(edge.edgeId(), e.isShiftDown());
                return;
            }
        }
        active = new MarqueeGesture(document, view, band, e);
    }

    private void pressNode(String id, MouseEvent e) {
        if (e.isShiftDown()) {
            toggleOrSelect(id, true);
            if (!document.selection().contains(id)) {
                return;
            }
        } else if (!document.selection().contains(id)) {
            document.select(List.of(id));
        }
        active = new MoveGesture(document, e, this::toWorld, this::preview, snapToGrid.get());
    }

    private void toggleOrSelect(String id, boolean toggle) {
        if (!toggle) {
            document.select(List.of(id));
        } else if (!document.selection().remove(id)) {
            document.selection().add(id);
        }
    }

    private void contextMenu(ContextMenuEvent e) {
        for (Node n = e.getPickResult().getIntersectedNode(); n != null && n != this; n = n.getParent()) {
            if (n instanceof NodeSkin skin) {
                String id = skin.nodeId();
                CheckMenuItem breakpoint = new CheckMenuItem("Breakpoint (stop before it runs)");
                breakpoint.setSelected(runDecorations.breakpoints().contains(id));
                breakpoint.setOnAction(a -> toggleBreakpoint(id));
                new ContextMenu(breakpoint).show(skin, e.getScreenX(), e.getScreenY());
                e.consume();
                return;
            }
            if (n instanceof EdgeView edge && edge.edge() != null) {
                String target = document.flow().node(edge.edge().to()).map(AgentNode::name)
                        .filter(name -> !name.isBlank()).orElse(edge.edge().to());
                new ContextMenu(runDecorations.edgeBreakpointItem(edge.edge(), target))
                        .show(edge, e.getScreenX(), e.getScreenY());
                e.consume();
                return;
            }
        }
    }

    private void startConnect(String from, EdgeKind kind, MouseEvent e) {
        AgentNode node = document.flow().node(from).orElseThrow();
        Point2D at = NodeGeometry.portOffset(kind).add(node.position().x(), node.position().y());
        active = new ConnectGesture(document, rules, kind, from, at, this::toWorld, this::nodeAt,
                new ConnectGesture.Feedback(connectPreview, refusalLabel, lastRefusal));
    }

    private Point2D toWorld(MouseEvent e) {
        return view.toWorld(e.getX(), e.getY());
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0 && e.getDeltaX() == 0) {
            return;
        }
        // the wheel zooms (the canvas has no page to scroll); shift+wheel or a touchpad's sideways swipe pans
        if (e.isShiftDown() || e.getDeltaX() != 0) {
            view.panBy(e.getDeltaX(), e.getDeltaY());
        } else {
            view.zoomAt(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, e.getX(), e.getY());
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        switch (e.getCode()) {
            case SPACE -> spaceDown = true;
            case F -> {
                if (!e.isShortcutDown()) {
                    zoomToFit();
                }
            }
            case ESCAPE -> {
                if (active != null) {
                    active.cancel();
                    active = null;
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void preview(Map<String, Position> positions) {
        preview = positions;
        contentChanged(null);
    }

    /** The topmost node whose card contains the world point. */
    public Optional<String> nodeAt(Point2D world) {
        List<AgentNode> nodes = document.flow().nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            AgentNode n = nodes.get(i);
            Position p = positionOf(n);
            if (NodeGeometry.bounds(p.x(), p.y()).contains(world)) {
                return Optional.of(n.id());
            }
        }
        return Optional.empty();
    }

    private Position positionOf(AgentNode n) {
        Position p = preview.get(n.id());
        return p != null ? p : n.position();
    }

    // ---- view commands ------------------------------------------------------------------------------------

    public void zoomToFit() {
        view.fit(contentBounds(document.flow()), getWidth(), getHeight());
    }

    public void zoomBy(double factor) {
        view.zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Centres the view on a node or an edge. */
    public void reveal(String elementId) {
        Flow flow = document.flow();
        Optional<AgentNode> node = flow.node(elementId);
        Optional<Edge> edge = flow.edge(elementId);
        if (node.isPresent()) {
            Position p = node.get().position();
            view.centreOn(p.x() + NodeGeometry.WIDTH / 2, p.y() + NodeGeometry.HEIGHT / 2, getWidth(), getHeight());
        } else if (edge.isPresent()) {
            Optional<AgentNode> a = flow.node(edge.get().from());
            Optional<AgentNode> b = flow.node(edge.get().to());
            if (a.isPresent() && b.isPresent()) {
                view.centreOn((a.get().position().x() + b.get().position().x() + NodeGeometry.WIDTH) / 2,
                        (a.get().position().y() + b.get().position().y() + NodeGeometry.HEIGHT) / 2,
                        getWidth(), getHeight());
            }
        }
    }

    /** The bounding box of every node card, or null for an empty flow. */
    public static Bounds contentBounds(Flow flow) {
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

    /** The gesture in progress, if any (MOVE, CONNECT, MARQUEE, PAN). */
    public Optional<String> activeGesture() {
        return Optional.ofNullable(active).map(Gesture::name);
    }

    /** Skins currently on the canvas (after culling), for tests and the benchmark. */
    public int skinCount() {
        return skins.count();
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
        if (runDecorations.breakpoints().remove(nodeId)) {
            return false;
        }
        runDecorations.breakpoints().add(nodeId);
        return true;
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
    public Optional<EdgeView> edgeViewOf(String edgeId) {
        return skins.edge(edgeId);
    }

    // ---- rendering ----------------------------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        overlay.resize(w, h);
        scale.setX(view.scale().get());
        scale.setY(view.scale().get());
        translate.setX(view.translateX().get());
        translate.setY(view.translateY().get());
        grid.draw(w, h, view);
        Point2D a = view.toWorld(0, 0);
        Point2D b = view.toWorld(w, h);
        Bounds viewport = new BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
        if (!contentChanged && rendered != null && contains(rendered, viewport)) {
            return;
        }
        // skins for a quarter screen around the viewport, so that a pan draws no new skins until it leaves that
        double mx = viewport.getWidth() / 4 + NodeGeometry.WIDTH;
        double my = viewport.getHeight() / 4 + NodeGeometry.HEIGHT;
        rendered = new BoundingBox(viewport.getMinX() - mx, viewport.getMinY() - my,
                viewport.getWidth() + 2 * mx, viewport.getHeight() + 2 * my);
        contentChanged = false;
        // long edges reach far beyond the rendered region; clipping keeps the cached bitmap to that region
        worldClip.setX(rendered.getMinX());
        worldClip.setY(rendered.getMinY());
        worldClip.setWidth(rendered.getWidth());
        worldClip.setHeight(rendered.getHeight());
        skins.render(document.flow(), rendered, this::positionOf, document.selection(), invalidIds);
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return inner.getMinX() >= outer.getMinX() && inner.getMinY() >= outer.getMinY()
                && inner.getMaxX() <= outer.getMaxX() && inner.getMaxY() <= outer.getMaxY();
    }

}

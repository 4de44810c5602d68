package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.EdgeKind;
import dev.baton.ui.document.ConnectionRules;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.ZoomPan;
import dev.baton.ui.canvas.gestures.ConnectGesture;
import dev.baton.ui.canvas.gestures.Gesture;
import dev.baton.ui.canvas.gestures.MarqueeGesture;
import dev.baton.ui.canvas.gestures.MoveGesture;
import dev.baton.ui.canvas.gestures.PanGesture;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.canvas.skins.PortView;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Mouse, wheel and key input of the canvas: starts one gesture at a time (MOVE, CONNECT, MARQUEE, PAN) from what the
 * press hit, and turns the wheel into zoom or pan. A press that hits no skin is hit-tested against the model, so
 * that cards drawn as a picture (zoomed out, or while the view moves) can be clicked and dragged too.
 */
final class CanvasInput {

    private final FlowCanvas canvas;
    private final FlowDocument document;
    private final ZoomPan view;
    private final ConnectionRules rules = new ConnectionRules();
    private final ConnectGesture.Feedback feedback;
    private final javafx.scene.shape.Rectangle band;
    private final BooleanSupplier snapToGrid;
    private Gesture active;
    private boolean spaceDown;

    CanvasInput(FlowCanvas canvas, FlowDocument document, ZoomPan view, javafx.scene.shape.Rectangle band,
                ConnectGesture.Feedback feedback, BooleanSupplier snapToGrid) {
        this.canvas = canvas;
        this.document = document;
        this.view = view;
        this.band = band;
        this.feedback = feedback;
        this.snapToGrid = snapToGrid;
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (active != null) {
                active.dragged(e);
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (active != null) {
                Gesture g = active;
                active = null;
                g.released(e);
            }
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        canvas.addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
            }
        });
    }

    /** The gesture in progress, if any. */
    Optional<Gesture> active() {
        return Optional.ofNullable(active);
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
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
        for (Node n = hit; n != null && n != canvas; n = n.getParent()) {
            if (n instanceof PortView port) {
                startConnect(port.nodeId(), port.kind(), e);
                return;
            }
            if (n instanceof NodeSkin skin) {
                pressNode(skin.nodeId(), e);
                return;
            }
            if (n instanceof EdgeSkin edge) {
                toggleOrSelect(edge.edgeId(), e.isShiftDown());
                return;
            }
        }
        // no skin was hit: the cards may be a picture (zoomed out, or the press came while moving), so ask the model
        Optional<String> node = canvas.nodeAt(toWorld(e));
        if (node.isPresent()) {
            pressNode(node.get(), e);
            return;
        }
        // a crowded view draws its plain edges in the picture: a click on one selects it as a click on its skin does
        Optional<String> edge = canvas.pictureEdgeAt(toWorld(e));
        if (edge.isPresent()) {
            toggleOrSelect(edge.get(), e.isShiftDown());
            return;
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
        active = new MoveGesture(document, e, this::toWorld, canvas::preview, snapToGrid.getAsBoolean());
    }

    private void toggleOrSelect(String id, boolean toggle) {
        if (!toggle) {
            document.select(List.of(id));
        } else if (!document.selection().remove(id)) {
            document.selection().add(id);
        }
    }

    private void startConnect(String from, EdgeKind kind, MouseEvent e) {
        AgentNode node = document.flow().node(from).orElseThrow();
        Point2D at = NodeGeometry.portOffset(kind).add(node.position().x(), node.position().y());
        active = new ConnectGesture(document, rules, kind, from, at, this::toWorld, canvas::nodeAt, feedback);
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
                if (e.isShortcutDown()) {
                    return;
                }
                canvas.zoomToFit();
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
}

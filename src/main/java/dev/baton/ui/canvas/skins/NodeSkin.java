package dev.baton.ui.canvas.skins;

import dev.baton.flow.AgentNode;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.ModelRef;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.NodeLook;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;

/**
 * The card of one node: kind icon and caption, name, role, model badge, and its ports. The kind's look (icon, ports,
 * CSS class {@code kind-…}) comes from {@link NodeLook}; state shows through pseudo-classes {@code :selected},
 * {@code :invalid} and, for runs, {@code :running}, {@code :done}, {@code :failed}.
 */
public final class NodeSkin extends Region {

    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    public static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    public static final PseudoClass WAITING = PseudoClass.getPseudoClass("waiting");
    public static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    public static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    public static final PseudoClass BREAKPOINT = PseudoClass.getPseudoClass("breakpoint");
    /** A tool call of this node waits for the user's approval: the card must be unmistakable. */
    public static final PseudoClass APPROVAL = PseudoClass.getPseudoClass("approval");
    private static final List<PseudoClass> RUN_STATES = List.of(RUNNING, WAITING, DONE, FAILED);

    private String nodeId;
    private final Label caption = new Label();
    private final Label name = new Label();
    private final Label role = new Label();
    private final Label badge = new Label();
    private static final javafx.css.PseudoClass NO_MODEL = javafx.css.PseudoClass.getPseudoClass("no-model");
    // made on first use: a card that never shows a run status or a breakpoint pays no CSS pass for them
    private Label runBadge;
    private Circle breakpointMark;
    private final VBox card;
    private final List<PortView> ports = new ArrayList<>();
    private final ToolMarks tools;
    private AgentNode shown;

    public NodeSkin(AgentNode node, ModelRef flowDefault) {
        this.nodeId = node.id();
        NodeLook look = NodeLook.of(node.kind());
        getStyleClass().addAll("node-skin", look.styleClass());
        setPrefSize(NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
        setMinSize(NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
        setMaxSize(NodeGeometry.WIDTH, NodeGeometry.HEIGHT);

        FontIcon icon = new FontIcon(look.icon());
        icon.getStyleClass().add("node-icon");
        caption.getStyleClass().add("node-caption");
        caption.setText(look.caption());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        badge.getStyleClass().add("model-badge");
        // the kind caption never shrinks; a long model name is what gets the ellipsis
        caption.setMinWidth(Region.USE_PREF_SIZE);
        badge.setMinWidth(0);
        // cut from the start: the model's name at the end is what tells two cards apart ("…ulated/sim-1", not
        // "simulated/si…")
        badge.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        HBox header = new HBox(6, icon, caption, spacer, badge);
        header.getStyleClass().add("node-header");
        name.getStyleClass().add("node-name");
        role.getStyleClass().add("node-role");
        card = new VBox(2, header, name, role);
        card.getStyleClass().add("node-card");
        card.resizeRelocate(0, 0, NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
        card.setPrefSize(NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
        getChildren().add(card);
        tools = new ToolMarks(node, getChildren()::add);

        if (look.acceptsNext()) {
            Circle in = new Circle(5);
            in.getStyleClass().addAll("port-in");
            in.setCenterX(0);
            in.setCenterY(NodeGeometry.HEIGHT / 2);
            in.setMouseTransparent(true);
            getChildren().add(in);
        }
        for (EdgeKind kind : look.ports()) {
            PortView port = new PortView(node.id(), kind);
            Point2D at = NodeGeometry.portOffset(kind);
            port.setCenterX(at.getX());
            port.setCenterY(at.getY());
            ports.add(port);
            getChildren().add(port);
        }
        update(node, flowDefault);
    }

    @Override
    protected void layoutChildren() {
        card.resizeRelocate(0, 0, NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
        if (runBadge != null && runBadge.isVisible()) {
            double w = Math.min(NodeGeometry.WIDTH, runBadge.prefWidth(-1));
            runBadge.resizeRelocate(0, NodeGeometry.HEIGHT + 3, w, runBadge.prefHeight(w));
        }
        tools.layout(getStyleClass().contains("run-badge-above"));
    }

    /** Shows the node's tools as chips; cheap when nothing changed, so the canvas may call it every frame. */
    public void setTools(AgentNode node, java.util.Map<String, dev.baton.flow.ApprovalPolicy> flowApproval) {
        tools.setTools(node, flowApproval);
    }

    /** The tool chips' texts as shown ("+N" when cut). */
    public List<String> toolChips() {
        return tools.chipTexts();
    }

    /**
     * Shows a tool call on the card: {@code status} "running" (with a spinner), or "ok", "error", "denied" for a
     * moment before it fades; null for none.
     */
    public void showToolCall(String text, String status) {
        tools.showCall(text, status);
        requestLayout();
    }

    /** The tool call shown on the card, "" when none. */
    public String toolCall() {
        return tools.callText();
    }

    /** Shows a changed node (same id and kind). */
    public void update(AgentNode node, ModelRef flowDefault) {
        if (node.equals(shown)) {
            return;
        }
        shown = node;
        name.setText(node.name().isBlank() ? node.id() : node.name());
        role.setText(node.role().isBlank() ? node.goal() : node.role());
        // CSS decides whether the badge shows (:no-model, and none on a compact canvas): a visibility set here would
        // outlast the compact rule on a card passed to another node, which gets no CSS pass
        badge.setText(node.callsModel() ? node.effectiveModel(flowDefault).label() : "");
        badge.pseudoClassStateChanged(NO_MODEL, !node.callsModel());
        relocate(node.position().x(), node.position().y());
    }

    /**
     * Shows another node of the same kind on this card: its texts, ports and position change, its style classes and
     * CSS stay. The canvas keeps cards that leave the view and gives them to the nodes that come in, which costs a
     * layout of the texts instead of styling a new card (the slowest part of the frames after a pan). The caller
     * sets the state (selection, validity, run marks) for the new node.
     */
    public void rebind(AgentNode node, ModelRef flowDefault) {
        if (node.kind() != shown.kind()) {
            throw new IllegalArgumentException("a " + shown.kind() + " card cannot show a " + node.kind());
        }
        nodeId = node.id();
        for (PortView port : ports) {
            port.rebind(nodeId);
        }
        update(node, flowDefault);
    }

    public String nodeId() {
        return nodeId;
    }

    public AgentNode node() {
        return shown;
    }

    public List<PortView> ports() {
        return ports;
    }

    public void setSelected(boolean on) {
        pseudoClassStateChanged(SELECTED, on);
    }

    public void setInvalid(boolean on) {
        pseudoClassStateChanged(INVALID, on);
    }

    /**
     * Shows where the node stands in a run: {@code state} is "running", "waiting", "done", "failed" or anything
     * else for none (the canvas does not know the run layer's enum); {@code badge} is the status under the card.
     */
    public void showRun(String state, String badgeText) {
        for (PseudoClass pc : RUN_STATES) {
            pseudoClassStateChanged(pc, pc.getPseudoClassName().equals(state));
        }
        boolean show = badgeText != null && !badgeText.isBlank();
        if (runBadge == null) {
            if (!show) {
                return;
            }
            // the run badge hangs under the card, so that it never hides the name or the ports
            runBadge = new Label();
            runBadge.getStyleClass().add("run-badge");
            runBadge.setMouseTransparent(true);
            runBadge.setVisible(false);
            runBadge.setManaged(false);
            getChildren().add(1, runBadge);
        }
        if (!show == runBadge.isVisible() || !runBadge.getText().equals(show ? badgeText : "")) {
            runBadge.setText(show ? badgeText : "");
            runBadge.setVisible(show);
            requestLayout();
        }
    }

    /** The run status shown under the card, "" when none. */
    public String runBadge() {
        return runBadge == null ? "" : runBadge.getText();
    }

    /** Marks the card while one of its tool calls waits for the user's approval. */
    public void setAwaitingApproval(boolean on) {
        pseudoClassStateChanged(APPROVAL, on);
    }

    public void setBreakpoint(boolean on) {
        pseudoClassStateChanged(BREAKPOINT, on);
        if (breakpointMark == null) {
            if (!on) {
                return;
            }
            breakpointMark = new Circle(5);
            breakpointMark.getStyleClass().add("breakpoint-mark");
            breakpointMark.setCenterX(-2);
            breakpointMark.setCenterY(-2);
            breakpointMark.setMouseTransparent(true);
            getChildren().add(runBadge == null ? 1 : 2, breakpointMark);
        }
        breakpointMark.setVisible(on);
    }
}

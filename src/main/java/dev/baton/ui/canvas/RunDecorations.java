package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.run.BreakpointHit;
import dev.baton.ui.run.EdgeSignal;
import dev.baton.ui.run.JudgeOutcome;
import dev.baton.ui.run.NodeRunState;
import dev.baton.ui.run.NodeView;
import dev.baton.ui.run.ToolActivity;
import dev.baton.ui.run.RunViewModel;
import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run adds to the canvas: node states and badges from a {@link RunViewModel}, edges lit while something
 * travels, breakpoint marks on nodes and handoff edges, the edge a held run waits on, a judge's winning input and its
 * callout, and what hovering an edge tells. Skins come and go with culling, so the state lives here and every skin
 * the canvas draws is decorated from it; live changes reach the skins that exist.
 */
final class RunDecorations {

    /** How long an edge stays lit at speed 1. */
    static final Duration FLASH = Duration.millis(900);

    private final SkinLayers skins;
    private final ObservableSet<String> breakpoints = FXCollections.observableSet();
    private final List<Runnable> unhooks = new ArrayList<>();
    private final LitEdges lit = new LitEdges();
    private final JudgeCallouts callouts;
    private final StreamBubbles bubbles;
    private RunViewModel run;
    private DoubleProperty speed;
    private Flow flow;
    private String heldEdge;
    /** The full error of each failed node's card, shown on hover (the badge only has room for its start). */
    private final ErrorTips errorTips = new ErrorTips();

    RunDecorations(SkinLayers skins) {
        this.skins = skins;
        this.callouts = new JudgeCallouts(skins.nodeLayer());
        this.bubbles = new StreamBubbles(skins.nodeLayer());
        skins.decorateNodesWith(this::decorate);
        // a card kept for another node sheds what belonged to its node; decorate gives it the new node's marks
        skins.onNodeReleased(skin -> {
            errorTips.errorTip(skin, "");
            skin.showToolCall("", null);
        });
        // a signal that came while its edge was a line in the picture plays on the new skin
        skins.onNewEdgePlaced(v -> lit.takePending(v.edgeId()).ifPresent(s -> flash(v, s)));
        // one set for nodes and handoff edges: node and edge ids are unique within a flow
        breakpoints.addListener((SetChangeListener<String>) c -> {
            String id = c.wasAdded() ? c.getElementAdded() : c.getElementRemoved();
            skins.node(id).ifPresent(this::decorate);
            skins.edge(id).ifPresent(this::decorateEdge);
            lit.announce();
        });
        // edge views come and go with culling: a new one gets the marks of its edge at once
        skins.edgeLayer().getChildren().addListener((ListChangeListener<Node>) c -> {
            while (c.next()) {
                for (Node n : c.getAddedSubList()) {
                    if (n instanceof EdgeSkin v) {
                        decorateEdge(v);
                    }
                }
            }
        });
    }

    /** Called when an edge newly needs a skin of its own (see {@link #needsSkin}). */
    void onEdgeNeedsSkin(Runnable listener) {
        lit.onChange(listener);
    }

    /** Whether an edge shows something of the run or a breakpoint, so that it cannot be a line in the picture. */
    boolean needsSkin(String edgeId) {
        return breakpoints.contains(edgeId) || (run != null && (lit.contains(edgeId) || edgeId.equals(heldEdge)));
    }

    /** Node ids and HANDOFF edge ids the next runs stop before. */
    ObservableSet<String> breakpoints() {
        return breakpoints;
    }

    RunViewModel run() {
        return run;
    }

    /** Shows {@code vm} on the canvas from now on (replacing any run shown); {@code speed} scales the flashes. */
    void show(RunViewModel vm, DoubleProperty animationSpeed, Flow shownFlow) {
        clear();
        run = vm;
        speed = animationSpeed;
        flow = shownFlow;
        for (NodeView n : vm.nodes().values()) {
            InvalidationListener l = o -> skins.node(n.nodeId()).ifPresent(this::decorate);
            hook(n.stateProperty(), l);
            hook(n.badgeProperty(), l);
            hook(n.awaitingApprovalProperty(), l);
            hook(n.errorProperty(), l);
            hook(n.toolActivityProperty(), o -> skins.node(n.nodeId()).ifPresent(sk -> toolCall(sk, n)));
            hook(n.decisionProperty(), o -> judged(n.nodeId()));
            hook(n.streamedTextProperty(), o -> streamed(n));
        }
        shownFlow.edges().stream().map(edge -> vm.edge(edge.id())).forEach(e -> {
            InvalidationListener l = o -> {
                EdgeSignal s = e.lastSignalProperty().get();
                if (s != null) {
                    Optional<EdgeSkin> skin = skins.edge(e.edgeId());
                    if (skin.isPresent()) {
                        lit.light(e.edgeId());
                        flash(skin.get(), s);
                    } else {
                        // a crowded canvas draws plain edges into its picture: this one comes out as a skin
                        lit.defer(e.edgeId(), s);
                    }
                }
            };
            hook(e.traversalsProperty(), l);
            hook(e.routedProperty(), o -> {
                lit.light(e.edgeId());
                skins.edge(e.edgeId()).ifPresent(this::decorateEdge);
            });
        });
        hook(vm.breakpointProperty(), o -> held(vm.breakpointProperty().get()));
        held(vm.breakpointProperty().get());
        skins.nodes().forEach(this::decorate);
        edgeViews().forEach(this::decorateEdge);
    }

    /** Takes the run off the canvas: nodes and edges back to their design look. */
    void clear() {
        unhooks.forEach(Runnable::run);
        unhooks.clear();
        run = null;
        heldEdge = null;
        lit.clear();
        callouts.clear();
        bubbles.clear();
        skins.nodes().forEach(this::decorate);
        edgeViews().forEach(this::decorateEdge);
    }

    private void hook(ObservableValue<?> value, InvalidationListener l) {
        value.addListener(l);
        unhooks.add(() -> value.removeListener(l));
    }

    private List<EdgeSkin> edgeViews() {
        List<EdgeSkin> out = new ArrayList<>();
        for (Node n : skins.edgeLayer().getChildren()) {
            if (n instanceof EdgeSkin v) {
                out.add(v);
            }
        }
        return out;
    }

    // ---- nodes --------------------------------------------------------------------------------------------

    private void decorate(NodeSkin skin) {
        skin.setBreakpoint(breakpoints.contains(skin.nodeId()));
        NodeView n = run == null ? null : run.nodes().get(skin.nodeId());
        skin.setAwaitingApproval(n != null && n.awaitingApprovalProperty().get());
        errorTips.errorTip(skin, n == null || n.state() != NodeRunState.FAILED ? "" : n.errorProperty().get());
        if (n == null || n.state() != NodeRunState.RUNNING) {
            bubbles.remove(skin.nodeId());
        }
        if (n == null) {
            skin.showToolCall("", null);
            skin.showRun("", "");
            skin.getStyleClass().remove(StatusBadges.BADGE_ABOVE);
            callouts.remove(skin.nodeId());
            return;
        }
        NodeRunState s = n.state();
        String badge = n.badgeProperty().get();
        skin.showRun(s == NodeRunState.IDLE ? "" : s.name().toLowerCase(Locale.ROOT), badge);
        JudgeOutcome d = n.decisionProperty().get();
        if (badge.isBlank() && d == null) {
            skin.getStyleClass().remove(StatusBadges.BADGE_ABOVE);
            callouts.remove(skin.nodeId());
            return;
        }
        Bounds card = NodeGeometry.bounds(skin.getLayoutX(), skin.getLayoutY());
        List<Bounds> labels = edgeLabels();
        boolean above = !badge.isBlank() && StatusBadges.badgeAbove(card, StatusBadges.badgeWidth(skin), labels);
        if (above != skin.getStyleClass().contains(StatusBadges.BADGE_ABOVE)) {
            if (above) {
                skin.getStyleClass().add(StatusBadges.BADGE_ABOVE);
            } else {
                skin.getStyleClass().remove(StatusBadges.BADGE_ABOVE);
            }
        }
        if (d == null) {
            callouts.remove(skin.nodeId());
            // a badge that came or moved may sit where a judge's callout is: let the callouts find their spots again
            for (String judge : callouts.judges()) {
                skins.node(judge).ifPresent(this::placeCallout);
            }
            return;
        }
        placeCallout(skin);
    }

    /** A tool call started or returned: the card says which, with a spinner or its status. */
    private void toolCall(NodeSkin skin, NodeView n) {
        ToolActivity a = n.toolActivityProperty().get();
        if (a == null) {
            skin.showToolCall("", null);
        } else {
            skin.showToolCall(a.text(), a.busy() ? "running" : a.latest().status().word());
        }
    }

    /** A working node streamed more text: its bubble shows the tail (only while it runs and its card is shown). */
    private void streamed(NodeView n) {
        Optional<NodeSkin> skin = skins.node(n.nodeId());
        if (skin.isEmpty() || n.state() != NodeRunState.RUNNING) {
            bubbles.remove(n.nodeId());
            return;
        }
        Bounds card = NodeGeometry.bounds(skin.get().getLayoutX(), skin.get().getLayoutY());
        // the labels and cards to keep clear of matter only when the bubble is placed, not for every chunk
        bubbles.update(n.nodeId(), n.streamedTextProperty().get(), card, () -> {
            List<Bounds> obstacles = edgeLabels();
            for (NodeSkin other : skins.nodes()) {
                if (!other.nodeId().equals(n.nodeId())) {
                    obstacles.add(NodeGeometry.bounds(other.getLayoutX(), other.getLayoutY()));
                }
            }
            return obstacles;
        });
    }

    /** The streamed text a node's bubble shows now, or null without a bubble. */
    String bubbleText(String nodeId) {
        return bubbles.text(nodeId);
    }

    /** The hover text of a failed node's card; empty when the node has not failed. */
    Optional<String> errorTooltip(String nodeId) {
        return errorTips.errorTooltip(nodeId);
    }

    /** Puts the judge's callout in the first spot that covers no edge label, card or badge. */
    private void placeCallout(NodeSkin skin) {
        NodeView n = run == null ? null : run.nodes().get(skin.nodeId());
        JudgeOutcome d = n == null ? null : n.decisionProperty().get();
        if (d == null) {
            callouts.remove(skin.nodeId());
            return;
        }
        Bounds card = NodeGeometry.bounds(skin.getLayoutX(), skin.getLayoutY());
        Bounds badgeSpace = skin.runBadge().isBlank() ? null
                : StatusBadges.badgeBand(card, StatusBadges.badgeWidth(skin),
                        skin.getStyleClass().contains(StatusBadges.BADGE_ABOVE));
        List<Bounds> obstacles = edgeLabels();
        for (NodeSkin other : skins.nodes()) {
            if (!other.nodeId().equals(skin.nodeId())) {
                Bounds otherCard = NodeGeometry.bounds(other.getLayoutX(), other.getLayoutY());
                obstacles.add(otherCard);
                if (!other.runBadge().isBlank()) {
                    obstacles.add(StatusBadges.badgeBand(otherCard, StatusBadges.badgeWidth(other),
                            other.getStyleClass().contains(StatusBadges.BADGE_ABOVE)));
                }
            }
        }
        callouts.show(skin.nodeId(), d, nameOf(d.winner()), card, badgeSpace, obstacles);
    }

    private List<Bounds> edgeLabels() {
        List<Bounds> out = new ArrayList<>();
        for (EdgeSkin v : edgeViews()) {
            v.labelBounds().ifPresent(out::add);
        }
        return out;
    }

    private String nameOf(String nodeId) {
        return flow == null ? nodeId : flow.node(nodeId).map(AgentNode::name).filter(s -> !s.isBlank())
                .orElse(nodeId);
    }

    /** A judge decided: its callout, and its incoming edges as winner and losers. */
    private void judged(String judgeId) {
        skins.node(judgeId).ifPresent(this::decorate);
        if (flow != null) {
            // its inputs turn winner and dimmed: they need skins to show it
            flow.edges().stream().filter(e -> e.to().equals(judgeId)).forEach(e -> lit.light(e.id()));
        }
        for (EdgeSkin v : edgeViews()) {
            if (v.edge().to().equals(judgeId)) {
                decorateEdge(v);
            }
        }
    }

    // ---- edges --------------------------------------------------------------------------------------------

    private void decorateEdge(EdgeSkin v) {
        v.setBreakpoint(breakpoints.contains(v.edgeId()));
        if (run == null) {
            v.setHeld(false);
            v.setJudged(null);
            v.setRunDetail(null);
            return;
        }
        v.setHeld(v.edgeId().equals(heldEdge));
        Boolean judged = judgedInput(v.edge());
        if (judged == null && v.edge().kind() == EdgeKind.ROUTE) {
            // a router's routes look like a judge's inputs: the one taken lit, the others dimmed
            judged = run.edge(v.edgeId()).routedProperty().get();
        }
        if (v.setJudged(judged)) {
            // the label grew (a winner's is bold): callouts placed around it look for their spots again
            for (String judge : callouts.judges()) {
                skins.node(judge).ifPresent(this::placeCallout);
            }
        }
        RunViewModel shown = run;
        v.setRunDetail(() -> EdgeRunDetail.describe(v.edge(), shown.edge(v.edgeId()), decisionOf(shown,
                v.edge()), this::nameOf));
    }

    /** True for the input a judge chose (every input when it merged), false for the others, null before. */
    private Boolean judgedInput(Edge e) {
        JudgeOutcome d = decisionOf(run, e);
        if (d == null) {
            return null;
        }
        return "merge".equalsIgnoreCase(d.winner()) || e.from().equals(d.winner());
    }

    private static JudgeOutcome decisionOf(RunViewModel vm, Edge e) {
        if (e.kind() != EdgeKind.NEXT) {
            return null;
        }
        NodeView target = vm.nodes().get(e.to());
        return target == null ? null : target.decisionProperty().get();
    }

    /** The run stopped (or went on): the handoff edge it waits on is highlighted while it waits. */
    private void held(BreakpointHit hit) {
        String was = heldEdge;
        heldEdge = hit != null && hit.kind() == BreakpointHit.Kind.HANDOFF ? hit.edgeId() : null;
        if (heldEdge != null) {
            lit.light(heldEdge);
        }
        if (was != null) {
            skins.edge(was).ifPresent(this::decorateEdge);
        }
        if (heldEdge != null) {
            skins.edge(heldEdge).ifPresent(this::decorateEdge);
        }
    }

    private void flash(EdgeSkin v, EdgeSignal s) {
        double rate = speed == null ? 1 : speed.get();
        // speed 0 means "as fast as possible": a short blink still shows that something went along
        Duration d = rate <= 0 ? Duration.millis(200) : FLASH.divide(Math.max(0.25, rate));
        boolean reverse = s.kind() == EdgeSignal.Kind.RETURN;
        v.flash(s.kind() == EdgeSignal.Kind.REJECTION, reverse, d);
    }

    // ---- tests --------------------------------------------------------------------------------------------

    /** The callout text of judge {@code judgeId} ("title\nfirst reason line"), when it shows one. */
    Optional<String> calloutText(String judgeId) {
        return callouts.text(judgeId);
    }

    Optional<String> calloutTooltip(String judgeId) {
        return callouts.tooltip(judgeId);
    }

    Optional<Bounds> calloutBounds(String judgeId) {
        return callouts.bounds(judgeId);
    }
}

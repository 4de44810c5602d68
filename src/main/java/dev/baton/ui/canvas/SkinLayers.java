package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.canvas.SpatialIndex.PlacedEdge;
import dev.baton.ui.canvas.SpatialIndex.PlacedNode;
import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.scene.Group;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The edge and node layers and their skins, reconciled with the flow for one region of the world: a skin is made for
 * each element that enters the region, updated when its element changed, and dropped when it leaves (culling).
 */
final class SkinLayers {

    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Map<String, NodeSkin> nodeSkins = new HashMap<>();
    private final Map<String, EdgeSkin> edgeViews = new HashMap<>();
    private Set<String> selection;
    /** Skins made transparent for a reveal, with the opacity each had. */
    private final Map<javafx.scene.Node, Double> veiled = new HashMap<>();
    private Set<String> invalidIds;
    private Consumer<NodeSkin> decorate = skin -> { };
    private Consumer<EdgeSkin> placedEdge = skin -> { };
    /** Whether new skins are made transparent (the picture stands in for them until they are uncovered). */
    private boolean veilNew;
    /** New skins this render may still make; below zero once some were left out. */
    private int budget;
    /**
     * What a new card takes of the budget, an edge taking 1: a card is four labels, an icon and its ports, each its
     * own CSS pass; counted alike, the first batch of cards after a pan made the slowest frame of the settle.
     */
    static final int NODE_COST = 10;
    /**
     * Cards kept per kind, hidden in the node layer, when their node leaves the region: a node that comes in takes
     * one (see {@link NodeSkin#rebind}) for {@link #REBIND_COST} of the budget, instead of a new card and its CSS.
     */
    static final int SPARE_PER_KIND = 120;
    /**
     * What rebinding a kept card takes of the budget: its texts are laid out anew (some 0.25 ms); at 1, the first
     * frame after a pan rebound 36 cards and cost 18 ms of the FX thread.
     */
    static final int REBIND_COST = 2;
    private final Map<NodeKind, java.util.ArrayDeque<NodeSkin>> spare = new java.util.EnumMap<>(NodeKind.class);
    private Consumer<NodeSkin> released = skin -> { };

    Group edgeLayer() {
        return edgeLayer;
    }

    Group nodeLayer() {
        return nodeLayer;
    }

    int count() {
        return nodeSkins.size() + edgeViews.size();
    }

    Optional<NodeSkin> node(String id) {
        return Optional.ofNullable(nodeSkins.get(id));
    }

    /** The node skins on the canvas now. */
    java.util.Collection<NodeSkin> nodes() {
        return java.util.List.copyOf(nodeSkins.values());
    }

    Optional<EdgeSkin> edge(String id) {
        return Optional.ofNullable(edgeViews.get(id));
    }

    /**
     * Makes every skin transparent: {@link #revealLeftOf} then shows them again strip by strip. Opacity 0, not
     * invisible: an invisible child changes its layer's bounds, and the renderer then repaints the whole layer
     * every strip instead of the strip alone.
     */
    void hideAll() {
        for (javafx.scene.Node skin : allSkins()) {
            if (skin.getOpacity() > 0) {
                veiled.put(skin, skin.getOpacity());
                skin.setOpacity(0);
            }
        }
    }

    /**
     * Makes the skins made from now on transparent ({@code on}), as {@link #hideAll} does: skins made in batches
     * while a picture stands in for them then lie in a visible layer from the start, and uncovering them over the
     * picture does not make the whole layer appear (and the whole view be repainted) in one frame.
     */
    void veilNewSkins(boolean on) {
        veilNew = on;
    }

    private void made(javafx.scene.Node skin) {
        if (veilNew) {
            veiled.put(skin, skin.getOpacity());
            skin.setOpacity(0);
        }
    }

    /** Shows the hidden skins that start left of world x {@code worldX}; true when none is hidden any more. */
    boolean revealLeftOf(double worldX) {
        veiled.entrySet().removeIf(en -> {
            javafx.scene.Node skin = en.getKey();
            if (left(skin) >= worldX) {
                return false;
            }
            // a style applied meanwhile (a dimmed edge) has the last word
            if (skin.getOpacity() == 0) {
                skin.setOpacity(en.getValue());
            }

            return true;
        });
        return veiled.isEmpty();
    }

    /**
     * Shows the {@code count} leftmost hidden skins in {@code viewport} (world units) and a share of those outside it;
     * true when none is hidden any more. The software renderer repaints a group's whole bounds once more than 12 of
     * its children changed in one frame (Prism's {@code DIRTY_CHILDREN_ACCUMULATED_THRESHOLD}), so fewer than that
     * change in any frame; and it repaints the whole window for a frame whose only changes lie outside it (the skins
     * a crowded view keeps around its edges: 0.1–0.3 s of painting a zoomed view), so those go along with the ones in
     * view, spread over the same frames, instead of last and alone. Edge skins in view come first.
     */
    boolean revealNext(int count, javafx.geometry.Bounds viewport) {
        List<javafx.scene.Node> inView = new java.util.ArrayList<>();
        List<javafx.scene.Node> outside = new java.util.ArrayList<>();
        for (javafx.scene.Node skin : veiled.keySet()) {
            (skin.getBoundsInParent().intersects(viewport) ? inView : outside).add(skin);
        }
        if (inView.isEmpty()) {
            outside.forEach(this::unveil); // nothing in view to go with: one frame, whatever it repaints
            return veiled.isEmpty();
        }
        // edges first: an edge's skin repaints its whole bounds, often a strip the height of the view, which costs
        // little while the cards in it are still the picture's and much once their skins show (texts as outlines)
        inView.sort(java.util.Comparator.<javafx.scene.Node>comparingInt(skin -> skin instanceof NodeSkin ? 1 : 0)
                .thenComparingDouble(SkinLayers::left));
        outside.sort(java.util.Comparator.comparingDouble(SkinLayers::left));
        // frames enough for the ones in view at `count` a frame and for all of them at MOST_CHANGED_PER_FRAME - 1,
        // so that the two shares, each rounded up, stay within MOST_CHANGED_PER_FRAME
        int frames = Math.max(ceilDiv(inView.size(), Math.max(1, count)),
                ceilDiv(inView.size() + outside.size(), MOST_CHANGED_PER_FRAME - 1));
        inView.subList(0, ceilDiv(inView.size(), frames)).forEach(this::unveil);
        outside.subList(0, ceilDiv(outside.size(), frames)).forEach(this::unveil);
        return veiled.isEmpty();
    }

    /** The most skins uncovered in one frame: under Prism's 12 changed children that repaint a whole group. */
    static final int MOST_CHANGED_PER_FRAME = 10;

    /** Gives a veiled skin its opacity back (a style applied meanwhile, such as a dimmed edge, has the last word). */
    private void unveil(javafx.scene.Node skin) {
        Double was = veiled.remove(skin);
        if (was != null && skin.getOpacity() == 0) {
            skin.setOpacity(was);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static double left(javafx.scene.Node skin) {
        return skin instanceof NodeSkin ? skin.getLayoutX() : skin.getBoundsInParent().getMinX();
    }

    /** Shows every skin (the end of a reveal, or its interruption). */
    void showAll() {
        revealLeftOf(Double.POSITIVE_INFINITY);
    }

    private List<javafx.scene.Node> allSkins() {
        List<javafx.scene.Node> all = new java.util.ArrayList<>(nodeSkins.values());
        all.addAll(edgeViews.values());
        return all;
    }

    /** Called with each card that leaves the region and is kept for another node (drop what belongs to its node). */
    void onNodeReleased(Consumer<NodeSkin> listener) {
        this.released = listener;
    }

    /** Hidden cards kept for nodes that come into the region (tests). */
    int spareCount() {
        return spare.values().stream().mapToInt(java.util.ArrayDeque::size).sum();
    }

    /**
     * Makes one hidden spare card for the nodes {@code coming} when the cards on the canvas and the spare ones of
     * some kind are fewer than those nodes of that kind; true when it made one. Called while the view moves as a
     * picture (the skin layers are hidden then, so a new hidden card costs its CSS but no repaint): the frames after
     * the motion then rebind cards instead of styling new ones.
     */
    boolean prepareSpare(Flow flow, List<PlacedNode> coming) {
        Map<NodeKind, Integer> short_ = new java.util.EnumMap<>(NodeKind.class);
        for (PlacedNode placed : coming) {
            short_.merge(placed.node().kind(), 1, Integer::sum);
        }
        for (NodeSkin skin : nodeSkins.values()) {
            short_.computeIfPresent(skin.node().kind(), (k, v) -> v - 1);
        }
        for (Map.Entry<NodeKind, Integer> en : short_.entrySet()) {
            java.util.ArrayDeque<NodeSkin> pool = spare.computeIfAbsent(en.getKey(), k -> new java.util.ArrayDeque<>());
            if (en.getValue() > pool.size() && pool.size() < SPARE_PER_KIND) {
                NodeSkin skin = new NodeSkin(AgentNode.of("spare", en.getKey(), ""), flow.defaultModel());
                skin.setVisible(false);
                nodeLayer.getChildren().add(skin);
                pool.push(skin);
                return true;
            }
        }
        return false;
    }

    /** Hides a card that left the region and keeps it for another node; false when enough are kept already. */
    private boolean keepSpare(NodeSkin skin) {
        java.util.ArrayDeque<NodeSkin> pool = spare.computeIfAbsent(skin.node().kind(),
                k -> new java.util.ArrayDeque<>());
        unveil(skin);
        if (pool.size() >= SPARE_PER_KIND) {
            return false;
        }
        skin.setVisible(false);
        released.accept(skin);
        pool.push(skin);
        return true;
    }

    /** Called with each new edge skin once it is routed (a run's flash needs the curve in place). */
    void onNewEdgePlaced(Consumer<EdgeSkin> listener) {
        this.placedEdge = listener;
    }

    /** Applies what the skins do not keep themselves (run state, breakpoints) on every render. */
    void decorateNodesWith(Consumer<NodeSkin> decorator) {
        this.decorate = decorator;
    }

    /** Brings the skins in line with the flow for the elements {@code nodes} and {@code edges} (the culled ones). */
    void render(Flow flow, List<PlacedNode> nodes, List<PlacedEdge> edges, Set<String> selected,
                Set<String> invalid) {
        render(flow, nodes, edges, selected, invalid, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #render(Flow, List, List, Set, Set)}, but makes at most {@code budget} new skins (a new skin costs
     * its CSS and layout); true when every element has its skin.
     */
    boolean render(Flow flow, List<PlacedNode> nodes, List<PlacedEdge> edges, Set<String> selected,
                   Set<String> invalid, int budget) {
        return render(flow, nodes, edges, selected, invalid, budget, e -> true);
    }

    /**
     * Like {@link #render(Flow, List, List, Set, Set, int)}, but only the edges {@code skinned} accepts get a skin
     * (a crowded view draws the others into the picture under the cards); the skins of the rest are dropped.
     */
    boolean render(Flow flow, List<PlacedNode> nodes, List<PlacedEdge> edges, Set<String> selected,
                   Set<String> invalid, int budget, Predicate<Edge> skinned) {
        this.selection = selected;
        this.invalidIds = invalid;
        this.budget = budget;
        renderNodes(flow, nodes);
        renderEdges(edges, new CardSpace(nodes), skinned);
        return this.budget >= 0;
    }

    private void renderNodes(Flow flow, List<PlacedNode> visible) {
        Set<String> keep = new HashSet<>();
        for (PlacedNode placed : visible) {
            keep.add(placed.node().id());
        }
        // the cards that left the region first: the nodes that came in take them instead of new ones
        nodeSkins.entrySet().removeIf(en -> {
            if (!keep.contains(en.getKey())) {
                if (!keepSpare(en.getValue())) {
                    nodeLayer.getChildren().remove(en.getValue());
                }
                return true;
            }
            return false;
        });
        for (PlacedNode placed : visible) {
            AgentNode n = placed.node();
            Position p = placed.at();
            NodeSkin skin = nodeSkins.get(n.id());
            if (skin != null && skin.node().kind() != n.kind()) {
                nodeSkins.remove(n.id());
                if (!keepSpare(skin)) {
                    nodeLayer.getChildren().remove(skin);
                }
                skin = null;
            }
            if (skin == null) {
                java.util.ArrayDeque<NodeSkin> pool = spare.get(n.kind());
                boolean reuse = pool != null && !pool.isEmpty();
                budget -= (reuse ? REBIND_COST : NODE_COST) - 1;
                if (--budget < 0) {
                    continue;
                }
                if (reuse) {
                    // a card that left the view shows this node: new texts and place, no CSS pass
                    skin = pool.pop();
                    skin.rebind(n, flow.defaultModel());
                    skin.setVisible(true);
                } else {
                    skin = new NodeSkin(n, flow.defaultModel());
                    nodeLayer.getChildren().add(skin);
                }
                made(skin);
                nodeSkins.put(n.id(), skin);
            } else {
                skin.update(n, flow.defaultModel());
            }
            skin.setTools(n, flow.tools().approval());
            skin.relocate(p.x(), p.y());
            skin.setSelected(selection.contains(n.id()));
            skin.setInvalid(invalidIds.contains(n.id()));
            decorate.accept(skin);
        }
    }

    private void renderEdges(List<PlacedEdge> visible, CardSpace cards, Predicate<Edge> skinned) {
        Set<String> keep = new HashSet<>();
        for (PlacedEdge placed : visible) {
            Edge e = placed.edge();
            if (!skinned.test(e)) {
                continue;
            }
            boolean made = false;
            keep.add(e.id());
            EdgeSkin v = edgeViews.get(e.id());
            if (v != null && v.edge().kind() != e.kind()) {
                edgeLayer.getChildren().remove(v);
                v = null;
            }
            if (v == null) {
                if (--budget < 0) {
                    keep.remove(e.id());
                    continue;
                }
                v = new EdgeSkin(e);
                made(v);
                edgeViews.put(e.id(), v);
                // in the scene before routing: a label measures itself with its CSS
                edgeLayer.getChildren().add(v);
                made = true;
            } else if (!v.edge().equals(e)) {
                v.update(e);
            }
            EdgeRouting.route(v, e.kind(), placed.from(), placed.to());
            v.keepLabelClear(cards::overCard);
            v.setSelected(selection.contains(e.id()));
            v.setInvalid(invalidIds.contains(e.id()));
            if (made) {
                placedEdge.accept(v);
            }
        }
        if (keep.size() != edgeViews.size()) {
            edgeViews.entrySet().removeIf(en -> {
                if (!keep.contains(en.getKey())) {
                    edgeLayer.getChildren().remove(en.getValue());
                    return true;
                }
                return false;
            });
        }
    }
}

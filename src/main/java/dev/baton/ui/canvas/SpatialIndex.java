package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A uniform grid over the world holding which nodes and edges touch each cell, so that culling asks only the cells a
 * viewport covers instead of scanning every element of a large flow each frame. Built once per flow (or drag preview)
 * change; queries return elements in flow order, each once.
 */
final class SpatialIndex {

    /** A node and where it is drawn (its preview position while dragged). */
    record PlacedNode(AgentNode node, Position at) {
    }

    /** An edge and where its two cards are drawn. */
    record PlacedEdge(Edge edge, Position from, Position to) {
    }

    /** World units per cell: a few cards wide, so a node lands in one cell and a screen covers a handful. */
    static final double CELL = 512;
    /** Curves bulge past the box of their two cards by up to this much (the bend of handoffs and reviews). */
    private static final double EDGE_SLACK = 60;

    private final List<AgentNode> nodes = new ArrayList<>();
    private final List<Position> positions = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Position[]> edgeEnds = new ArrayList<>();
    /** Each node and edge placed, made once per rebuild: a query allocates only the list it returns. */
    private final List<PlacedNode> placedNodes = new ArrayList<>();
    private final List<PlacedEdge> placedEdges = new ArrayList<>();
    /** The hits of the query under way, in no order (then sorted); kept between queries (FX thread only). */
    private int[] hits = new int[64];
    private int hitCount;
    private final Map<Long, int[]> nodeCells = new HashMap<>();
    private final Map<Long, int[]> edgeCells = new HashMap<>();
    private int[] edgeStamp = new int[0];
    private int[] nodeStamp = new int[0];
    private int query;

    /** Indexes {@code flow}, each node at {@code positionOf} (the drag preview or the model position). */
    void rebuild(Flow flow, Function<AgentNode, Position> positionOf) {
        nodes.clear();
        positions.clear();
        edges.clear();
        edgeEnds.clear();
        nodeCells.clear();
        edgeCells.clear();
        placedNodes.clear();
        placedEdges.clear();
        Map<String, Integer> indexOf = new HashMap<>();
        for (AgentNode n : flow.nodes()) {
            Position p = positionOf.apply(n);
            indexOf.put(n.id(), nodes.size());
            add(nodeCells, cell(p.x()), cell(p.y()), nodes.size());
            nodes.add(n);
            positions.add(p);
            placedNodes.add(new PlacedNode(n, p));
        }
        for (Edge e : flow.edges()) {
            Integer a = indexOf.get(e.from());
            Integer b = indexOf.get(e.to());
            if (a == null || b == null) {
                continue;
            }
            Position pa = positions.get(a);
            Position pb = positions.get(b);
            int index = edges.size();
            edges.add(e);
            edgeEnds.add(new Position[] {pa, pb});
            placedEdges.add(new PlacedEdge(e, pa, pb));
            long x0 = cell(Math.min(pa.x(), pb.x()) - EDGE_SLACK);
            long x1 = cell(Math.max(pa.x(), pb.x()) + NodeGeometry.WIDTH + EDGE_SLACK);
            long y0 = cell(Math.min(pa.y(), pb.y()) - EDGE_SLACK);
            long y1 = cell(Math.max(pa.y(), pb.y()) + NodeGeometry.HEIGHT + EDGE_SLACK);
            for (long cx = x0; cx <= x1; cx++) {
                for (long cy = y0; cy <= y1; cy++) {
                    add(edgeCells, cx, cy, index);
                }
            }
        }
        for (Map<Long, int[]> cells : List.of(nodeCells, edgeCells)) {
            cells.replaceAll((k, v) -> java.util.Arrays.copyOf(v, v[0] + 1));
        }
        nodeStamp = new int[nodes.size()];
        edgeStamp = new int[edges.size()];
        query = 0;
    }

    /** The nodes whose cards intersect {@code region}, in flow order (later ones are drawn on top). */
    List<PlacedNode> nodesIn(Bounds region) {
        int n = nodeHits(region);
        List<PlacedNode> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(placedNodes.get(hits[k]));
        }
        return out;
    }

    /** The edges whose box (both cards) intersects {@code region}, in flow order. */
    List<PlacedEdge> edgesIn(Bounds region) {
        int n = edgeHits(region);
        List<PlacedEdge> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(placedEdges.get(hits[k]));
        }
        return out;
    }

    /** The topmost node whose card contains the world point (after {@link CanvasRenderer#ensureIndex}). */
    Optional<String> nodeAt(Point2D world) {
        var hits = nodesIn(new BoundingBox(world.getX(), world.getY(), 0, 0));
        for (int i = hits.size() - 1; i >= 0; i--) {
            Position p = hits.get(i).at();
            if (NodeGeometry.bounds(p.x(), p.y()).contains(world)) {
                return Optional.of(hits.get(i).node().id());
            }
        }
        return Optional.empty();
    }

    /**
     * The edge whose curve passes within {@code reach} world units of the world point, the topmost first; empty when
     * none does (after {@link CanvasRenderer#ensureIndex}). Edges drawn in the picture are found this way for hover
     * and click.
     */
    Optional<Edge> edgeAt(Point2D world, double reach) {
        var near = edgesIn(new BoundingBox(world.getX() - reach, world.getY() - reach, 2 * reach, 2 * reach));
        for (int i = near.size() - 1; i >= 0; i--) {
            PlacedEdge e = near.get(i);
            if (EdgeRouting.distance(EdgeRouting.of(e.edge().kind(), e.from(), e.to()), world) <= reach) {
                return Optional.of(e.edge());
            }
        }
        return Optional.empty();
    }

    /** How many nodes and edges {@link #nodesIn} and {@link #edgesIn} would return (no list made: asked each frame). */
    int countIn(Bounds region) {
        return nodeHits(region) + edgeHits(region);
    }

    /** Leaves the indexes of the nodes in {@code region}, in flow order, in the first returned slots of hits. */
    private int nodeHits(Bounds region) {
        int q = ++query;
        hitCount = 0;
        // a node is filed under its top-left corner only: widen the query by one card to catch cards reaching in
        collect(nodeCells, region.getMinX() - NodeGeometry.WIDTH, region.getMinY() - NodeGeometry.HEIGHT,
                region.getMaxX(), region.getMaxY(), q, nodeStamp);
        int n = 0;
        for (int k = 0; k < hitCount; k++) {
            Position p = positions.get(hits[k]);
            if (region.intersects(p.x(), p.y(), NodeGeometry.WIDTH, NodeGeometry.HEIGHT)) {
                hits[n++] = hits[k];
            }
        }
        java.util.Arrays.sort(hits, 0, n);
        return n;
    }

    /** Like {@link #nodeHits}, for the edges. */
    private int edgeHits(Bounds region) {
        int q = ++query;
        hitCount = 0;
        collect(edgeCells, region.getMinX(), region.getMinY(), region.getMaxX(), region.getMaxY(), q, edgeStamp);
        int n = 0;
        for (int k = 0; k < hitCount; k++) {
            Position[] ends = edgeEnds.get(hits[k]);
            double minX = Math.min(ends[0].x(), ends[1].x()) - EDGE_SLACK;
            double minY = Math.min(ends[0].y(), ends[1].y()) - EDGE_SLACK;
            double w = Math.abs(ends[0].x() - ends[1].x()) + NodeGeometry.WIDTH + 2 * EDGE_SLACK;
            double h = Math.abs(ends[0].y() - ends[1].y()) + NodeGeometry.HEIGHT + 2 * EDGE_SLACK;
            if (region.intersects(minX, minY, w, h)) {
                hits[n++] = hits[k];
            }
        }
        java.util.Arrays.sort(hits, 0, n);
        return n;
    }

    int nodeCount() {
        return nodes.size();
    }

    private void collect(Map<Long, int[]> cells, double minX, double minY, double maxX, double maxY, int q,
                         int[] stamp) {
        long x0 = cell(minX);
        long x1 = cell(maxX);
        long y0 = cell(minY);
        long y1 = cell(maxY);
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > cells.size()) {
            // the region covers more cells than are filled (zoomed far out): walk the filled ones instead
            cells.forEach((key, list) -> {
                long cx = key >> 32;
                long cy = (int) (long) key;
                if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) {
                    take(list, q, stamp);
                }
            });
            return;
        }
        for (long cx = x0; cx <= x1; cx++) {
            for (long cy = y0; cy <= y1; cy++) {
                int[] list = cells.get(key(cx, cy));
                if (list != null) {
                    take(list, q, stamp);
                }
            }
        }
    }

    private void take(int[] list, int q, int[] stamp) {
        for (int k = 1; k <= list[0]; k++) {
            int i = list[k];
            if (stamp[i] != q) {
                stamp[i] = q;
                if (hitCount == hits.length) {
                    hits = java.util.Arrays.copyOf(hits, hits.length * 2);
                }
                hits[hitCount++] = i;
            }
        }
    }

    /** Cell lists are int arrays whose slot 0 holds the count, grown by doubling while building. */
    private static void add(Map<Long, int[]> cells, long cx, long cy, int index) {
        int[] list = cells.computeIfAbsent(key(cx, cy), k -> new int[5]);
        if (list[0] + 1 >= list.length) {
            list = java.util.Arrays.copyOf(list, list.length * 2);
            cells.put(key(cx, cy), list);
        }
        list[++list[0]] = index;
    }

    private static long cell(double v) {
        return (long) Math.floor(v / CELL);
    }

    private static long key(long cx, long cy) {
        return (cx << 32) | (cy & 0xffffffffL);
    }
}

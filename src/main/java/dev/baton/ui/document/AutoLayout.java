package dev.baton.ui.document;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.document.command.MoveNodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Topology-aware layered layout. The chain runs left to right in columns (longest path over NEXT); each chain step is
 * a block: a supervisor sits above its workers (recursively), a swarm's members stand in a ring around its entry's
 * place, critics sit above the node they review and a judge's verifier below the judge. A final sweep pushes any
 * card that still touches another downwards, so the result never overlaps.
 *
 * <p>Written by hand rather than with ELK layered: ELK lays out a graph, not these nested shapes, and would need the
 * blocks built first anyway; the columns are the part ELK would add, and they are a few lines here.
 */
public final class AutoLayout {

    private static final double W = NodeGeometry.WIDTH;
    private static final double H = NodeGeometry.HEIGHT;
    private static final double GAP_X = 80;
    private static final double GAP_Y = 60;

    private AutoLayout() {
    }

    /** A laid-out group; {@code anchorY} is where its chain node sits, so that chains line up across columns. */
    private record Block(Map<String, Position> at, double width, double height, double anchorY) {
    }

    /** The move command placing every node; undoing it restores the old positions. */
    public static MoveNodes command(Flow flow) {
        Map<String, Position> before = new HashMap<>();
        flow.nodes().forEach(n -> before.put(n.id(), n.position()));
        return new MoveNodes(before, positions(flow));
    }

    public static Map<String, Position> positions(Flow flow) {
        Map<String, AgentNode> nodes = flow.nodesById();
        Map<String, List<String>> workers = new HashMap<>();
        Set<String> hidden = new HashSet<>();
        for (Edge e : flow.edges()) {
            if (e.kind() == EdgeKind.DELEGATES) {
                workers.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
                hidden.add(e.to());
            }
        }
        Map<String, List<String>> swarms = swarms(flow);
        swarms.values().forEach(members -> members.stream().skip(1).forEach(hidden::add));
        nodes.values().stream().filter(n -> n.kind() == NodeKind.CRITIC).forEach(n -> hidden.add(n.id()));
        Set<String> verifiers = new HashSet<>();
        nodes.values().stream().filter(n -> n.judge() != null && n.judge().verifierId() != null)
                .forEach(n -> verifiers.add(n.judge().verifierId()));
        hidden.addAll(verifiers);

        List<String> units = nodes.keySet().stream().filter(id -> !hidden.contains(id)).toList();
        Map<String, Integer> column = columns(flow, units);
        Map<Integer, List<String>> byColumn = new LinkedHashMap<>();
        units.forEach(id -> byColumn.computeIfAbsent(column.get(id), k -> new ArrayList<>()).add(id));

        Map<String, Position> out = new HashMap<>();
        Set<String> visiting = new HashSet<>();
        double x = 0;
        for (int c : byColumn.keySet().stream().sorted().toList()) {
            List<Block> blocks = new ArrayList<>();
            for (String id : byColumn.get(c)) {
                blocks.add(swarms.containsKey(id) ? ring(swarms.get(id)) : tree(id, workers, visiting));
            }
            double width = blocks.stream().mapToDouble(Block::width).max().orElse(W);
            // stack the blocks, then shift the column so that its chain nodes centre on the chain's line (y = 0)
            double anchors = 0;
            double stacked = 0;
            for (Block b : blocks) {
                anchors += stacked + b.anchorY();
                stacked += b.height() + GAP_Y;
            }
            double y = -anchors / blocks.size();
            for (Block b : blocks) {
                double bx = x + (width - b.width()) / 2;
                for (var en : b.at().entrySet()) {
                    out.put(en.getKey(), new Position(bx + en.getValue().x(), y + en.getValue().y()));
                }
                y += b.height() + GAP_Y;
            }
            x += width + GAP_X;
        }
        // critics above a chain node, below a worker (above a worker is its supervisor's row); verifiers below
        // their judge; anything left in a row underneath
        for (Edge e : flow.edges()) {
            if (e.kind() == EdgeKind.REVIEWS && out.containsKey(e.to()) && !out.containsKey(e.from())) {
                Position p = out.get(e.to());
                double dy = hidden.contains(e.to()) ? H + GAP_Y : -H - GAP_Y;
                out.put(e.from(), new Position(p.x(), p.y() + dy));
            }
        }
        for (AgentNode n : nodes.values()) {
            if (n.judge() != null && n.judge().verifierId() != null && out.containsKey(n.id())
                    && !out.containsKey(n.judge().verifierId())) {
                Position p = out.get(n.id());
                out.put(n.judge().verifierId(), new Position(p.x(), p.y() + H + GAP_Y));
            }
        }
        double maxY = out.values().stream().mapToDouble(Position::y).max().orElse(0) + H + GAP_Y * 2;
        double rx = 0;
        for (String id : nodes.keySet()) {
            if (!out.containsKey(id)) {
                out.put(id, new Position(rx, maxY));
                rx += W + GAP_X;
            }
        }
        return snapAndSeparate(out);
    }

    /** Each HANDOFF group keyed by its entry (the member with incoming NEXT, else the first), entry first. */
    private static Map<String, List<String>> swarms(Flow flow) {
        Map<String, String> parent = new HashMap<>();
        for (Edge e : flow.edges()) {
            if (e.kind() == EdgeKind.HANDOFF) {
                union(parent, e.from(), e.to());
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (AgentNode n : flow.nodes()) {
            if (parent.containsKey(n.id())) {
                groups.computeIfAbsent(find(parent, n.id()), k -> new ArrayList<>()).add(n.id());
            }
        }
        Map<String, List<String>> byEntry = new LinkedHashMap<>();
        for (List<String> members : groups.values()) {
            String entry = members.stream().filter(m -> !flow.incoming(m, EdgeKind.NEXT).isEmpty()).findFirst()
                    .orElse(members.get(0));
            List<String> ordered = new ArrayList<>(members);
            ordered.remove(entry);
            ordered.add(0, entry);
            byEntry.put(entry, ordered);
        }
        return byEntry;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        parent.put(find(parent, a), find(parent, b));
    }

    private static String find(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    /** Longest path from the sources over NEXT edges among the units; bounded, so a NEXT cycle cannot hang it. */
    private static Map<String, Integer> columns(Flow flow, List<String> units) {
        Map<String, Integer> col = new HashMap<>();
        units.forEach(u -> col.put(u, 0));
        for (int round = 0; round < units.size(); round++) {
            boolean changed = false;
            for (Edge e : flow.edges()) {
                if (e.kind() == EdgeKind.NEXT && col.containsKey(e.from()) && col.containsKey(e.to())
                        && col.get(e.to()) < col.get(e.from()) + 1) {
                    col.put(e.to(), col.get(e.from()) + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return col;
    }

    private static Block tree(String id, Map<String, List<String>> workers, Set<String> visiting) {
        List<String> kids = visiting.add(id) ? workers.getOrDefault(id, List.of()) : List.of();
        if (kids.isEmpty()) {
            return new Block(Map.of(id, new Position(0, 0)), W, H, 0);
        }
        List<Block> subs = kids.stream().map(k -> tree(k, workers, visiting)).toList();
        double width = subs.stream().mapToDouble(Block::width).sum() + GAP_X / 2 * (subs.size() - 1);
        width = Math.max(width, W);
        double drop = H + GAP_Y * 2;
        double height = drop + subs.stream().mapToDouble(Block::height).max().orElse(0);
        Map<String, Position> at = new HashMap<>();
        at.put(id, new Position((width - W) / 2, 0));
        double x = 0;
        for (Block b : subs) {
            for (var en : b.at().entrySet()) {
                at.put(en.getKey(), new Position(x + en.getValue().x(), drop + en.getValue().y()));
            }
            x += b.width() + GAP_X / 2;
        }
        return new Block(at, width, height, 0);
    }

    private static Block ring(List<String> members) {
        int n = members.size();
        double r = Math.max(W, n * (W + GAP_X) / (2 * Math.PI));
        double ry = Math.max(H + GAP_Y, r * 0.6);
        Map<String, Position> at = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double a = Math.PI + 2 * Math.PI * i / n;
            at.put(members.get(i), new Position(r + Math.cos(a) * r, ry + Math.sin(a) * ry));
        }
        return new Block(at, 2 * r + W, 2 * ry + H, ry);
    }

    /** Snaps to the grid, then moves any card that touches an earlier one down until it touches none. */
    static Map<String, Position> snapAndSeparate(Map<String, Position> in) {
        List<Map.Entry<String, Position>> list = new ArrayList<>(in.entrySet());
        list.sort(Comparator.comparingDouble((Map.Entry<String, Position> e) -> e.getValue().y())
                .thenComparingDouble(e -> e.getValue().x()).thenComparing(Map.Entry::getKey));
        Map<String, Position> out = new LinkedHashMap<>();
        List<Position> placed = new ArrayList<>();
        for (var en : list) {
            double x = NodeGeometry.snap(en.getValue().x());
            double y = NodeGeometry.snap(en.getValue().y());
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Position p : placed) {
                    if (overlaps(x, y, p.x(), p.y())) {
                        y = NodeGeometry.snap(p.y() + H + NodeGeometry.GRID * 2);
                        moved = true;
                    }
                }
            }
            Position pos = new Position(x, y);
            placed.add(pos);
            out.put(en.getKey(), pos);
        }
        return out;
    }

    /** True when two cards at these corners overlap, with a small margin. */
    public static boolean overlaps(double x1, double y1, double x2, double y2) {
        double m = 10;
        return x1 < x2 + W + m && x2 < x1 + W + m && y1 < y2 + H + m && y2 < y1 + H + m;
    }
}

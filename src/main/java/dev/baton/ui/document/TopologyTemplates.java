package dev.baton.ui.document;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Ids;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import dev.baton.flow.RouteSpec;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.document.command.AddNode;
import dev.baton.ui.document.command.Command;
import dev.baton.ui.document.command.Composite;
import dev.baton.ui.document.command.Connect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One-click wired groups: a supervisor team, a chain, a swarm, parallel branches with a judge, a router. */
public final class TopologyTemplates {

    /** The groups the Insert menu offers. */
    public enum Kind { SUPERVISOR_TEAM, CHAIN, SWARM, PARALLEL_JUDGE, ROUTER }

    private TopologyTemplates() {
    }

    /** Space kept free between an inserted group and the cards already there, in canvas units. */
    static final double MARGIN = 60;

    /** An insertion: its one undoable command and the ids of the nodes it adds (to select them). */
    public record Insertion(Command command, List<String> nodeIds) {
    }

    /** The command inserting the group with its top-left corner at {@code at}. */
    public static Command insert(Flow flow, Kind kind, Position at) {
        return build(flow, kind, at).command();
    }

    /**
     * The group placed in free space: the place nearest {@code preferred} (its top-left corner) where its cards, with
     * a margin, cover none of the flow's cards.
     */
    public static Insertion insertInFreeSpace(Flow flow, Kind kind, Position preferred) {
        Insertion probe = build(flow, kind, Position.ORIGIN);
        Flow alone = probe.command().execute(Flow.empty("probe", "probe"));
        double w = 0;
        double h = 0;
        for (var n : alone.nodes()) {
            w = Math.max(w, n.position().x() + NodeGeometry.WIDTH);
            h = Math.max(h, n.position().y() + NodeGeometry.HEIGHT);
        }
        return build(flow, kind, freePlace(flow, preferred, w, h));
    }

    /**
     * Where a group of {@code w} × {@code h} goes without covering a card: places on rings of a 40-unit grid around
     * {@code preferred} (its top-left corner) are tried; the nearest free one wins.
     */
    public static Position freePlace(Flow flow, Position preferred, double w, double h) {
        double step = 40;
        for (int r = 0; r <= 150; r++) {
            Position best = null;
            double bestDistance = Double.MAX_VALUE;
            for (int i = -r; i <= r; i++) {
                for (int j = -r; j <= r; j++) {
                    if (Math.max(Math.abs(i), Math.abs(j)) != r) {
                        continue;
                    }
                    Position p = new Position(preferred.x() + i * step, preferred.y() + j * step);
                    double d = Math.hypot(i, j);
                    if (d < bestDistance && free(flow, p, w, h)) {
                        best = p;
                        bestDistance = d;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        // a crowded neighbourhood: right of everything
        double right = flow.nodes().stream().mapToDouble(n -> n.position().x() + NodeGeometry.WIDTH).max().orElse(0);
        return new Position(right + MARGIN, preferred.y());
    }

    private static boolean free(Flow flow, Position p, double w, double h) {
        for (var n : flow.nodes()) {
            double x = n.position().x();
            double y = n.position().y();
            if (x < p.x() + w + MARGIN && x + NodeGeometry.WIDTH + MARGIN > p.x()
                    && y < p.y() + h + MARGIN && y + NodeGeometry.HEIGHT + MARGIN > p.y()) {
                return false;
            }
        }
        return true;
    }

    /**
     * When the flow holds only its Start and Output (joined or not), the group wired between them: Start → the
     * group's entry, the group's exits → Output (in place of a Start → Output edge), the group right of Start and
     * Output moved right of the group. Empty for any other flow.
     */
    public static java.util.Optional<Insertion> insertBetweenEnds(Flow flow, Kind kind) {
        List<AgentNode> nodes = flow.nodes();
        AgentNode start = nodes.stream().filter(n -> n.kind() == NodeKind.START).findFirst().orElse(null);
        AgentNode output = nodes.stream().filter(n -> n.kind() == NodeKind.OUTPUT).findFirst().orElse(null);
        boolean onlyEnds = nodes.size() == 2 && start != null && output != null && flow.edges().stream()
                .allMatch(e -> e.from().equals(start.id()) && e.to().equals(output.id()));
        if (!onlyEnds) {
            return java.util.Optional.empty();
        }
        Builder probe = group(Flow.empty("probe", "probe"), kind, Position.ORIGIN);
        Flow alone = new Composite("probe", probe.parts).execute(Flow.empty("probe", "probe"));
        double groupWidth = 0;
        double groupHeight = 0;
        for (AgentNode n : alone.nodes()) {
            groupWidth = Math.max(groupWidth, n.position().x() + NodeGeometry.WIDTH);
            groupHeight = Math.max(groupHeight, n.position().y() + NodeGeometry.HEIGHT);
        }
        double gap = 100;
        Position at = new Position(start.position().x() + NodeGeometry.WIDTH + gap,
                start.position().y() + NodeGeometry.HEIGHT / 2 - groupHeight / 2);
        Builder b = group(flow, kind, at);
        List<Command> parts = new ArrayList<>(b.parts);
        Set<String> joins = new HashSet<>();
        flow.edges().forEach(e -> joins.add(e.id()));
        if (!joins.isEmpty()) {
            parts.add(0, new dev.baton.ui.document.command.RemoveElements(joins));
        }
        for (String entry : b.entries) {
            parts.add(new Connect(Edge.next(b.edgeId(start.id(), entry), start.id(), entry)));
        }
        for (String exit : b.exits) {
            parts.add(new Connect(Edge.next(b.edgeId(exit, output.id()), exit, output.id())));
        }
        Position outputAt = new Position(at.x() + groupWidth + gap, start.position().y());
        parts.add(new dev.baton.ui.document.command.MoveNodes(java.util.Map.of(output.id(), output.position()),
                java.util.Map.of(output.id(), outputAt)));
        return java.util.Optional.of(new Insertion(new Composite("Insert " + label(kind) + " between the ends",
                parts), List.copyOf(b.nodeIds)));
    }

    private static String label(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static Insertion build(Flow flow, Kind kind, Position at) {
        Builder b = group(flow, kind, at);
        return new Insertion(new Composite("Insert " + label(kind), b.parts), List.copyOf(b.nodeIds));
    }

    /** The group's nodes and edges, with the nodes that take the input (entries) and give the answer (exits). */
    private static Builder group(Flow flow, Kind kind, Position at) {
        Builder b = new Builder(flow, at);
        switch (kind) {
            case SUPERVISOR_TEAM -> {
                String lead = b.node(NodeKind.SUPERVISOR, "Team Lead", 240, 0);
                for (int i = 0; i < 3; i++) {
                    String w = b.node(NodeKind.AGENT, "Specialist " + (i + 1), i * 240, 200);
                    b.edge(Edge.delegates(b.edgeId(lead, w), lead, w));
                }
            }
            case CHAIN -> {
                String prev = null;
                String[] names = {"Researcher", "Writer", "Editor"};
                for (int i = 0; i < names.length; i++) {
                    String n = b.node(NodeKind.AGENT, names[i], i * 280, 0);
                    if (prev != null) {
                        b.edge(Edge.next(b.edgeId(prev, n), prev, n));
                    }
                    prev = n;
                }
                b.exits.add(prev);
            }
            case SWARM -> {
                String[] names = {"Triage", "Billing", "Tech Support", "Accounts"};
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < names.length; i++) {
                    double angle = Math.PI * 2 * i / names.length - Math.PI / 2;
                    ids.add(b.node(NodeKind.AGENT, names[i], 260 + Math.cos(angle) * 260, 150 + Math.sin(angle) * 150));
                }
                for (int i = 1; i < ids.size(); i++) {
                    b.edge(Edge.handoff(b.edgeId(ids.get(0), ids.get(i)), ids.get(0), ids.get(i)));
                    b.edge(Edge.handoff(b.edgeId(ids.get(i), ids.get(0)), ids.get(i), ids.get(0)));
                }
            }
            case PARALLEL_JUDGE -> {
                String split = b.node(NodeKind.AGENT, "Dispatcher", 0, 150);
                String judge = b.node(NodeKind.JUDGE, "Judge", 560, 150);
                for (int i = 0; i < 3; i++) {
                    String w = b.node(NodeKind.AGENT, "Analyst " + (i + 1), 280, i * 150);
                    b.edge(Edge.next(b.edgeId(split, w), split, w));
                    b.edge(Edge.next(b.edgeId(w, judge), w, judge));
                }
                b.exits.add(judge);
            }
            case ROUTER -> {
                String router = b.node(NodeKind.ROUTER, "Router", 0, 150);
                String[][] routes = {{"Billing", "Invoices, charges, payments and plans"},
                        {"Tech Support", "Errors, outages, installation and configuration"},
                        {"Front Desk", "Anything else"}};
                for (int i = 0; i < routes.length; i++) {
                    String w = b.node(NodeKind.AGENT, routes[i][0], 280, i * 150);
                    b.edge(Edge.route(b.edgeId(router, w), router, w,
                            new RouteSpec(routes[i][1], null, i == routes.length - 1, null)));
                    b.exits.add(w); // whichever route is taken answers
                }
            }
        }
        if (b.entries.isEmpty()) {
            // the group's first node takes the input and, unless the kind said otherwise, gives the answer
            b.entries.add(b.nodeIds.get(0));
        }
        if (b.exits.isEmpty()) {
            b.exits.add(b.nodeIds.get(0));
        }
        return b;
    }

    private static final class Builder {
        final Set<String> taken = new HashSet<>();
        final List<Command> parts = new ArrayList<>();
        final List<String> nodeIds = new ArrayList<>();
        final List<String> entries = new ArrayList<>();
        final List<String> exits = new ArrayList<>();
        final Position at;

        Builder(Flow flow, Position at) {
            this.at = at;
            flow.nodes().forEach(n -> taken.add(n.id()));
            flow.edges().forEach(e -> taken.add(e.id()));
        }

        String node(NodeKind kind, String name, double dx, double dy) {
            String id = Ids.unique(Ids.slug(name), taken);
            taken.add(id);
            AgentNode n = AgentNode.of(id, kind, name).withPosition(at.x() + dx, at.y() + dy);
            if (kind == NodeKind.AGENT) {
                n = n.withRole(name).withInstructions("Do the " + name.toLowerCase(java.util.Locale.ROOT)
                        + " part of the task.");
            }
            parts.add(new AddNode(n));
            nodeIds.add(id);
            return id;
        }

        String edgeId(String from, String to) {
            String id = Ids.unique(from + "-to-" + to, taken);
            taken.add(id);
            return id;
        }

        void edge(Edge e) {
            parts.add(new Connect(e));
        }
    }
}

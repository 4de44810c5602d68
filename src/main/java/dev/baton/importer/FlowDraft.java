package dev.baton.importer;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.Ids;
import dev.baton.flow.Limits;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A flow being assembled by an importer: unique ids, the notes, and a layout when the source had no positions. */
final class FlowDraft {

    final String file;
    final List<ImportNote> notes = new ArrayList<>();
    private final Map<String, AgentNode> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    ModelRef defaultModel = ModelRef.SIMULATED_DEFAULT;
    Limits limits = Limits.DEFAULT;

    FlowDraft(String file) {
        this.file = file;
    }

    /** A free id made from {@code wanted} (slugged, made unique). */
    String id(String wanted) {
        String slug = Ids.slug(wanted == null || wanted.isBlank() ? "node" : wanted);
        String id = Ids.unique(slug.isEmpty() ? "node" : slug, taken);
        taken.add(id);
        return id;
    }

    AgentNode add(AgentNode node) {
        nodes.put(node.id(), node);
        taken.add(node.id());
        return node;
    }

    void replace(AgentNode node) {
        nodes.put(node.id(), node);
    }

    AgentNode node(String id) {
        return nodes.get(id);
    }

    boolean has(String id) {
        return nodes.containsKey(id);
    }

    /** Adds an edge of a kind with a generated id, unless the same kind already joins the two nodes. */
    Edge connect(EdgeKind kind, String from, String to) {
        for (Edge e : edges) {
            if (e.kind() == kind && e.from().equals(from) && e.to().equals(to)) {
                return e;
            }
        }
        Edge e = new Edge(id(from + "-to-" + to), kind, from, to, null, null, "");
        edges.add(e);
        return e;
    }

    void add(Edge e) {
        edges.add(e);
        taken.add(e.id());
    }

    List<Edge> edges() {
        return edges;
    }

    /** Where the source's sticky notes were: reported in one line, they are comments, not flow elements. */
    private final List<String> stickyNotes = new ArrayList<>();

    void stickyNote(String path) {
        stickyNotes.add(path);
    }

    void note(String path, String what, String action) {
        note(file, path, what, action);
    }

    /** Adds a note once: an element met again (an agent's tool, for each of its tasks) is reported once. */
    void note(String noteFile, String path, String what, String action) {
        ImportNote n = new ImportNote(noteFile, path, KeyScrub.text(what), KeyScrub.text(action));
        if (!notes.contains(n)) {
            notes.add(n);
        }
    }

    /** The flow; nodes at the origin are laid out in layers from START when {@code layout} is set. */
    Flow build(String id, String name, String description, boolean layout) throws ImportException {
        if (!stickyNotes.isEmpty()) {
            note(String.join(", ", stickyNotes), stickyNotes.size() == 1 ? "a sticky note"
                    : stickyNotes.size() + " sticky notes", "left out (comments on the canvas, not steps)");
            stickyNotes.clear();
        }
        List<AgentNode> list = new ArrayList<>(nodes.values());
        Flow flow = new Flow(Ids.slug(id).isEmpty() ? "imported" : Ids.slug(id), name, description, defaultModel,
                limits, list, edges);
        return KeyScrub.flow(layout ? LayeredLayout.apply(flow) : flow, this);
    }

    /** Every node kind but START and OUTPUT. */
    static boolean isWork(AgentNode n) {
        return n.kind() != NodeKind.START && n.kind() != NodeKind.OUTPUT;
    }

    static Position at(double x, double y) {
        return new Position(x, y);
    }
}

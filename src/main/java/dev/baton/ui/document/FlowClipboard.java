package dev.baton.ui.document;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Ids;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.Position;
import dev.baton.flow.io.FlowJson;
import dev.baton.flow.io.FlowLoadException;
import dev.baton.ui.document.command.AddNode;
import dev.baton.ui.document.command.Command;
import dev.baton.ui.document.command.Composite;
import dev.baton.ui.document.command.Connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copy and paste as flow JSON: a copy is a small flow file holding the selected nodes and the edges between them, so
 * it pastes into another window (or a text editor) as well as into this one. Pasting renames every id that is taken.
 */
public final class FlowClipboard {

    private FlowClipboard() {
    }

    /** The flow JSON of the selected nodes and the edges among them; empty when no node is selected. */
    public static Optional<String> copy(Flow flow, Set<String> selection) {
        List<AgentNode> nodes = flow.nodes().stream().filter(n -> selection.contains(n.id())).toList();
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        Set<String> ids = new HashSet<>();
        nodes.forEach(n -> ids.add(n.id()));
        List<Edge> edges = flow.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        Flow part = new Flow("clipboard", flow.name(), "", flow.defaultModel(), flow.limits(), nodes, edges);
        return Optional.of(FlowJson.write(part));
    }

    /**
     * The command that pastes clipboard JSON into a flow, shifted by {@code offset}; the new ids are returned in
     * {@code pastedIds}. Empty when the text is not a flow.
     */
    public static Optional<Command> paste(Flow target, String json, double offset, List<String> pastedIds) {
        return paste(target, json, offset, offset, pastedIds);
    }

    /** As {@link #paste(Flow, String, double, List)}, shifted by {@code dx} across and {@code dy} down. */
    public static Optional<Command> paste(Flow target, String json, double dx, double dy, List<String> pastedIds) {
        Flow part;
        try {
            part = FlowJson.read(json).flow();
        } catch (FlowLoadException e) {
            return Optional.empty();
        }
        if (part.nodes().isEmpty()) {
            return Optional.empty();
        }
        Set<String> taken = new HashSet<>();
        target.nodes().forEach(n -> taken.add(n.id()));
        target.edges().forEach(e -> taken.add(e.id()));
        Map<String, String> renamed = new HashMap<>();
        List<Command> parts = new ArrayList<>();
        for (AgentNode n : part.nodes()) {
            String id = Ids.unique(n.id(), taken);
            taken.add(id);
            renamed.put(n.id(), id);
        }
        for (AgentNode n : part.nodes()) {
            AgentNode copy = n.withId(renamed.get(n.id()))
                    .withPosition(new Position(n.position().x() + dx, n.position().y() + dy));
            if (copy.judge() != null && copy.judge().verifierId() != null) {
                JudgeSpec j = copy.judge();
                copy = copy.withJudge(new JudgeSpec(j.strategy(), renameKeys(j.trust(), renamed),
                        renamed.getOrDefault(j.verifierId(), j.verifierId())));
            }
            parts.add(new AddNode(copy));
            pastedIds.add(copy.id());
        }
        for (Edge e : part.edges()) {
            String id = Ids.unique(e.id(), taken);
            taken.add(id);
            parts.add(new Connect(e.withId(id).withEnds(renamed.getOrDefault(e.from(), e.from()),
                    renamed.getOrDefault(e.to(), e.to()))));
        }
        int n = part.nodes().size();
        return Optional.of(new Composite(n == 1 ? "Paste 1 node" : "Paste " + n + " nodes", parts));
    }

    private static Map<String, Double> renameKeys(Map<String, Double> trust, Map<String, String> renamed) {
        Map<String, Double> out = new HashMap<>();
        trust.forEach((k, v) -> out.put(renamed.getOrDefault(k, k), v));
        return out;
    }
}

package dev.baton.ui.document.command;

import dev.baton.flow.Flow;
import dev.baton.flow.Position;

import java.util.Map;

/** Moves nodes to new positions; pushed once at the end of a drag, so one gesture is one undo step. */
public record MoveNodes(Map<String, Position> before, Map<String, Position> after) implements Command {

    public MoveNodes {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }

    @Override
    public Flow execute(Flow flow) {
        return place(flow, after);
    }

    @Override
    public Flow undo(Flow flow) {
        return place(flow, before);
    }

    private static Flow place(Flow flow, Map<String, Position> positions) {
        return flow.withNodes(flow.nodes().stream()
                .map(n -> positions.containsKey(n.id()) ? n.withPosition(positions.get(n.id())) : n)
                .toList());
    }

    @Override
    public String description() {
        return after.size() == 1 ? "Move node" : "Move " + after.size() + " nodes";
    }
}

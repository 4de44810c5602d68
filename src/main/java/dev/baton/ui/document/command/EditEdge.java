package dev.baton.ui.document.command;

import dev.baton.flow.Edge;
import dev.baton.flow.Flow;

/** Replaces an edge's properties (context policy, review policy, label). */
public record EditEdge(Edge before, Edge after, String what) implements Command {

    public EditEdge {
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("EditEdge keeps the id: " + before.id() + " vs " + after.id());
        }
    }

    @Override
    public Flow execute(Flow flow) {
        return flow.replaceEdge(after);
    }

    @Override
    public Flow undo(Flow flow) {
        return flow.replaceEdge(before);
    }

    @Override
    public String description() {
        return "Edit " + what;
    }
}

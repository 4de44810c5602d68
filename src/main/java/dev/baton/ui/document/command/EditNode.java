package dev.baton.ui.document.command;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;

/** Replaces a node's properties (one committed inspector field, or a template applied). */
public record EditNode(AgentNode before, AgentNode after, String what) implements Command {

    public EditNode {
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("EditNode keeps the id: " + before.id() + " vs " + after.id());
        }
    }

    @Override
    public Flow execute(Flow flow) {
        return flow.replaceNode(after);
    }

    @Override
    public Flow undo(Flow flow) {
        return flow.replaceNode(before);
    }

    @Override
    public String description() {
        return "Edit " + what;
    }
}

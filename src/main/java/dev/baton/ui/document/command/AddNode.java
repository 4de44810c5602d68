package dev.baton.ui.document.command;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;

/** Appends a node (its id must be free; callers make one with {@code Ids.unique}). */
public record AddNode(AgentNode node) implements Command {

    @Override
    public Flow execute(Flow flow) {
        return flow.addNode(node);
    }

    @Override
    public Flow undo(Flow flow) {
        return flow.removeNode(node.id());
    }

    @Override
    public String description() {
        return "Add " + (node.name().isBlank() ? node.id() : node.name());
    }
}

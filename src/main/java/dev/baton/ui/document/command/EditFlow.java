package dev.baton.ui.document.command;

import dev.baton.flow.Flow;

/**
 * Changes the flow's own properties (name, description, default model, limits, tool settings); nodes and edges stay.
 */
public record EditFlow(Flow before, Flow after, String what) implements Command {

    @Override
    public Flow execute(Flow flow) {
        return carry(after, flow);
    }

    @Override
    public Flow undo(Flow flow) {
        return carry(before, flow);
    }

    private static Flow carry(Flow header, Flow flow) {
        return new Flow(flow.id(), header.name(), header.description(), header.defaultModel(), header.limits(),
                flow.nodes(), flow.edges(), header.tools());
    }

    @Override
    public String description() {
        return "Edit " + what;
    }
}

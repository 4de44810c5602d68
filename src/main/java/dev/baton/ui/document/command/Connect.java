package dev.baton.ui.document.command;

import dev.baton.flow.Edge;
import dev.baton.flow.Flow;

import java.util.Locale;

/** Appends an edge. */
public record Connect(Edge edge) implements Command {

    @Override
    public Flow execute(Flow flow) {
        return flow.addEdge(edge);
    }

    @Override
    public Flow undo(Flow flow) {
        return flow.removeEdge(edge.id());
    }

    @Override
    public String description() {
        return "Connect (" + edge.kind().name().toLowerCase(Locale.ROOT) + ")";
    }
}

package dev.baton.ui.document.command;

import dev.baton.flow.Flow;

import java.util.List;

/** Several commands done and undone as one step (paste, insert a topology, delete a selection). */
public record Composite(String description, List<Command> parts) implements Command {

    public Composite {
        parts = List.copyOf(parts);
    }

    @Override
    public Flow execute(Flow flow) {
        Flow result = flow;
        for (Command c : parts) {
            result = c.execute(result);
        }
        return result;
    }

    @Override
    public Flow undo(Flow flow) {
        Flow result = flow;
        for (int i = parts.size() - 1; i >= 0; i--) {
            result = parts.get(i).undo(result);
        }
        return result;
    }
}

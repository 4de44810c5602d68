package dev.baton.ui.document.command;

import dev.baton.flow.Flow;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo and redo over a flow property. The {@link #revision()} names the current state: it changes on every execute,
 * undo and redo, and comes back to an earlier value when undo returns to that state, which is what the dirty mark
 * compares against the saved revision.
 */
public final class CommandStack {

    private record Entry(Command command, int revisionBefore, int revisionAfter) {
    }

    private final ObjectProperty<Flow> flow;
    private final Deque<Entry> done = new ArrayDeque<>();
    private final Deque<Entry> undone = new ArrayDeque<>();
    private final IntegerProperty revision = new SimpleIntegerProperty(0);
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private int nextRevision = 1;

    public CommandStack(ObjectProperty<Flow> flow) {
        this.flow = flow;
    }

    /** Applies a command and makes it the one Undo reverts; clears the redo list. */
    public void execute(Command command) {
        int before = revision.get();
        int after = nextRevision++;
        flow.set(command.execute(flow.get()));
        done.push(new Entry(command, before, after));
        undone.clear();
        revision.set(after);
        refresh();
    }

    public void undo() {
        if (done.isEmpty()) {
            return;
        }
        Entry e = done.pop();
        flow.set(e.command().undo(flow.get()));
        undone.push(e);
        revision.set(e.revisionBefore());
        refresh();
    }

    public void redo() {
        if (undone.isEmpty()) {
            return;
        }
        Entry e = undone.pop();
        flow.set(e.command().execute(flow.get()));
        done.push(e);
        revision.set(e.revisionAfter());
        refresh();
    }

    /** Forgets every command (a new or opened flow starts a fresh history) and starts a new revision. */
    public void clear() {
        done.clear();
        undone.clear();
        revision.set(nextRevision++);
        refresh();
    }

    private void refresh() {
        canUndo.set(!done.isEmpty());
        canRedo.set(!undone.isEmpty());
        undoLabel.set(done.isEmpty() ? "Undo" : "Undo " + done.peek().command().description());
        redoLabel.set(undone.isEmpty() ? "Redo" : "Redo " + undone.peek().command().description());
    }

    /** The current state's number; equal numbers mean equal flows. */
    public ReadOnlyIntegerProperty revision() {
        return revision;
    }

    public ReadOnlyStringProperty undoLabel() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabel() {
        return redoLabel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndo() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedo() {
        return canRedo.getReadOnlyProperty();
    }
}

package dev.baton.ui;

import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.Problem;
import dev.baton.ui.command.Command;
import dev.baton.ui.command.CommandStack;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The view-model of one open flow: the flow value, its file, its undo history, the selection (node and edge ids) and
 * the validator's problems, kept current on every change. The canvas and the panels observe it; edits go through
 * {@link #execute(Command)}.
 */
public final class FlowDocument {

    private final ObjectProperty<Flow> flow = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final CommandStack commands = new CommandStack(flow);
    private final IntegerProperty savedRevision = new SimpleIntegerProperty(0);
    private final BooleanBinding dirty = Bindings.notEqual(savedRevision, commands.revision());
    private final ObservableSet<String> selection = FXCollections.observableSet();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    /** What the import of this flow reported, shown after the validator's problems until another flow replaces it. */
    private List<Problem> importReport = List.of();

    public FlowDocument(Flow initial) {
        flow.addListener((obs, old, now) -> revalidate(now));
        flow.set(initial);
    }

    private void revalidate(Flow now) {
        List<Problem> all = new ArrayList<>(FlowValidator.validate(now));
        all.addAll(importReport);
        problems.setAll(all);
        // a removed element cannot stay selected
        selection.removeIf(id -> now.node(id).isEmpty() && now.edge(id).isEmpty());
    }

    public Flow flow() {
        return flow.get();
    }

    public ReadOnlyObjectProperty<Flow> flowProperty() {
        return flow;
    }

    public void execute(Command command) {
        commands.execute(command);
    }

    public CommandStack commands() {
        return commands;
    }

    /** Replaces the whole flow (New, Open, restore): clears history and selection, marks it saved. */
    public void replace(Flow newFlow, Path newFile) {
        selection.clear();
        importReport = List.of();
        flow.set(newFlow);
        file.set(newFile);
        commands.clear();
        markSaved();
    }

    /** Shows an import's report beside the validator's problems (as warnings, code "import"). */
    public void setImportReport(List<Problem> report) {
        importReport = List.copyOf(report);
        revalidate(flow());
    }

    /** Marks the current state as the saved one (the dirty mark goes). */
    public void markSaved() {
        savedRevision.set(commands.revision().get());
    }

    /** Forces the dirty mark, e.g. after restoring a recovery file that was never saved. */
    public void markUnsaved() {
        savedRevision.set(-1);
    }

    public BooleanBinding dirty() {
        return dirty;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public ObservableSet<String> selection() {
        return selection;
    }

    /** Selects exactly these ids. */
    public void select(Collection<String> ids) {
        if (selection.size() == ids.size() && selection.containsAll(ids)) {
            return;
        }
        selection.clear();
        selection.addAll(ids);
    }

    /** The selected node ids, in the flow's authored order. */
    public List<String> selectedNodeIds() {
        List<String> ids = new ArrayList<>();
        Set<String> sel = selection;
        flow().nodes().forEach(n -> {
            if (sel.contains(n.id())) {
                ids.add(n.id());
            }
        });
        return ids;
    }

    public ObservableList<Problem> problems() {
        return problems;
    }

    /** "valid", "2 errors, 1 warning" … for the status bar. */
    public String validationSummary() {
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        if (errors == 0 && warnings == 0) {
            return "valid";
        }
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(errors + (errors == 1 ? " error" : " errors"));
        }
        if (warnings > 0) {
            parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        return String.join(", ", parts);
    }
}

package dev.baton.ui.document;

import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.Problem;
import dev.baton.ui.document.command.Command;
import dev.baton.ui.document.command.CommandStack;
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
    /** See {@link #fileForRelativePaths()}. */
    private Path standIn;
    private final CommandStack commands = new CommandStack(flow);
    private final IntegerProperty savedRevision = new SimpleIntegerProperty(0);
    private final BooleanBinding dirty = Bindings.notEqual(savedRevision, commands.revision());
    private final ObservableSet<String> selection = FXCollections.observableSet();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    /** What the status bar says, instead of problems, about a flow that has no agent yet. */
    public static final String START_HINT = "add an agent to begin: drag one from the palette onto the canvas";
    /** The validator's codes that only say "nothing is built yet" (no ends, or ends with nothing between). */
    private static final Set<String> NOT_STARTED_CODES = Set.of("start-count", "output-count", "unreachable");
    /** True while the flow has no agent and its only problems are that nothing is built yet. */
    private boolean hint;
    /** What the import of this flow reported, shown after the validator's problems until another flow replaces it. */
    private List<Problem> importReport = List.of();

    public FlowDocument(Flow initial) {
        flow.addListener((obs, old, now) -> revalidate(now));
        flow.set(initial);
    }

    private void revalidate(Flow now) {
        List<Problem> all = new ArrayList<>(FlowValidator.validate(now));
        // a flow with nothing built yet is not wrong, it is unfinished: say what to do, not what is broken
        hint = !all.isEmpty() && notStarted(now) && all.stream().allMatch(p -> NOT_STARTED_CODES.contains(p.code()));
        if (hint) {
            all.clear();
        }
        all.addAll(importReport);
        problems.setAll(all);
        // a removed element cannot stay selected
        selection.removeIf(id -> now.node(id).isEmpty() && now.edge(id).isEmpty());
    }

    /** True when the flow holds no node but its ends: nothing has been built yet. */
    private static boolean notStarted(Flow flow) {
        return flow.nodes().stream().allMatch(n -> n.kind() == dev.baton.flow.NodeKind.START
                || n.kind() == dev.baton.flow.NodeKind.OUTPUT) && flow.edges().isEmpty();
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
        replace(newFlow, newFile, null);
    }

    /**
     * As {@link #replace(Flow, Path)} for an untitled flow whose relative paths (its tools' workspace, its MCP
     * servers' folder) mean the folder of {@code stand} (a bundled sample's copy), until it is saved somewhere.
     */
    public void replace(Flow newFlow, Path newFile, Path stand) {
        standIn = stand;
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

    /**
     * The file the flow's relative paths are resolved against: its own file, else the copy an untitled sample was
     * opened from; null when neither.
     */
    public Path fileForRelativePaths() {
        Path own = file.get();
        return own != null ? own : standIn;
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
    /** True while the status shows {@link #START_HINT} instead of problems. */
    public boolean showsStartHint() {
        return hint && problems.isEmpty();
    }

    public String validationSummary() {
        if (hint && problems.isEmpty()) {
            return START_HINT;
        }
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

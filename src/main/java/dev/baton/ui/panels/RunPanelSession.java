package dev.baton.ui.panels;

import dev.baton.audit.AuditException;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.ui.BatonHome;
import dev.baton.ui.FlowDocument;
import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.fx.DialogService;
import dev.baton.ui.run.RunController;
import javafx.application.Platform;
import javafx.collections.SetChangeListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Starts runs from the designer: validates (errors go to the problems panel), checks credentials (a dialog names the
 * variable to set), asks for the input (offering the last ones used with this flow), then runs the flow through a
 * {@link RunController} with the audit database at {@code <baton home>/audit}, shown on the canvas and the run panel.
 */
public final class RunPanelSession {

    /** Asks the person for the run's input; empty when they cancel. */
    @FunctionalInterface
    public interface InputAsker {
        Optional<String> ask(String flowName, String prompt, List<String> recentInputs);
    }

    private final FlowDocument document;
    private final FlowCanvas canvas;
    private final DialogService dialogs;
    private final RunPanel panel;
    private final Runnable showProblems;
    private final Runnable showRunPanel;
    private final RunPanelInputs inputs = new RunPanelInputs(BatonHome.dir().resolve("inputs.json"));
    private InputAsker asker;
    private final Executor fxExecutor = Platform::runLater;
    private SetChangeListener<String> breakpointSync;

    public RunPanelSession(FlowDocument document, FlowCanvas canvas, DialogService dialogs, RunPanel panel,
                           InputAsker asker, Runnable showProblems, Runnable showRunPanel) {
        this.document = document;
        this.canvas = canvas;
        this.dialogs = dialogs;
        this.panel = panel;
        this.asker = asker;
        this.showProblems = showProblems;
        this.showRunPanel = showRunPanel;
        // a bar in the timeline or the failure banner picks its node on the canvas
        panel.setOnNodeClicked(id -> {
            if (document.flow().node(id).isPresent()) {
                document.select(List.of(id));
                canvas.reveal(id);
            }
        });
    }

    /** Replaces the input dialog (tests answer it themselves). */
    public void setInputAsker(InputAsker replacement) {
        this.asker = replacement;
    }

    /** Asks for the input and runs; false when nothing started (invalid flow, missing key, cancelled, failure). */
    public boolean run() {
        return run(null);
    }

    /** Runs with {@code input} given (the {@code --run} option), or asks for it when null. */
    public boolean run(String givenInput) {
        if (panel.runningProperty().get()) {
            dialogs.showInfo("A run is under way", "Cancel it (Run ▸ Cancel) before starting another one.");
            return false;
        }
        Flow flow = document.flow();
        if (!RunPanelLauncher.errors(flow).isEmpty()) {
            showProblems.run();
            return false;
        }
        ModelProvider provider = ModelProviders.routing(RunPanelLauncher.simulatedSettings());
        List<String> missing = RunPanelLauncher.missingCredentials(flow, provider);
        if (!missing.isEmpty()) {
            dialogs.showError("Missing credentials", String.join("\n", missing));
            return false;
        }
        String key = flowKey();
        String input = givenInput;
        if (input == null) {
            Optional<String> asked = asker.ask(flow.name(), startPrompt(flow), inputs.recent(key));
            if (asked.isEmpty()) {
                return false;
            }
            input = asked.get();
        }
        inputs.remember(key, input);
        RunController controller = RunController.on(flow, provider, fxExecutor)
                .auditTo(BatonHome.dir().resolve("audit"));
        canvas.breakpoints().forEach(controller.breakpoints()::onNode);
        syncBreakpoints(controller);
        canvas.showRun(controller.viewModel(), controller.speedProperty());
        panel.attach(controller);
        showRunPanel.run();
        try {
            controller.start(input);
            return true;
        } catch (AuditException | RuntimeException e) {
            canvas.clearRun();
            dialogs.showError("Cannot start the run", e.getMessage());
            return false;
        }
    }

    /** Breakpoints toggled during the run apply to it at once. */
    private void syncBreakpoints(RunController controller) {
        if (breakpointSync != null) {
            canvas.breakpoints().removeListener(breakpointSync);
        }
        breakpointSync = c -> {
            if (c.wasAdded()) {
                controller.breakpoints().onNode(c.getElementAdded());
            } else {
                controller.breakpoints().removeNode(c.getElementRemoved());
            }
        };
        canvas.breakpoints().addListener(breakpointSync);
    }

    /** Toggles a breakpoint on the one selected node; false when not exactly one node is selected. */
    public boolean toggleBreakpointOnSelection() {
        List<String> ids = document.selectedNodeIds();
        if (ids.size() != 1) {
            dialogs.showInfo("Toggle breakpoint", "Select one node: the run will stop before it starts.");
            return false;
        }
        canvas.toggleBreakpoint(ids.get(0));
        return true;
    }

    private String flowKey() {
        Path file = document.fileProperty().get();
        return file != null ? file.toAbsolutePath().normalize().toString() : "flow:" + document.flow().id();
    }

    private static String startPrompt(Flow flow) {
        return flow.nodesOfKind(NodeKind.START).stream().map(AgentNode::instructions).filter(s -> !s.isBlank())
                .findFirst().orElse("Input for the flow");
    }
}

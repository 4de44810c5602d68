package dev.baton.ui.panels;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.run.RunOptions;
import dev.baton.run.RunProblem;
import dev.baton.run.RunService;
import dev.baton.ui.settings.BatonHome;
import dev.baton.ui.settings.DesignerSettings;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.fx.Daemons;
import dev.baton.ui.fx.DialogService;
import dev.baton.ui.run.RunController;
import javafx.application.Platform;
import javafx.collections.SetChangeListener;

import dev.baton.secret.Redactor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Starts runs from the designer through the {@link RunService}, as {@code baton run} does: its preflight's validation
 * errors send the user to the problems panel, missing credentials show in a dialog (the same lines the CLI prints);
 * then it asks for the input (offering the last ones used with this flow) and runs the flow through a
 * {@link RunController} with the audit database at {@code <baton home>/audit}, shown on the canvas and the run panel.
 */
public final class RunPanelSession {

    /** Asks the person for the run's input; empty when they cancel. */
    @FunctionalInterface
    public interface InputAsker {
        Optional<String> ask(String flowName, String prompt, List<String> recentInputs);
    }

    private final Redactor redactor;
    private RunService service;
    private final FlowDocument document;
    private final FlowCanvas canvas;
    private final DialogService dialogs;
    private final RunPanel panel;
    private final Runnable showProblems;
    private final Runnable showRunPanel;
    private final RunPanelInputs inputs = new RunPanelInputs(BatonHome.dir().resolve("inputs.json"));
    private InputAsker asker;
    private DesignerSettings settings = DesignerSettings.inHome();
    private String batonVersion = "unknown";
    private final Executor fxExecutor = Platform::runLater;
    private SetChangeListener<String> breakpointSync;
    private final TemporalRunSession temporal;
    /** Asks before a flow's stdio MCP servers first start (a run, or List tools); approvals kept under Baton's home. */
    private final dev.baton.ui.run.ServerTrustPrompt serverTrust;

    public RunPanelSession(FlowDocument document, FlowCanvas canvas, DialogService dialogs, RunPanel panel,
                           InputAsker asker, Runnable showProblems, Runnable showRunPanel) {
        this(document, canvas, dialogs, panel, asker, showProblems, showRunPanel, Redactor.shapesOnly());
    }

    /** As above; {@code redactor} is the program's one instance, applied to everything a run shows or keeps. */
    public RunPanelSession(FlowDocument document, FlowCanvas canvas, DialogService dialogs, RunPanel panel,
                           InputAsker asker, Runnable showProblems, Runnable showRunPanel, Redactor redactor) {
        this.redactor = redactor;
        this.service = new RunService(redactor);
        this.document = document;
        this.canvas = canvas;
        this.dialogs = dialogs;
        this.panel = panel;
        this.asker = asker;
        this.showProblems = showProblems;
        this.showRunPanel = showRunPanel;
        this.serverTrust = new dev.baton.ui.run.ServerTrustPrompt(dialogs, new dev.baton.tool.mcp.ServerTrust(
                BatonHome.dir()), redactor, note -> dialogs.showInfo("Programs approved for this session", note));
        this.temporal = new TemporalRunSession(() -> settings, () -> service, dialogs, showProblems, canvas, panel);
        // a bar in the timeline or the failure banner picks its node on the canvas
        panel.setOnNodeClicked(id -> {
            if (document.flow().node(id).isPresent()) {
                document.select(List.of(id));
                canvas.reveal(id);
            }
        });
    }

    /** Replaces the run service (tests give one whose real providers read a temp home and no environment). */
    public void setRunService(RunService replacement) {
        this.service = replacement;
    }

    /** Replaces the input dialog (tests answer it themselves). */
    public void setInputAsker(InputAsker replacement) {
        this.asker = replacement;
    }

    /** The designer's settings; a run reads its trace URL from them as it starts. */
    public DesignerSettings settings() {
        return settings;
    }

    /** Run ▸ Trace to OTLP…, on these settings and the program's redactor (a URL holding a key is refused). */
    public TraceSettingDialog traceSettingDialog(javafx.stage.Window owner) {
        return new TraceSettingDialog(owner, settings, redactor);
    }

    /** Replaces the settings (tests keep theirs in a temp dir). */
    public void setSettings(DesignerSettings replacement) {
        this.settings = replacement;
    }

    /** The version the live trace's spans carry as {@code service.version} (the app wiring knows it). */
    public void setBatonVersion(String version) {
        this.batonVersion = version;
    }

    /** What asks before the flow's stdio MCP servers start; List tools asks through it too. */
    public dev.baton.ui.run.ServerTrustPrompt serverTrust() {
        return serverTrust;
    }

    /** Asks for the input and runs; false when nothing started (invalid flow, missing key, cancelled, failure). */
    public boolean run() {
        return run(null);
    }

    /**
     * Runs with {@code input} given (the {@code --run} option), or asks for it when null; false when nothing started
     * (invalid flow, missing key, cancelled). An audit database that cannot be opened is reported once it is known.
     */
    public boolean run(String givenInput) {
        if (panel.runningProperty().get()) {
            dialogs.showInfo("A run is under way", "Cancel it (Run ▸ Cancel) before starting another one.");
            return false;
        }
        Flow flow = document.flow();
        RunOptions options = RunOptions.DEFAULT.withSimulated(RunPanelLauncher.simulatedSettings())
                .withAudit(BatonHome.dir().resolve("audit"))
                .withOtlp(settings.otlpEndpoint().orElse(null), batonVersion)
                // relative paths of the flow (its workspace, its stdio MCP servers' folder) mean its file's folder
                // (an untitled sample's: the copy of the bundled samples it came from)
                .withFlowFile(document.fileForRelativePaths());
        List<RunProblem> problems = service.preflight(flow, options);
        if (has(problems, RunProblem.Kind.INVALID_FLOW) || has(problems, RunProblem.Kind.INVALID_OPTION)) {
            showProblems.run();
            return false;
        }
        List<String> missing = messages(problems, RunProblem.Kind.CREDENTIALS);
        if (!missing.isEmpty()) {
            dialogs.showError("Missing credentials", String.join("\n", missing));
            return false;
        }
        List<String> servers = messages(problems, RunProblem.Kind.MCP_SERVER);
        if (!servers.isEmpty()) {
            dialogs.showError("MCP server cannot start", String.join("\n", servers));
            return false;
        }
        if (!serverTrust.approve(flow, options.flowFile())) {
            return false;
        }
        // only a hand-edited settings file gets here (the dialog refuses such a URL): run untraced, say why
        List<String> traceNotes = messages(problems, RunProblem.Kind.TRACE_TARGET).stream()
                .map(m -> redactor.redact("otlp: no spans sent: " + m + " (Run ▸ Trace to OTLP…)")).toList();
        if (!traceNotes.isEmpty()) {
            options = options.withOtlp(null, batonVersion);
        }
        Optional<String> input = input(flow, givenInput);
        if (input.isEmpty()) {
            return false;
        }
        RunController controller = RunController.on(flow, service, options, fxExecutor);
        traceNotes.forEach(controller.viewModel()::note);
        canvas.breakpoints().forEach(id -> setBreakpoint(controller, flow, id, true));
        syncBreakpoints(controller, flow);
        show(controller);
        // the audit database opens off the FX thread; the canvas and Run tab already show the run
        controller.startInBackground(input.get(), STARTER).whenCompleteAsync((handle, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                canvas.clearRun();
                panel.startFailed(cause instanceof dev.baton.run.LaunchRefused r
                        && r.problem().kind() == RunProblem.Kind.MCP_SERVER ? "an MCP server did not start"
                        : "the audit database could not be opened");
                dialogs.showError("Cannot start the run", cause.getMessage());
            }
        }, fxExecutor);
        return true;
    }

    /** The given input, or the one the person types (offered the last ones of this flow); empty when cancelled. */
    private Optional<String> input(Flow flow, String givenInput) {
        String key = flowKey();
        String input = givenInput;
        if (input == null) {
            Optional<String> asked = asker.ask(flow.name(), startPrompt(flow), inputs.recent(key));
            if (asked.isEmpty()) {
                return Optional.empty();
            }
            input = asked.get();
        }
        // the recent inputs are a file too: a key typed into the input is not kept there
        inputs.remember(key, redactor.redact(input));
        return Optional.of(input);
    }

    /** The canvas and the Run tab show {@code controller}'s run from now on. */
    private void show(RunController controller) {
        canvas.showRun(controller.viewModel(), controller.speedProperty());
        panel.attach(controller);
        showRunPanel.run();
    }

    /** Run ▸ Run on Temporal… (see {@link TemporalRunSession}); false when nothing started. */
    public boolean runOnTemporal(String givenInput) {
        if (panel.runningProperty().get()) {
            dialogs.showInfo("A run is under way", "Cancel it (Run ▸ Cancel) before starting another one.");
            return false;
        }
        Optional<dev.baton.run.TemporalTarget> target = temporal.ready(document.flow(),
                document.fileForRelativePaths());
        if (target.isEmpty()) {
            return false;
        }
        Flow flow = document.flow();
        Optional<String> input = input(flow, givenInput);
        if (input.isEmpty()) {
            return false;
        }
        RunController controller = RunController.onTemporal(flow, target.get(), redactor, fxExecutor);
        canvas.breakpoints().forEach(id -> setBreakpoint(controller, flow, id, true));
        syncBreakpoints(controller, flow);
        show(controller);
        temporal.start(controller, input.get(), STARTER);
        return true;
    }

    /** Run ▸ Temporal Target… and Run ▸ Run on Temporal…: where such runs go, and whether this jar can send them. */
    public TemporalRunSession temporal() {
        return temporal;
    }

    private static boolean has(List<RunProblem> problems, RunProblem.Kind kind) {
        return problems.stream().anyMatch(p -> p.kind() == kind);
    }

    private static List<String> messages(List<RunProblem> problems, RunProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).map(RunProblem::message).toList();
    }

    /** Starts runs (opens their audit database) off the FX thread; one daemon thread, idle ones end. */
    private static final ExecutorService STARTER = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), Daemons.named("baton-run-starter"));

    /** Breakpoints toggled during the run apply to it at once. */
    private void syncBreakpoints(RunController controller, Flow flow) {
        if (breakpointSync != null) {
            canvas.breakpoints().removeListener(breakpointSync);
        }
        breakpointSync = c -> {
            if (c.wasAdded()) {
                setBreakpoint(controller, flow, c.getElementAdded(), true);
                controller.breakpointsChanged();
            } else {
                setBreakpoint(controller, flow, c.getElementRemoved(), false);
                controller.breakpointsChanged();
            }
        };
        canvas.breakpoints().addListener(breakpointSync);
    }

    /** The canvas keeps node and handoff-edge ids in one set (ids are unique in a flow); the engine tells them apart. */
    private static void setBreakpoint(RunController controller, Flow flow, String id, boolean on) {
        boolean handoff = flow.edge(id).map(e -> e.kind() == EdgeKind.HANDOFF).orElse(false);
        if (handoff && on) {
            controller.breakpoints().onHandoff(id);
        } else if (handoff) {
            controller.breakpoints().removeHandoff(id);
        } else if (on) {
            controller.breakpoints().onNode(id);
        } else {
            controller.breakpoints().removeNode(id);
        }
    }

    /**
     * Toggles the breakpoint of the one selected element: a node (stop before it starts), a handoff edge (stop before
     * the handoff, with its context editable), or a NEXT or delegation edge (stop before the node it leads to, whose
     * input that edge brings). False when not exactly one such element is selected.
     */
    public boolean toggleBreakpointOnSelection() {
        List<String> ids = List.copyOf(document.selection());
        Flow flow = document.flow();
        Optional<Edge> edge = ids.size() == 1 ? flow.edge(ids.get(0)) : Optional.empty();
        if (ids.size() != 1 || (flow.node(ids.get(0)).isEmpty() && edge.isEmpty())) {
            dialogs.showInfo("Toggle breakpoint", "Select one node (the run stops before it starts) or one handoff "
                    + "edge (the run stops before the handoff, and you may edit the context passed).");
            return false;
        }
        if (edge.isPresent() && edge.get().kind() == EdgeKind.REVIEWS) {
            dialogs.showInfo("Toggle breakpoint", "A review edge carries no work to stop: put the breakpoint on the "
                    + "node it checks.");
            return false;
        }
        String id = edge.map(e -> e.kind() == EdgeKind.HANDOFF ? e.id() : e.to()).orElse(ids.get(0));
        canvas.toggleBreakpoint(id);
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

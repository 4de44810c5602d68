package dev.baton.ui.panels;

import dev.baton.flow.Flow;
import dev.baton.run.LaunchRefused;
import dev.baton.run.RemoteEngine;
import dev.baton.run.RunOptions;
import dev.baton.run.RunProblem;
import dev.baton.run.RunService;
import dev.baton.run.TemporalTarget;
import dev.baton.secret.SafeText;
import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.fx.DialogService;
import dev.baton.ui.run.RunController;
import dev.baton.ui.settings.DesignerSettings;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The designer's side of Run ▸ Run on Temporal…: whether this jar carries Temporal (the designer's jar does not, and
 * says which jar does), the target kept in the settings, the same preflight as a local run except keys (the workers
 * hold those, as {@code baton run --engine temporal} decides too), and a run that cannot start said in one line.
 */
public final class TemporalRunSession {

    /** The dialogs' title. */
    static final String TITLE = "Run on Temporal";

    private final Supplier<DesignerSettings> settings;
    private final Supplier<RunService> service;
    private final DialogService dialogs;
    private final Runnable showProblems;
    private final FlowCanvas canvas;
    private final RunPanel panel;
    private final Executor fxExecutor = Platform::runLater;
    private String probe = RemoteEngine.TEMPORAL_PROBE;

    TemporalRunSession(Supplier<DesignerSettings> settings, Supplier<RunService> service, DialogService dialogs,
                     Runnable showProblems, FlowCanvas canvas, RunPanel panel) {
        this.settings = settings;
        this.service = service;
        this.dialogs = dialogs;
        this.showProblems = showProblems;
        this.canvas = canvas;
        this.panel = panel;
    }

    /** Looks for {@code className} to tell whether Temporal is in this jar (tests name one that is absent). */
    public void setProbe(String className) {
        this.probe = className;
    }

    /** Null when runs can go to Temporal from this jar, else why not ({@link RemoteEngine#NEEDS_TEMPORAL_JAR}). */
    public String unavailable() {
        try {
            Class.forName(probe, false, TemporalRunSession.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return RemoteEngine.NEEDS_TEMPORAL_JAR;
        }
    }

    /** The target kept in the settings, if any and usable (a hand-edited file may hold anything). */
    public Optional<TemporalTarget> target() {
        DesignerSettings s = settings.get();
        try {
            return s.temporalTarget().map(t -> TemporalTarget.parse(t, s.temporalTaskQueue().orElse(null)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Run ▸ Temporal Target…, on the designer's settings. */
    public TemporalSettingDialog settingDialog(javafx.stage.Window owner) {
        return new TemporalSettingDialog(owner, new TemporalTargetModel(settings.get()));
    }

    /**
     * Where {@code flow} may go, or empty after saying why not: this jar has no Temporal, no target is set or the
     * one kept will not do, the flow is invalid (the problems panel shows it) or an MCP server cannot start. A model
     * without a key here is no obstacle: the workers run the models with their own keys.
     */
    Optional<TemporalTarget> ready(Flow flow, Path flowFile) {
        String missing = unavailable();
        if (missing != null) {
            dialogs.showInfo(TITLE, missing);
            return Optional.empty();
        }
        DesignerSettings s = settings.get();
        Optional<String> stored = s.temporalTarget();
        if (stored.isEmpty()) {
            dialogs.showInfo(TITLE, "No Temporal target yet: set it in Run ▸ Temporal Target…");
            return Optional.empty();
        }
        TemporalTarget target;
        try {
            target = TemporalTarget.parse(stored.get(), s.temporalTaskQueue().orElse(null));
        } catch (IllegalArgumentException e) {
            dialogs.showError(TITLE, "The Temporal target in " + s.file() + " will not do: " + e.getMessage()
                    + " (Run ▸ Temporal Target…)");
            return Optional.empty();
        }
        List<RunProblem> problems = service.get().preflight(flow, RunOptions.DEFAULT.withoutAudit()
                .withFlowFile(flowFile));
        if (problems.stream().anyMatch(p -> p.kind() == RunProblem.Kind.INVALID_FLOW
                || p.kind() == RunProblem.Kind.INVALID_OPTION)) {
            showProblems.run();
            return Optional.empty();
        }
        List<String> servers = problems.stream().filter(p -> p.kind() == RunProblem.Kind.MCP_SERVER)
                .map(RunProblem::message).toList();
        if (!servers.isEmpty()) {
            dialogs.showError("MCP server cannot start", String.join("\n", servers));
            return Optional.empty();
        }
        return Optional.of(target);
    }

    /**
     * Starts {@code controller}'s run (already shown) on {@code starter}; a run that could not start on Temporal
     * (unreachable, refused) clears the canvas and says why in the Run tab's status and a dialog, in one line.
     */
    void start(RunController controller, String input, Executor starter) {
        controller.startInBackground(input, starter).whenCompleteAsync((handle, failure) -> {
            if (failure != null) {
                notStarted(failure);
            }
        }, fxExecutor);
        controller.finished().whenCompleteAsync((result, failure) -> {
            if (failure != null) {
                notStarted(failure);
            }
        }, fxExecutor);
    }

    private void notStarted(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String line = SafeText.escapeControls(String.valueOf(cause instanceof LaunchRefused r
                ? r.problem().message() : cause.getMessage()).lines().findFirst().orElse(""));
        canvas.clearRun();
        panel.startFailed(line);
        dialogs.showError("Cannot run on Temporal", line);
    }
}

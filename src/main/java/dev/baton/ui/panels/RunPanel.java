package dev.baton.ui.panels;

import dev.baton.ui.timeline.TimelineView;
import dev.baton.ui.run.BreakpointHit;
import dev.baton.ui.run.HumanPrompt;
import dev.baton.ui.run.PlaybackControls;
import dev.baton.ui.run.ReplayController;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunError;
import dev.baton.ui.run.RunPhase;
import dev.baton.ui.run.RunViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The Run tab: playback controls, a speed slider and the token and cost meter on top; a red banner when the run
 * failed; the swimlane timeline beside the console (one line per console entry of the run's view-model, the active
 * node's streamed text growing in place); the context held at a breakpoint in an editable area with Continue, and a
 * person's question with an answer field. Shows one {@link RunController} or replay at a time.
 */
public final class RunPanel extends BorderPane {

    private final ObjectProperty<RunController> controller = new SimpleObjectProperty<>(this, "controller");
    // what pause, step and speed act on: the live run's controller or a replay
    private PlaybackControls playback;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ListView<String> console = new ListView<>();
    private final Label status = new Label("No run yet: Run ▸ Run (F5) starts one.");
    private final javafx.beans.property.ReadOnlyStringWrapper place = new javafx.beans.property.ReadOnlyStringWrapper(
            this, "place", "");
    private final ToggleButton pause = new ToggleButton("Pause");
    private final Button step = new Button("Step");
    private final Button cancel = new Button("Cancel");
    private final Slider speed = new Slider(0.25, 4, 1);
    private final BreakpointBox breakpoint = new BreakpointBox(this::continueRun);
    private final HumanQuestionBox human = new HumanQuestionBox(this::answerHuman);
    private final ApprovalPane approvalBox = new ApprovalPane();
    private final ListChangeListener<String> follow = c -> scrollToEnd();
    private final TimelineView timeline = new TimelineView();
    private final TokenMeter meter = new TokenMeter();
    private final RunErrorBanner errorBanner = new RunErrorBanner();
    private Consumer<String> onNodeClicked = id -> { };
    private final RunViews views;

    public RunPanel() {
        getStyleClass().add("run-panel");
        setId("run-panel");
        console.setId("run-console");
        console.getStyleClass().add("run-console");
        console.setPlaceholder(new Label("The run's progress and the active agent's text appear here."));
        pause.setId("run-pause");
        step.setId("run-step");
        cancel.setId("run-cancel");
        speed.setId("run-speed");
        status.setId("run-status");
        speed.setPrefWidth(120);
        dev.baton.ui.fx.LazyTooltip.install(speed, "Animation speed (the engine itself is never slowed)");
        pause.setOnAction(e -> {
            if (pause.isSelected()) {
                pause();
            } else {
                resume();
            }
        });
        step.setOnAction(e -> step());
        cancel.setOnAction(e -> cancel());
        step.disableProperty().bind(pause.selectedProperty().not().or(running.not()));
        cancel.disableProperty().bind(running.not());
        pause.disableProperty().bind(running.not());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        status.setMinWidth(0);
        // a crowded row shrinks the status text, never the buttons (a shrinking row moved them under the pointer)
        for (Region r : java.util.List.of(pause, step, cancel, speed)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox controls = new HBox(8, pause, step, cancel, new Label("Speed"), speed, spacer, meter, status);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("run-controls");

        setTop(new VBox(controls, errorBanner.node()));

        VBox breakpointBox = breakpoint.node();
        VBox humanBox = human.node();
        VBox side = new VBox(8, approvalBox, breakpointBox, humanBox);
        side.setPrefWidth(420);
        VBox.setVgrow(breakpointBox, Priority.ALWAYS);
        VBox.setVgrow(approvalBox, Priority.ALWAYS);
        side.managedProperty().bind(side.visibleProperty());
        side.visibleProperty().bind(breakpointBox.visibleProperty().or(humanBox.visibleProperty())
                .or(approvalBox.visibleProperty()));
        // timeline and console side by side: the tab is wide and short, and both are what one watches during a run
        SplitPane watch = new SplitPane(timeline, console);
        watch.setId("run-watch");
        watch.setDividerPositions(0.6);
        SplitPane.setResizableWithParent(console, false);
        // the answer and one node's whole record beside the progress: a run's point is its answer
        views = new RunViews(watch);
        controls.getChildren().add(controls.getChildren().indexOf(spacer), views.switcher());
        setCenter(views.stack());
        setRight(side);
        BorderPane.setMargin(side, new Insets(0, 0, 0, 6));
    }

    /**
     * Shows {@code nodeId} of the run on display in the Node view; it comes to the front when the node has finished
     * or failed (a node still working keeps the progress in front). False when no run is shown.
     */
    public boolean inspect(String nodeId) {
        return views.inspect(nodeId);
    }

    /** Called when the Result or Node view comes to the front by itself (the window may give the panel more room). */
    public void setOnNeedsRoom(Runnable r) {
        views.setOnNeedsRoom(r);
        needsRoom = r == null ? () -> { } : r;
    }

    // an approval's arguments and buttons must be seen: the panel asks for room when one shows
    private Runnable needsRoom = () -> { };

    public dev.baton.ui.result.ResultView resultView() {
        return views.resultView();
    }

    public dev.baton.ui.result.NodeInspectorView nodeInspector() {
        return views.inspector();
    }

    /** The inner view in front: "progress", "result" or "node". */
    public String frontView() {
        return views.front();
    }

    /** Shows {@code c} from now on: its console, breakpoints, questions; its speed follows the slider. */
    public void attach(RunController c) {
        show(c, c.viewModel(), c);
    }

    /**
     * The attached run never started ({@code why}: e.g. its audit database could not be opened): the panel stops
     * counting it as running, so another run can start.
     */
    public void startFailed(String why) {
        if (replayStopped != null) {
            replayStopped.set(true);
        }
        status.textProperty().unbind();
        status.setText("not started · " + why);
        place.set(""); // it did not run there
    }

    /** Shows a replay of a recorded run from now on; Cancel stops it. */
    public void attachReplay(ReplayController r) {
        show(null, r.viewModel(), r);
    }

    private void show(RunController c, RunViewModel vm, PlaybackControls p) {
        if (playback != null) {
            console.getItems().removeListener(follow);
            playback.speedProperty().unbind();
            if (playback instanceof ReplayController oldReplay) {
                oldReplay.close();
            }
        }
        controller.set(c);
        playback = p;
        views.show(vm, () -> playback == p);
        console.setItems(vm.console());
        vm.console().addListener(follow);
        p.speedProperty().bind(speed.valueProperty());
        pause.setSelected(false);
        javafx.beans.property.BooleanProperty stopped = new javafx.beans.property.SimpleBooleanProperty();
        replayStopped = stopped;
        running.bind(Bindings.createBooleanBinding(() -> !vm.phaseProperty().get().ended() && !stopped.get(),
                vm.phaseProperty(), stopped));
        boolean replaying = p instanceof ReplayController;
        place.set(c == null ? "" : c.where());
        String where = place.get().isEmpty() ? "" : " · on " + place.get();
        status.textProperty().bind(Bindings.createStringBinding(() -> describe(vm, p, replaying) + where,
                vm.phaseProperty(), vm.providersProperty(), vm.statusDetailProperty(), vm.breakpointProperty(),
                vm.pendingHumanProperty(), vm.pendingApprovalProperty(), p.pausedProperty()));
        timeline.show(vm);
        timeline.pausedProperty().bind(p.pausedProperty());
        meter.show(vm.meter());
        vm.errorProperty().addListener((o, was, error) -> {
            if (playback == p) {
                showError(error);
            }
        });
        showError(vm.errorProperty().get());
        // listeners stay on an old run's view-model, which changes no more once ended; the guard covers a cancel
        vm.breakpointProperty().addListener((o, was, hit) -> {
            if (playback == p) {
                showBreakpoint(hit);
            }
        });
        vm.pendingHumanProperty().addListener((o, was, q) -> {
            if (playback == p) {
                showQuestion(q);
            }
        });
        vm.pendingApprovalProperty().addListener((o, was, a) -> {
            if (playback == p) {
                approvalBox.show(a);
                if (a != null && c != null) {
                    needsRoom.run();
                }
            }
        });
        // a replay shows what was asked but answers nothing
        approvalBox.setSink(c == null ? null : vm::approveTool);
        showBreakpoint(vm.breakpointProperty().get());
        showQuestion(vm.pendingHumanProperty().get());
        approvalBox.show(vm.pendingApprovalProperty().get());
    }

    // set when a replay is cancelled: its recorded phase never ends then
    private javafx.beans.property.BooleanProperty replayStopped;

    /**
     * The run's state in a few words: a replay says so, and a run that is held (paused by the user, at a breakpoint,
     * or waiting for a person's answer) says that rather than "running".
     */
    static String describe(RunViewModel vm, PlaybackControls p, boolean replaying) {
        RunPhase phase = vm.phaseProperty().get();
        String what = switch (phase) {
            case NOT_STARTED -> "starting";
            case RUNNING -> "running";
            default -> phase.name().toLowerCase().replace('_', ' ');
        };
        if (!phase.ended()) {
            if (vm.pendingApprovalProperty().get() != null) {
                what = "waiting for your approval of " + vm.pendingApprovalProperty().get().tool();
            } else if (vm.breakpointProperty().get() != null) {
                what = "paused at a breakpoint on " + vm.breakpointProperty().get().nodeId();
            } else if (vm.pendingHumanProperty().get() != null) {
                what = "waiting for your answer";
            } else if (p.pausedProperty().get()) {
                what = "paused";
            }
        }
        // the tokens are on the meter beside it
        return (replaying ? "replay · " : "") + what
                + (vm.providersProperty().get().isBlank() ? "" : " · " + vm.providersProperty().get());
    }

    private void showError(RunError error) {
        errorBanner.show(error, id -> onNodeClicked.accept(id));
    }

    /** Called with a node id when the user picks a node in the timeline or the error banner. */
    public void setOnNodeClicked(Consumer<String> handler) {
        onNodeClicked = handler == null ? id -> { } : handler;
        timeline.setOnNodeClicked(onNodeClicked);
    }

    public TimelineView timeline() {
        return timeline;
    }

    public TokenMeter meter() {
        return meter;
    }

    /** The failure banner's text, "" when none is shown. */
    public String errorBannerText() {
        return errorBanner.text();
    }

    private void showBreakpoint(BreakpointHit hit) {
        breakpoint.show(hit);
    }

    private void showQuestion(HumanPrompt p) {
        human.show(p);
    }

    private void scrollToEnd() {
        int n = console.getItems().size();
        if (n > 0) {
            console.scrollTo(n - 1);
        }
    }

    // ---- actions (menus and buttons) ----------------------------------------------------------------------

    public void pause() {
        PlaybackControls c = playback;
        if (c != null && running.get()) {
            c.pause();
            pause.setSelected(true);
        }
    }

    public void resume() {
        PlaybackControls c = playback;
        if (c != null) {
            c.resume();
            pause.setSelected(false);
        }
    }

    /** Applies one more event while paused. */
    public boolean step() {
        PlaybackControls c = playback;
        return c != null && c.step();
    }

    public void cancel() {
        if (playback instanceof ReplayController replay) {
            replay.close();
            replayStopped.set(true);
            return;
        }
        RunController c = controller.get();
        if (c != null) {
            c.cancel();
            // a paused bridge would hold back the cancellation's events: show them
            resume();
        }
    }

    /** Lets a run held at a breakpoint go on with the (possibly edited) text. */
    public boolean continueRun() {
        RunController c = controller.get();
        if (c == null || c.heldAt() == null) {
            return false;
        }
        boolean went = c.continueRun(breakpoint.text());
        if (went) {
            breakpoint.hide();
        }
        return went;
    }

    /** Sends the answer field's text to the person-in-the-loop node waiting for it. */
    public boolean answerHuman() {
        RunController c = controller.get();
        if (c == null || human.answer().isBlank()) {
            return false;
        }
        boolean taken = c.viewModel().answerHuman(human.answer());
        if (taken) {
            human.clearAnswer();
        }
        return taken;
    }

    /** Approves the tool call shown with the arguments as they stand in the box (edited or not). */
    public boolean approveTool(boolean forRun) {
        return approvalBox.approve(forRun);
    }

    /** Denies the tool call shown, with the reason typed in the box. */
    public boolean denyTool() {
        return approvalBox.deny();
    }

    /** The run shown, or null. */
    public RunController controller() {
        return controller.get();
    }

    /** Where the shown run happens when not on this machine ("Temporal at HOST:PORT (task queue Q)"), else "". */
    public javafx.beans.property.ReadOnlyStringProperty placeProperty() {
        return place.getReadOnlyProperty();
    }

    /** True while the shown run has not ended. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ListView<String> console() {
        return console;
    }

    public Slider speedSlider() {
        return speed;
    }
}

package dev.baton.ui.panels;

import dev.baton.ui.result.NodeInspectorView;
import dev.baton.ui.result.ResultView;
import dev.baton.ui.run.NodeRunState;
import dev.baton.ui.run.RunPhase;
import dev.baton.ui.run.RunViewModel;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The Run tab's three views of one run sharing its centre: the progress (timeline and console), the Result (the
 * answer rendered, brought to the front when the run succeeds) and the Node view (one node's whole record). A
 * segmented toggle in the control row switches them: tab headers would cost a row of a short panel.
 */
final class RunViews {

    private final StackPane stack = new StackPane();
    private final ToggleGroup toggle = new ToggleGroup();
    private final ToggleButton progress = button("Progress", "run-view-progress", "left-pill");
    private final ToggleButton result = button("Result", "run-view-result", "center-pill");
    private final ToggleButton node = button("Node", "run-view-node", "right-pill");
    private final HBox switcher = new HBox(progress, result, node);
    private final ResultView resultView = new ResultView();
    private final NodeInspectorView inspector = new NodeInspectorView();
    private RunViewModel shown;
    private Runnable onNeedsRoom = () -> { };

    RunViews(Node progressView) {
        stack.getChildren().addAll(progressView, resultView, inspector);
        stack.setId("run-views");
        progress.setUserData(progressView);
        result.setUserData(resultView);
        node.setUserData(inspector);
        for (ToggleButton b : List.of(progress, result, node)) {
            b.setToggleGroup(toggle);
        }
        toggle.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                // one view is always in front: clicking the selected button again keeps it
                was.setSelected(true);
                return;
            }
            stack.getChildren().forEach(n -> n.setVisible(n == now.getUserData()));
        });
        progress.setSelected(true);
        switcher.setMinWidth(Region.USE_PREF_SIZE);
    }

    private static ToggleButton button(String text, String id, String pill) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        // AtlantaFX's pill classes draw the three as one segmented control
        b.getStyleClass().add(pill);
        b.setFocusTraversable(false);
        return b;
    }

    /** Called when the Result or Node view comes forward by itself: a rendered answer needs more than 3 lines. */
    void setOnNeedsRoom(Runnable r) {
        onNeedsRoom = r == null ? () -> { } : r;
    }

    StackPane stack() {
        return stack;
    }

    HBox switcher() {
        return switcher;
    }

    ResultView resultView() {
        return resultView;
    }

    NodeInspectorView inspector() {
        return inspector;
    }

    /** Starts showing {@code vm}: progress in front, no answer yet; the answer comes forward once it succeeds. */
    void show(RunViewModel vm, BooleanSupplier stillShown) {
        shown = vm;
        resultView.show("", false);
        inspector.show(vm, "");
        progress.setSelected(true);
        vm.phaseProperty().addListener((o, was, now) -> {
            if (stillShown.getAsBoolean() && now == RunPhase.SUCCEEDED) {
                showResult(vm);
            }
        });
        if (vm.phaseProperty().get() == RunPhase.SUCCEEDED) {
            showResult(vm);
        }
    }

    private void showResult(RunViewModel vm) {
        var records = vm.records();
        resultView.show(vm.finalOutputProperty().get(), !records.simulatedNodes().isEmpty());
        resultView.setSimulatedDetail(records.realNodes().isEmpty() ? ""
                : "simulated: " + String.join(", ", records.simulatedNodes()));
        result.setSelected(true);
        onNeedsRoom.run();
    }

    /** See {@link RunPanel#inspect(String)}. */
    boolean inspect(String nodeId) {
        if (shown == null) {
            return false;
        }
        inspector.show(shown, nodeId);
        NodeRunState state = shown.nodes().containsKey(nodeId) ? shown.node(nodeId).state() : null;
        boolean finished = shown.records().of(nodeId).map(r -> !r.output().isEmpty() || !r.error().isEmpty())
                .orElse(false);
        if (finished && state != NodeRunState.RUNNING) {
            node.setSelected(true);
            onNeedsRoom.run();
        }
        return true;
    }

    String front() {
        return ((ToggleButton) toggle.getSelectedToggle()).getText().toLowerCase(Locale.ROOT);
    }
}

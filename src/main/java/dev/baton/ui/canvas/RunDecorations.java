package dev.baton.ui.canvas;

import dev.baton.flow.Flow;
import dev.baton.ui.canvas.skins.EdgeView;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.run.EdgeSignal;
import dev.baton.ui.run.NodeRunState;
import dev.baton.ui.run.NodeView;
import dev.baton.ui.run.RunViewModel;
import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run adds to the canvas: node states and badges from a {@link RunViewModel}, edges lit while something
 * travels, and breakpoint marks. Skins come and go with culling, so the state lives here and every skin the canvas
 * draws is decorated from it; live changes reach the skins that exist.
 */
final class RunDecorations {

    /** How long an edge stays lit at speed 1. */
    static final Duration FLASH = Duration.millis(900);

    private final SkinLayers skins;
    private final ObservableSet<String> breakpoints = FXCollections.observableSet();
    private final List<Runnable> unhooks = new ArrayList<>();
    private RunViewModel run;
    private DoubleProperty speed;

    RunDecorations(SkinLayers skins) {
        this.skins = skins;
        skins.decorateNodesWith(this::decorate);
        breakpoints.addListener((SetChangeListener<String>) c ->
                skins.node(c.wasAdded() ? c.getElementAdded() : c.getElementRemoved()).ifPresent(this::decorate));
    }

    ObservableSet<String> breakpoints() {
        return breakpoints;
    }

    RunViewModel run() {
        return run;
    }

    /** Shows {@code vm} on the canvas from now on (replacing any run shown); {@code speed} scales the flashes. */
    void show(RunViewModel vm, DoubleProperty animationSpeed, Flow flow) {
        clear();
        run = vm;
        speed = animationSpeed;
        for (NodeView n : vm.nodes().values()) {
            InvalidationListener l = o -> skins.node(n.nodeId()).ifPresent(this::decorate);
            hook(n.stateProperty(), l);
            hook(n.badgeProperty(), l);
        }
        flow.edges().stream().map(edge -> vm.edge(edge.id())).forEach(e -> {
            InvalidationListener l = o -> {
                EdgeSignal s = e.lastSignalProperty().get();
                if (s != null) {
                    skins.edge(e.edgeId()).ifPresent(v -> flash(v, s));
                }
            };
            hook(e.traversalsProperty(), l);
        });
        skins.nodes().forEach(this::decorate);
    }

    /** Takes the run off the canvas: nodes back to their design look. */
    void clear() {
        unhooks.forEach(Runnable::run);
        unhooks.clear();
        run = null;
        skins.nodes().forEach(this::decorate);
    }

    private void hook(ObservableValue<?> value, InvalidationListener l) {
        value.addListener(l);
        unhooks.add(() -> value.removeListener(l));
    }

    private void decorate(NodeSkin skin) {
        skin.setBreakpoint(breakpoints.contains(skin.nodeId()));
        NodeView n = run == null ? null : run.nodes().get(skin.nodeId());
        if (n == null) {
            skin.showRun("", "");
            return;
        }
        NodeRunState s = n.state();
        skin.showRun(s == NodeRunState.IDLE ? "" : s.name().toLowerCase(Locale.ROOT), n.badgeProperty().get());
    }

    private void flash(EdgeView v, EdgeSignal s) {
        double rate = speed == null ? 1 : speed.get();
        // speed 0 means "as fast as possible": a short blink still shows that something went along
        Duration d = rate <= 0 ? Duration.millis(200) : FLASH.divide(Math.max(0.25, rate));
        boolean reverse = s.kind() == EdgeSignal.Kind.RETURN;
        v.flash(s.kind() == EdgeSignal.Kind.REJECTION, reverse, d);
    }
}

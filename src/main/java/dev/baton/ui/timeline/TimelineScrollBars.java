package dev.baton.ui.timeline;

import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;

import java.util.function.Consumer;

/**
 * The timeline's two scroll bars, kept in step with its {@link TimelineScale}: the user's scrolling moves the scale,
 * a paint moves the bars (without that counting as the user's scrolling).
 */
final class TimelineScrollBars {

    private final TimelineScale scale;
    private final ScrollBar hbar = new ScrollBar();
    private final ScrollBar vbar = new ScrollBar();
    private final Runnable relayout;
    private boolean syncingBars;

    /**
     * @param onHorizontal told, after the user scrolled across, whether the view now shows the right end
     * @param onVertical   told after the user scrolled the lanes
     * @param relayout     asked for a layout when the vertical bar appears or goes
     */
    TimelineScrollBars(TimelineScale scale, Consumer<Boolean> onHorizontal, Runnable onVertical, Runnable relayout) {
        this.scale = scale;
        this.relayout = relayout;
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setOrientation(Orientation.VERTICAL);
        vbar.setVisible(false);
        hbar.valueProperty().addListener((o, a, b) -> {
            if (!syncingBars) {
                scale.scrollMs = b.doubleValue();
                onHorizontal.accept(b.doubleValue() >= hbar.getMax() - 1);
            }
        });
        vbar.valueProperty().addListener((o, a, b) -> {
            if (!syncingBars) {
                scale.scrollYTo(b.doubleValue());
                onVertical.run();
            }
        });
    }

    ScrollBar horizontal() {
        return hbar;
    }

    ScrollBar vertical() {
        return vbar;
    }

    /** Sets both bars to the scale as just laid out, for a run that reaches {@code end} ms. */
    void sync(double end) {
        syncingBars = true;
        try {
            double visible = scale.visibleMs();
            double max = Math.max(0, end * 1.03 - visible);
            hbar.setMin(0);
            hbar.setMax(Math.max(max, scale.scrollMs));
            hbar.setVisibleAmount(Math.max(1, visible));
            hbar.setUnitIncrement(visible / 10);
            hbar.setBlockIncrement(visible * 0.8);
            hbar.setValue(scale.scrollMs);
            hbar.setDisable(max <= 0 && scale.scrollMs <= 0);
            double overflow = scale.overflowY();
            if (vbar.isVisible() != overflow > 0) {
                vbar.setVisible(overflow > 0);
                relayout.run();
            }
            vbar.setMax(overflow);
            vbar.setVisibleAmount(Math.max(1, scale.height - TimelineScale.AXIS_HEIGHT));
            vbar.setValue(scale.scrollY);
        } finally {
            syncingBars = false;
        }
    }
}

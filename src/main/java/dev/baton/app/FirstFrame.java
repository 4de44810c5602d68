package dev.baton.app;

import com.sun.javafx.perf.PerformanceTracker;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Calls back (on the FX thread) once a scene's next frame has been rendered, as the render thread reports it through
 * JavaFX's performance tracker: an internal API, reachable because Baton runs JavaFX from the class path. The tracker
 * holds one task per scene, so the callbacks of a scene are kept here and run together. Should the API be missing, a
 * fixed wait of {@link #FALLBACK} stands in for it.
 */
public final class FirstFrame {

    static final Duration FALLBACK = Duration.millis(250);

    private static final Map<Scene, List<Runnable>> WAITING = new WeakHashMap<>();

    private FirstFrame() {
    }

    /** Runs {@code then} on the FX thread after {@code scene}'s next rendered frame. Call on the FX thread. */
    public static void afterRendered(Scene scene, Runnable then) {
        List<Runnable> queued = WAITING.get(scene);
        if (queued != null) {
            queued.add(then);
            return;
        }
        List<Runnable> tasks = new ArrayList<>(List.of(then));
        WAITING.put(scene, tasks);
        Runnable runAll = () -> {
            WAITING.remove(scene);
            tasks.forEach(Runnable::run);
        };
        try {
            PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
            tracker.setOnRenderedFrameTask(() -> {
                tracker.setOnRenderedFrameTask(null);
                Platform.runLater(runAll);
            });
        } catch (RuntimeException | LinkageError e) {
            PauseTransition wait = new PauseTransition(FALLBACK);
            wait.setOnFinished(ev -> runAll.run());
            wait.play();
        }
    }
}

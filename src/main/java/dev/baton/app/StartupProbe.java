package dev.baton.app;

import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;

/**
 * For the start-up benchmark ({@code StartupBenchmark} in the tests): with {@code -Dbaton.startupProbe=…} Baton
 * reports on stderr, in milliseconds since its JVM started, when its window's first frame was drawn
 * ({@code window}) and when the designer's first frame was ({@code ready}). {@code =window} or {@code =ready} also
 * exits at that moment, so a whole-process timer measures "from {@code java -jar} to the window on screen" or "to the
 * designer ready"; any other value only reports. Off (nothing watched) without the property.
 */
public final class StartupProbe {

    private static final String MODE = System.getProperty("baton.startupProbe");

    private StartupProbe() {
    }

    /** Reports the first frame of {@code stage}'s scene after it shows (the window on screen). */
    public static void watch(Stage stage) {
        if (MODE == null) {
            return;
        }
        stage.showingProperty().addListener((o, was, showing) -> {
            if (showing) {
                atNextFrame(stage.getScene(), "window");
            }
        });
    }

    /** Reports the next frame of the designer's scene on {@code stage} (the designer ready to use). */
    public static void designerReady(Stage stage) {
        if (MODE != null) {
            atNextFrame(stage.getScene(), "ready");
        }
    }

    private static void atNextFrame(Scene scene, String what) {
        if (scene == null) {
            return;
        }
        // when the frame has been drawn, not merely laid out: what a person sees
        FirstFrame.afterRendered(scene, () -> {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("startup-probe: " + what + " after " + ms + " ms");
            if (what.equals(MODE)) {
                Runtime.getRuntime().halt(0);
            }
        });
    }
}

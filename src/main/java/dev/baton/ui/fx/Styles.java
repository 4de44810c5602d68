package dev.baton.ui.fx;

import javafx.application.Application;
import javafx.scene.Scene;

import java.net.URL;
import java.util.Objects;

/**
 * The look: AtlantaFX Primer light or dark as the user-agent stylesheet, plus Baton's own app.css. The theme is taken
 * from AtlantaFX's stylesheet resources by name: AtlantaFX 2.1.0's classes are Java 21 bytecode and cannot load on the
 * Java 17 runtime Baton targets, but its CSS can.
 */
public final class Styles {

    public static final String APP_CSS = resource("/dev/baton/ui/app.css");
    static final String LIGHT = resource("/atlantafx/base/theme/primer-light.css");
    static final String DARK = resource("/atlantafx/base/theme/primer-dark.css");

    private Styles() {
    }

    private static String resource(String name) {
        URL url = Objects.requireNonNull(Styles.class.getResource(name), name);
        return url.toExternalForm();
    }

    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? DARK : LIGHT);
    }

    public static void install(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
    }
}

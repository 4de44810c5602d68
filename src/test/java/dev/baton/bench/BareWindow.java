package dev.baton.bench;

import dev.baton.app.StartupProbe;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The start-up benchmark's baseline: a bare JavaFX window of the designer's size with one label, nothing else. */
public final class BareWindow extends Application {

    @Override
    public void start(Stage stage) {
        StartupProbe.watch(stage);
        stage.setScene(new Scene(new StackPane(new Label("bare JavaFX window")), 1280, 800));
        stage.setTitle("Bare window");
        stage.show();
    }

    /** Started from a plain class (a class extending Application on the class path cannot be the main class). */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(BareWindow.class, args);
        }
    }
}

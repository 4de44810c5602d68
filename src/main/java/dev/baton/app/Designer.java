package dev.baton.app;

import javafx.application.Application;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the JavaFX designer, turning a toolkit that cannot start into a one-line message. */
final class Designer {

    private Designer() {
    }

    static int launch(String[] args, PrintWriter err) {
        // JavaFX on the class path warns "Unsupported JavaFX configuration" on every start; it is harmless here.
        Logger.getLogger("javafx").setLevel(Level.SEVERE);
        try {
            Application.launch(BatonApp.class, args);
            return 0;
        } catch (RuntimeException | LinkageError e) {
            err.println("baton: the designer could not start: " + e.getMessage()
                    + " (on Linux it needs libgtk-3-0 and a display)");
            return 2;
        }
    }
}

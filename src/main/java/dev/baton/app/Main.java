package dev.baton.app;

import dev.baton.cli.BatonCommand;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Baton's entry point. Deliberately not a JavaFX {@code Application}: the command line must run on machines without
 * a display (and a class extending Application started from a plain class path fails with "JavaFX runtime
 * components are missing").
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Decides between the designer and the command line; returns the exit code. */
    static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        if (args.length == 0 || opensFile(args)) {
            if (hasDisplay()) {
                return Designer.launch(args, err);
            }
            if (args.length == 0) {
                err.println("baton: no display found, so the designer cannot open; showing the command line instead.");
                return BatonCommand.execute(new String[] {"--help"}, out, err);
            }
            err.println("baton: no display found, so the designer cannot open " + args[0]
                    + "; use 'baton validate FILE' on the command line.");
            return BatonCommand.INVALID;
        }
        return BatonCommand.execute(args, out, err);
    }

    /** True when the first argument is an existing file rather than a command: {@code baton flow.json}. */
    private static boolean opensFile(String[] args) {
        String first = args[0];
        return !first.startsWith("-") && first.toLowerCase(Locale.ROOT).endsWith(".json")
                && Files.isRegularFile(Path.of(first));
    }

    /** True when a window can be opened: a desktop OS, or an X11/Wayland display on Linux and the BSDs. */
    static boolean hasDisplay() {
        if (Boolean.getBoolean("baton.headless")) {
            return false;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}

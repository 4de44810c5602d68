package dev.baton.app;

import dev.baton.cli.BatonCommand;

import java.io.IOException;
import java.io.InputStream;
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

    private static final String DEMO_SAMPLE = "chain-blog-article";
    private static final String DEMO_INPUT =
            "Heat pumps for homeowners in cold climates: how they work, what they cost, and when they pay off."
            + " Audience: homeowners; about 900 words.";

    private Main() {
    }

    public static void main(String[] args) {
        boolean debug = System.getenv("BATON_DEBUG") != null;
        if (!debug) {
            // libraries log through java.util.logging (SLF4J is bound to it); INFO chatter does not belong on a CLI
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
        ConsoleLog.install(debug);
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
                return runDemo(out, err);
            }
            LaunchArgs launch;
            try {
                launch = LaunchArgs.parse(java.util.List.of(args));
            } catch (IllegalArgumentException e) {
                err.println("baton: " + e.getMessage());
                return BatonCommand.INVALID;
            }
            if (launch.runInput() != null) {
                // no window to watch it in: the same run on the command line
                err.println("baton: no display found; running " + launch.file() + " on the command line instead.");
                return BatonCommand.execute(new String[] {"run", launch.file().toString(), "--input",
                        launch.runInput(), "--no-input"}, out, err);
            }
            err.println("baton: no display found, so the designer cannot open " + args[0]
                    + "; use 'baton validate FILE' on the command line.");
            return BatonCommand.INVALID;
        }
        return BatonCommand.execute(args, out, err);
    }

    /** With no display and no arguments: run a bundled sample on the simulated model, so that a first try shows something. */
    private static int runDemo(PrintWriter out, PrintWriter err) {
        err.println("baton: no display found, so the designer cannot open. Running the sample flow '" + DEMO_SAMPLE
                + "' on the offline simulated model instead ('baton --help' lists the commands).");
        Path flow;
        try {
            flow = Files.createTempFile("baton-demo-", ".json");
            try (InputStream in = Main.class.getResourceAsStream("/dev/baton/samples/" + DEMO_SAMPLE + ".json")) {
                if (in == null) {
                    err.println("baton: the bundled sample '" + DEMO_SAMPLE + "' is missing from this build");
                    return 2;
                }
                Files.write(flow, in.readAllBytes());
            }
        } catch (IOException e) {
            err.println("baton: cannot write the sample to a temporary file: " + e.getMessage());
            return 2;
        }
        try {
            return BatonCommand.execute(new String[] {"run", flow.toString(), "--input", DEMO_INPUT, "--no-input"},
                    out, err);
        } finally {
            try {
                Files.deleteIfExists(flow);
            } catch (IOException ignored) {
                // a leftover file in the temp directory is harmless
            }
        }
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

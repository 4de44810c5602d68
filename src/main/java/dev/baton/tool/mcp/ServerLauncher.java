package dev.baton.tool.mcp;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a stdio server is started so that it never outlives Baton. A server normally ends when its stdin closes, which
 * happens when Baton exits, even by {@code kill -9}; but a server may ignore that (a timer keeps node alive, a wrapper
 * such as {@code npx} keeps its child). So on POSIX systems the server is started through {@code /bin/sh}: the shell
 * starts a watcher in the background, changes to the server's folder and then {@code exec}s the server, which keeps
 * the shell's process id. The watcher checks every second that Baton's process is still there, and once it is gone
 * stops the server (SIGTERM, then SIGKILL two seconds later), with every process of its group when {@code setsid} gave
 * it a group of its own. A JVM shutdown hook is not enough: {@code kill -9} runs none.
 */
final class ServerLauncher {

    /**
     * $1 Baton's pid, $2 the folder ("" for none), then the command. The watcher's stdio goes to /dev/null so that it
     * never holds the server's pipes; it ignores SIGTERM so that it can follow the group's SIGTERM with SIGKILL.
     */
    static final String SCRIPT = String.join("\n",
            "p=$1; d=$2; shift 2",
            "if [ -n \"$d\" ]; then cd \"$d\" || exit 126; fi",
            "( trap '' TERM",
            "  while kill -0 \"$p\" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done",
            "  if kill -0 $$ 2>/dev/null; then",
            "    kill -TERM -$$ 2>/dev/null || kill -TERM $$",
            "    sleep 2",
            "    kill -KILL -$$ 2>/dev/null || kill -KILL $$",
            "  fi ) </dev/null >/dev/null 2>&1 &",
            "exec \"$@\"");

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");

    private ServerLauncher() {
    }

    /** The command line that starts {@code spec}'s server under the watcher (the server's own line on Windows). */
    static List<String> commandLine(McpServerSpec spec) {
        if (WINDOWS || !Files.isExecutable(Path.of("/bin/sh"))) {
            return spec.command();
        }
        List<String> line = new ArrayList<>();
        // setsid gives the server a process group of its own, so that the watcher can stop its children as well
        executable("setsid").ifPresent(p -> line.add(p.toString()));
        line.add("/bin/sh");
        line.add("-c");
        line.add(SCRIPT);
        line.add("baton-mcp-" + spec.name());
        line.add(Long.toString(ProcessHandle.current().pid()));
        line.add(spec.directory() == null ? "" : spec.directory().toAbsolutePath().toString());
        line.addAll(spec.command());
        return line;
    }

    /**
     * Why {@code spec}'s server cannot be started at all, before trying: a program that is not on the PATH (or not
     * executable), a folder that does not exist. Empty for an http server or when both are there.
     */
    static Optional<String> problem(McpServerSpec spec) {
        if (!spec.isStdio()) {
            return Optional.empty();
        }
        if (spec.directory() != null && !Files.isDirectory(spec.directory())) {
            return Optional.of("cannot start: its folder " + spec.directory() + " does not exist");
        }
        String program = spec.command().get(0);
        if (program.indexOf('/') >= 0 || program.indexOf('\\') >= 0) {
            Path p = Path.of(program);
            if (!p.isAbsolute() && spec.directory() != null) {
                p = spec.directory().resolve(p);
            }
            return Files.isExecutable(p) ? Optional.empty()
                    : Optional.of("cannot start: " + program + " is not an executable file");
        }
        return executable(program).isPresent() ? Optional.empty()
                : Optional.of("cannot start: '" + program + "' is not on the PATH"
                + (program.equals("npx") || program.equals("node") ? " (install Node.js 20 or later)" : ""));
    }

    /** A program found on the PATH (with the Windows extensions there). */
    static Optional<Path> executable(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        List<String> names = WINDOWS ? List.of(program, program + ".exe", program + ".cmd", program + ".bat")
                : List.of(program);
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}

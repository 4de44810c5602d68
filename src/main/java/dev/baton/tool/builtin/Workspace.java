package dev.baton.tool.builtin;

import dev.baton.tool.ToolException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The folder the file tools may touch, and nothing outside it. A path from a model is refused unless it is relative,
 * written with '/', free of '..' and of a drive or UNC prefix, and its real location (symlinks resolved) is inside the
 * workspace's real location: a link pointing out, at any depth, is refused like a '..' would be.
 */
public final class Workspace {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final Path root;

    /** The workspace at {@code folder}, which must exist and be a directory. */
    public Workspace(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("the workspace " + folder + " is not a folder");
        }
        this.root = folder.toRealPath();
    }

    /**
     * The workspace of a flow: {@code override} (the run's {@code --workspace}) when given, else the flow's
     * {@code tools.workspace} resolved against the folder of the flow file; null when neither is set.
     */
    public static Workspace forFlow(Path flowFile, String declared, Path override) throws IOException {
        if (override != null) {
            return new Workspace(override);
        }
        if (declared == null || declared.isBlank()) {
            return null;
        }
        Path base = flowFile.toAbsolutePath().getParent();
        return new Workspace(base.resolve(declared).normalize());
    }

    /** The workspace's real path. */
    public Path root() {
        return root;
    }

    /** The existing file or folder a relative path names, inside the workspace. */
    public Path existing(String relative) throws ToolException {
        Path candidate = lexical(relative);
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolException("'" + relative + "' does not exist in the workspace");
        }
        return inside(relative, candidate);
    }

    /**
     * Where a file may be written: an existing file inside the workspace, or a new one whose nearest existing parent
     * is inside it. A symlink named by the path is refused outright, even one pointing inside: writing through a link
     * is how a file outside gets changed.
     */
    public Path writable(String relative) throws ToolException {
        Path candidate = lexical(relative);
        if (candidate.equals(root)) {
            throw new ToolException("'" + relative + "' is the workspace folder itself, not a file");
        }
        if (Files.isSymbolicLink(candidate)) {
            throw new ToolException("'" + relative + "' is a symbolic link; the file tools do not write through links");
        }
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return inside(relative, candidate);
        }
        Path parent = candidate.getParent();
        while (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
            parent = parent.getParent();
        }
        if (parent == null) {
            throw new ToolException("'" + relative + "' is outside the workspace");
        }
        inside(relative, parent);
        return candidate;
    }

    /** The path relative to the workspace, with '/' separators, for messages and listings. */
    public String relative(Path p) {
        Path rel = root.relativize(p);
        return rel.toString().replace('\\', '/');
    }

    private Path lexical(String relative) throws ToolException {
        if (relative == null) {
            throw new ToolException("a path is required");
        }
        String r = relative.strip();
        if (r.isEmpty() || r.equals(".")) {
            return root;
        }
        if (r.indexOf('\0') >= 0) {
            throw new ToolException("the path holds a NUL character");
        }
        if (r.startsWith("/") || r.startsWith("~")) {
            throw new ToolException("'" + relative + "' is absolute; give a path relative to the workspace");
        }
        if (r.indexOf('\\') >= 0 || DRIVE.matcher(r).matches()) {
            throw new ToolException("'" + relative + "' is a Windows-style path; use '/' and a path relative to the "
                    + "workspace");
        }
        for (String part : r.split("/")) {
            if (part.equals("..")) {
                throw new ToolException("'" + relative + "' leaves the workspace ('..' is not allowed)");
            }
        }
        Path p;
        try {
            p = root.resolve(r).normalize();
        } catch (RuntimeException e) {
            throw new ToolException("'" + relative + "' is not a valid path");
        }
        if (!p.startsWith(root)) {
            throw new ToolException("'" + relative + "' is outside the workspace");
        }
        return p;
    }

    private Path inside(String relative, Path p) throws ToolException {
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            // a dangling link, or a link loop: its target cannot be checked, so it is not followed
            throw new ToolException("'" + relative + "' cannot be resolved (a broken or looping link?)");
        }
        if (!real.startsWith(root)) {
            throw new ToolException("'" + relative + "' leads outside the workspace (through a symbolic link)");
        }
        return real;
    }
}

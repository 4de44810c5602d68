package dev.baton.secret;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Makes user-controlled text safe to print inside a message line: control characters (line breaks, escape
 * sequences, NUL, Unicode line separators) are shown escaped, so that a flow id holding "\nother.json: valid" cannot
 * forge a line of output or move the terminal's cursor. Every message sink uses it.
 */
public final class SafeText {

    private SafeText() {
    }

    /** The text with every control character written as {@code \n}, {@code \t}, {@code \r} or {@code \}{@code uXXXX}. */
    public static String escapeControls(String text) {
        if (text == null) {
            return "";
        }
        int i = 0;
        int n = text.length();
        while (i < n && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /**
     * Why a file operation failed, for a message that names the file already. Java's file exceptions often carry
     * only the path as their message ("cannot read x.json: x.json"), naming the file twice and the reason never.
     */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null && !fs.getReason().isBlank()) {
            return escapeControls(fs.getReason());
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way (it exists and is not a directory)";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileSystemException) {
            return "file system error (" + e.getClass().getSimpleName() + ")";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName()
                : escapeControls(m.replaceAll("\\s*\\R\\s*", " ").strip());
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}

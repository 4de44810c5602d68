package dev.baton.engine.model.provider;

import dev.baton.secret.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sets one key in the credentials file: the other lines (comments, other keys) stay as they are, the file is written
 * to a temporary file of mode 600 beside it and moved into place atomically, so a crash leaves the old file or the
 * new one, and no other user can read the key at any moment.
 */
public final class CredentialsWriter {

    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private CredentialsWriter() {
    }

    /**
     * Writes {@code variable=key} into {@code file}, replacing an earlier line for the same variable.
     *
     * @throws IllegalArgumentException when the variable or the key cannot be written as one line
     */
    public static void set(Path file, String variable, String key) throws IOException {
        if (variable == null || !VARIABLE.matcher(variable).matches()) {
            throw new IllegalArgumentException("not a variable name: " + variable);
        }
        String value = key == null ? "" : key.strip();
        if (value.isEmpty() || value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("a key is one non-empty line");
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        boolean replaced = false;
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String bare = line.strip().startsWith("export ") ? line.strip().substring(7).strip() : line.strip();
                if (bare.startsWith(variable + "=") || bare.startsWith(variable + " =")) {
                    if (!replaced) {
                        lines.add(variable + "=" + value);
                        replaced = true;
                    }
                } else {
                    lines.add(line);
                }
            }
        }
        if (!replaced) {
            lines.add(variable + "=" + value);
        }
        StringBuilder content = new StringBuilder();
        lines.forEach(line -> content.append(line).append(System.lineSeparator()));
        PrivateFiles.replace(file, content.toString());
    }
}

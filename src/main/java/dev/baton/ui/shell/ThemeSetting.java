package dev.baton.ui.shell;

import dev.baton.ui.settings.BatonHome;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The theme the designer remembers between launches. A small properties file under Baton's home; a missing or
 * unreadable file means the defaults, and a failed save is not worth interrupting anyone for (the next launch just
 * uses the defaults).
 */
final class ThemeSetting {

    private final Path file;
    private boolean dark;

    ThemeSetting(Path file) {
        this.file = file;
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return; // no settings yet, or unreadable: the defaults
        }
        dark = "dark".equals(p.getProperty("theme"));
    }

    static ThemeSetting inHome() {
        return new ThemeSetting(BatonHome.dir().resolve("designer.properties"));
    }

    boolean dark() {
        return dark;
    }

    void setDark(boolean on) {
        dark = on;
        save();
    }

    /** Writes to a temporary file first, so a crash mid-write leaves the last good settings. */
    private void save() {
        Properties p = new Properties();
        p.setProperty("theme", dark ? "dark" : "light");
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, "Baton designer settings");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // the defaults next time; nothing the user has made is lost
        }
    }
}

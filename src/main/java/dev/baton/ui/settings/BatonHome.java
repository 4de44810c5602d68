package dev.baton.ui.settings;

import java.nio.file.Path;

/** Where Baton keeps per-user files: system property {@code baton.home}, else {@code ~/.baton}. */
public final class BatonHome {

    private BatonHome() {
    }

    public static Path dir() {
        String home = System.getProperty("baton.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".baton");
    }

    /** The saved agent templates. */
    public static Path agentsDir() {
        return dir().resolve("agents");
    }
}

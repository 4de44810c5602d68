package dev.baton.audit;

import java.nio.file.Path;

/** Where audit databases live: paths as in an H2 URL (H2 adds {@code .mv.db}). */
public final class AuditPaths {

    /** The suffix H2 appends to a database path. */
    public static final String H2_SUFFIX = ".mv.db";

    private AuditPaths() {
    }

    /** {@code <baton home>/audit}, where baton home is the system property {@code baton.home} or {@code ~/.baton}. */
    public static Path defaultDatabase() {
        String home = System.getProperty("baton.home");
        Path base = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".baton");
        return base.resolve("audit");
    }

    /** The database path without H2's suffix, absolute (H2 refuses relative file paths without "./"). */
    public static Path normalize(Path database) {
        String s = database.toString();
        if (s.endsWith(H2_SUFFIX)) {
            s = s.substring(0, s.length() - H2_SUFFIX.length());
        }
        return Path.of(s).toAbsolutePath().normalize();
    }

    /** The file H2 stores the database in. */
    public static Path dataFile(Path database) {
        Path db = normalize(database);
        return db.resolveSibling(db.getFileName() + H2_SUFFIX);
    }
}

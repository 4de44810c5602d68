package dev.baton.audit;

import dev.baton.secret.PrivateFiles;
import dev.baton.secret.SafeText;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;


import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens audit databases safely: never creates a database for a read, never migrates or overwrites a file that is not
 * Baton's, and turns H2's failures (locked, corrupt, foreign, missing) into one-sentence {@link AuditException}s.
 */
public final class AuditDatabase {

    /** Flyway's history table; its presence is what marks a database as Baton's. */
    static final String HISTORY_TABLE = "baton_schema_history";
    /** The newest schema version this build knows (the highest V*__ migration). */
    static final int LATEST_SCHEMA = 6;

    /**
     * H2's page cache for the writing connection, in KB (H2's default is 16 MB). The writer appends: it touches the
     * right-hand edges of its trees and little else, so a small cache costs it nothing, while every page kept in a
     * large one is live memory that each young garbage collection copies again — collections that pause the engine's
     * threads too (measured with four runs in flight: GC time while auditing 5 ms instead of 16 ms per 80 runs).
     */
    static final int WRITER_CACHE_KB = 2048;

    /** Every MVStore file starts with its text header "H:2,…"; anything else is not an H2 2.x database. */
    private static final byte[] H2_HEADER = "H:2".getBytes(StandardCharsets.US_ASCII);

    // H2 error codes (org.h2.api.ErrorCode), copied as numbers so that only JDBC types cross this boundary
    private static final int DATABASE_ALREADY_OPEN = 90020;
    private static final int FILE_CORRUPTED = 90030;
    private static final int FILE_VERSION_ERROR = 90048;
    private static final int DATABASE_NOT_FOUND_IF_EXISTS = 90146;
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    /** Held strongly: java.util.logging forgets a configured logger that nobody references. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        // Flyway reports each migration at INFO through SLF4J → JUL; the CLI's stderr is not the place for it
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private AuditDatabase() {
    }

    /**
     * Opens (creating if needed, owner-only) and migrates the database for writing. Refuses a file that is not H2,
     * an H2 database with tables but without Baton's schema history, and a database another process holds.
     */
    public static Connection openForWriting(Path database) throws AuditException {
        return openForWriting(database, notice -> { });
    }

    /**
     * As {@link #openForWriting(Path)}; {@code notices} hears, before it starts, that an older database is being
     * upgraded (rebuilding a large table can take a while: about 5 s for 230,000 events).
     */
    public static Connection openForWriting(Path database, Consumer<String> notices)
            throws AuditException {
        Path db = AuditPaths.normalize(database);
        Path file = AuditPaths.dataFile(db);
        boolean created = prepareFile(db, file);
        if (!created) {
            // look before writing: even opening read-write makes H2 rewrite its header, and a file that is not ours
            // must stay byte for byte as it was
            try (Connection probe = connect(url(db, true), file)) {
                if (!hasHistory(probe) && hasUserTables(probe)) {
                    throw new AuditException(file + " is an H2 database that Baton did not create (no "
                            + HISTORY_TABLE + " table): refusing to change it; choose another --db/--audit path");
                }
                int version = checkNotNewer(probe, file);
                if (version > 0 && version < LATEST_SCHEMA) {
                    notices.accept("upgrading the audit database " + file + " from schema version " + version
                            + " to " + LATEST_SCHEMA + " (once)");
                }
            } catch (SQLException e) {
                throw translate(e, file);
            }
        }
        String url = url(db, false) + ";CACHE_SIZE=" + WRITER_CACHE_KB;
        Connection c;
        try {
            c = connect(url, file);
        } catch (AuditException | RuntimeException e) {
            if (created) {
                deleteIfEmpty(file); // the empty file made above must not be refused as "empty" next time
            }
            throw e;
        }
        try {
            migrate(url);
            return c;
        } catch (AuditException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Opens an existing Baton audit database read-only; never creates, migrates or changes anything. */
    public static Connection openForReading(Path database) throws AuditException {
        Path db = AuditPaths.normalize(database);
        Path file = AuditPaths.dataFile(db);
        if (!Files.exists(file)) {
            throw new AuditException("no audit database at " + db + " (expected the file " + file + ")");
        }
        checkHeader(file);
        Connection c = connect(url(db, true), file);
        try {
            if (!hasHistory(c)) {
                throw new AuditException(file + " is an H2 database but not a Baton audit database (no "
                        + HISTORY_TABLE + " table)");
            }
            checkNotNewer(c, file);
            return c;
        } catch (AuditException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** The JDBC URL: WRITE_DELAY=0 so that every commit is on disk (the default loses recent commits on kill -9). */
    static String url(Path db, boolean readOnly) {
        // TRACE_LEVEL_FILE=0: no .trace.db beside the database (it could hold statement text)
        String url = "jdbc:h2:file:" + db + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
        return readOnly ? url + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r" : url;
    }

    private static boolean prepareFile(Path db, Path file) throws AuditException {
        try {
            Path dir = db.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                // every folder created for a/b/c/db is 700, not only the last
                PrivateFiles.createDirectories(dir);
            }
            if (Files.exists(file)) {
                checkHeader(file);
                return false;
            }
            // created owner-only before H2 writes a byte (H2 would create it 644 and a chmod comes too late);
            // H2 takes an empty file for a new database
            PrivateFiles.createFile(file);
            return true;
        } catch (IOException e) {
            throw new AuditException("cannot create the audit database directory for " + db + ": " + SafeText.reason(e),
                    e);
        }
    }

    private static void checkHeader(Path file) throws AuditException {
        if (!Files.isRegularFile(file)) {
            throw new AuditException(file + " is not a file");
        }
        byte[] head = new byte[H2_HEADER.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new AuditException("cannot read " + file + ": " + SafeText.reason(e), e);
        }
        if (n == 0) {
            throw new AuditException(file + " is empty: not an H2 database (refusing to overwrite it)");
        }
        for (int i = 0; i < head.length; i++) {
            if (i >= n || head[i] != H2_HEADER[i]) {
                throw new AuditException(file + " is not an H2 database (refusing to touch it)");
            }
        }
    }

    private static Connection connect(String url, Path file) throws AuditException {
        try {
            Connection c = DriverManager.getConnection(url, "sa", "");
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw translate(e, file);
        }
    }

    /** One sentence for each way H2 can refuse a file. */
    static AuditException translate(SQLException e, Path file) {
        int code = e.getErrorCode();
        String message;
        if (code == DATABASE_ALREADY_OPEN) {
            message = file + " is locked by another Baton process (or another H2 tool); close it and try again";
        } else if (code == FILE_CORRUPTED) {
            message = file + " is corrupt and cannot be opened (it was left untouched)";
        } else if (code == FILE_VERSION_ERROR) {
            message = file + " was written by an H2 version this Baton cannot read";
        } else if (code == DATABASE_NOT_FOUND_IF_EXISTS) {
            message = "no audit database at " + file;
        } else if (code == WRONG_USER_OR_PASSWORD) {
            message = file + " is an H2 database with other credentials: not a Baton audit database";
        } else {
            message = "cannot open the audit database " + file + ": " + oneLine(e.getMessage());
        }
        return new AuditException(message, e);
    }

    private static boolean hasHistory(Connection c) throws AuditException {
        return count(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = ?",
                HISTORY_TABLE.toUpperCase(java.util.Locale.ROOT)) > 0;
    }

    private static boolean hasUserTables(Connection c) throws AuditException {
        return count(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> ?",
                "INFORMATION_SCHEMA") > 0;
    }

    /** The database's schema version (0 without a history); refuses one newer than this build knows. */
    private static int checkNotNewer(Connection c, Path file) throws AuditException {
        if (!hasHistory(c)) {
            return 0;
        }
        int newest = 0;
        String sql = "SELECT \"version\" FROM \"" + HISTORY_TABLE + "\" WHERE \"success\" AND \"version\" IS NOT NULL";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int version = Integer.parseInt(rs.getString(1).split("\\.")[0]);
                if (version > LATEST_SCHEMA) {
                    throw new AuditException(file + " was written by a newer Baton (schema version "
                            + rs.getString(1) + "); upgrade Baton to read it");
                }
                newest = Math.max(newest, version);
            }
        } catch (SQLException | NumberFormatException e) {
            throw new AuditException(file + " has an unreadable schema history: " + oneLine(e.getMessage()), e);
        }
        return newest;
    }

    private static long count(Connection c, String sql, String arg) throws AuditException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AuditException("cannot inspect the audit database: " + oneLine(e.getMessage()), e);
        }
    }

    private static void migrate(String url) throws AuditException {
        try {
            Flyway.configure(AuditDatabase.class.getClassLoader())
                    .dataSource(url, "sa", "")
                    .table(HISTORY_TABLE)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new AuditException("cannot prepare the audit database schema: " + oneLine(e.getMessage()), e);
        }
    }

    private static void deleteIfEmpty(Path file) {
        try {
            if (Files.size(file) == 0) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // best effort: the open failed already, and that is the error worth reporting
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing after a failure: the first error is the one worth reporting
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

}

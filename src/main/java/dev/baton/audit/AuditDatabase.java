package dev.baton.audit;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
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
    static final int LATEST_SCHEMA = 9;

    /**
     * H2's page cache for the writing connection, in KB (H2's default is 16 MB). The writer appends: it touches the
     * right-hand edges of its trees and little else, so a small cache costs it nothing, while every page kept in a
     * large one is live memory that each young garbage collection copies again — collections that pause the engine's
     * threads too (measured with four runs in flight: GC time while auditing 5 ms instead of 16 ms per 80 runs).
     */
    static final int WRITER_CACHE_KB = 2048;

    /** Held strongly: java.util.logging forgets a configured logger that nobody references. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");
    /** H2's switch for its cache of recently seen values (org.h2.engine.SysProperties.OBJECT_CACHE). */
    static final String H2_OBJECT_CACHE = "h2.objectCache";

    static {
        // Flyway reports each migration at INFO through SLF4J → JUL; the CLI's stderr is not the place for it
        FLYWAY_LOG.setLevel(Level.WARNING);
        // H2 looks every short value it is handed up in a process-wide cache of equal values (hashing each string
        // and comparing it with a cached one): for the writer, whose payloads and hashes are never equal, that was
        // about 6 % of its CPU (JFR) for nothing. Read when H2's SysProperties load, i.e. before the first connection;
        // a value given with -Dh2.objectCache wins
        if (System.getProperty(H2_OBJECT_CACHE) == null) {
            System.setProperty(H2_OBJECT_CACHE, "false");
        }
    }

    private AuditDatabase() {
    }

    /**
     * Opens (creating if needed, owner-only) and migrates the database for writing. Refuses a file that is not H2,
     * an H2 database with tables but without Baton's schema history, and a database another process holds. Callers
     * hold the database's {@link AuditGate} while the connection is open.
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
        return openForWriting(database, notices, null);
    }

    /**
     * As {@link #openForWriting(Path, Consumer)} under {@code hold}, the caller's hold on the database's gate: a file
     * that is exactly as a checked writer left it ({@link LeftAsChecked}) is not read whole again, and once this open
     * has found the file whole, the hold vouches for it. Without a hold every open reads the file whole.
     */
    static Connection openForWriting(Path database, Consumer<String> notices, AuditGate.Hold hold)
            throws AuditException {
        Path db = AuditPaths.normalize(database);
        Path file = AuditPaths.dataFile(db);
        boolean created = AuditFiles.prepareFile(db, file);
        AuditFiles.checkWritable(db, file, created);
        int version = 0;
        if (!created) {
            // look before writing: even opening read-write makes H2 rewrite its header, and a file that is not ours,
            // or one that cannot be read whole (what audit verify could not open), must stay byte for byte as it was
            try (Connection probe = connect(url(db, true), file)) {
                if (!hasHistory(probe) && hasUserTables(probe)) {
                    throw new AuditException(AuditException.Kind.UNUSABLE, file + " is an H2 database that Baton did"
                            + " not create (no " + HISTORY_TABLE + " table): refusing to change it; choose another"
                            + " --db/--audit path", null);
                }
                version = checkNotNewer(probe, file);
                if (version > 0 && (hold == null || !hold.leftAsChecked(file))) {
                    readWhole(probe, file);
                }
                if (version > 0 && version < LATEST_SCHEMA) {
                    notices.accept("upgrading the audit database " + file + " from schema version " + version
                            + " to " + LATEST_SCHEMA + " (once)");
                }
            } catch (SQLException e) {
                throw AuditErrors.translate(e, file);
            } catch (RuntimeException e) {
                throw AuditErrors.damaged(file, e);
            }
        }
        String url = writingUrl(db);
        Connection c;
        try {
            awaitNoReadOnly(db);
            c = connect(url, file);
        } catch (AuditException | RuntimeException e) {
            if (created) {
                AuditFiles.deleteIfEmpty(file); // the empty file made above must not be refused as "empty" next time
            }
            throw e;
        }
        try {
            if (version < LATEST_SCHEMA) {
                migrate(url);
            }
            if (hold != null) {
                hold.vouch();
            }
            return c;
        } catch (AuditException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Read-only connections of this process per database, and which database each counted one is of. */
    private static final Map<Path, Integer> READ_ONLY = new HashMap<>();
    private static final Map<Connection, Path> COUNTED = new IdentityHashMap<>();
    /** How long a writer waits for this process's read-only readers of its database to close. */
    static final Duration READERS_WAIT = Duration.ofSeconds(60);

    /** Closes a connection {@link #openForReading} gave; a counted read-only one lets a waiting writer go on. */
    public static void closeReading(Connection c) throws SQLException {
        try {
            c.close();
        } finally {
            Path db;
            synchronized (READ_ONLY) {
                db = COUNTED.remove(c);
            }
            if (db != null) {
                readerClosed(db);
            }
        }
    }

    static void closeReadingQuietly(Connection c) {
        try {
            closeReading(c);
        } catch (SQLException | RuntimeException ignored) {
            // the connection is gone either way
        }
    }

    private static void readerClosed(Path db) {
        synchronized (READ_ONLY) {
            READ_ONLY.computeIfPresent(db, (k, n) -> n <= 1 ? null : n - 1);
            READ_ONLY.notifyAll();
        }
    }

    /**
     * Waits until no read-only reader of this process has {@code db} open (they are short reads): a writer that
     * connected meanwhile would join their read-only instance and fail with "the database is read only". The caller
     * is registered as this process's writer already, so no new read-only reader starts.
     */
    static void awaitNoReadOnly(Path db) throws AuditException {
        long deadline = System.nanoTime() + READERS_WAIT.toNanos();
        synchronized (READ_ONLY) {
            while (READ_ONLY.containsKey(db)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AuditException(AuditException.Kind.LOCKED, "the audit database " + db + " is still being"
                            + " read by this process after " + READERS_WAIT.toSeconds() + " s", null);
                }
                try {
                    READ_ONLY.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AuditException(AuditException.Kind.LOCKED, "interrupted while waiting to write " + db,
                            null);
                }
            }
        }
    }

    /**
     * Opens again, for the next batch, a database this process already opened with {@link #openForWriting}: no
     * migration (nobody changed the schema in between), and the file is read whole only when it is not as a checked
     * writer left it (another process's writer killed mid-write, or a change from outside Baton).
     */
    static Connection reopenForWriting(Path database, AuditGate.Hold hold) throws AuditException {
        Path db = AuditPaths.normalize(database);
        Path file = AuditPaths.dataFile(db);
        awaitNoReadOnly(db);
        if (!hold.vouched() && !hold.leftAsChecked(file)) {
            // changed since this process's last turn otherwise than by a checked writer: read it whole first, as
            // openForWriting does, before H2 opens it for writing
            if (!Files.exists(file)) {
                throw new AuditException(AuditException.Kind.UNUSABLE, file + " is gone: the runs still being"
                        + " recorded cannot be written", null);
            }
            AuditFiles.checkHeader(file);
            try (Connection probe = connect(url(db, true), file)) {
                checkNotNewer(probe, file);
                readWhole(probe, file);
            } catch (SQLException e) {
                throw AuditErrors.translate(e, file);
            } catch (RuntimeException e) {
                throw AuditErrors.damaged(file, e);
            }
        }
        Connection c = connect(writingUrl(db), file);
        hold.vouch();
        return c;
    }

    /**
     * What {@code audit verify} reads, read the same way: every run row, event, text, chunk and derived row. A file
     * that verify would call damaged is refused here before anything writes to it (the two share this one reading;
     * broken hash chains are verify's to report and do not stop a writer). Costs a full read of the file, so a writer
     * does it only when the file is not as a checked writer left it.
     */
    static void readWhole(Connection c, Path file) throws AuditException {
        sanityCheck(c, file); // what openForReading, and so verify, reads first
        try {
            ChainVerifier.verify(c);
        } catch (SQLException e) {
            throw AuditErrors.translate(e, file);
        } catch (RuntimeException e) {
            throw AuditErrors.damaged(file, e);
        }
    }

    private static String writingUrl(Path db) {
        // MAX_COMPACT_TIME=0: the writer closes the file whenever another process waits for it; compacting at each
        // close would cost 200 ms a time. ANALYZE_AUTO=0: H2 otherwise re-samples a table's statistics at the commit
        // after every 2,000 changed rows, reading old pages back in the middle of a run's commit; the audit's queries
        // go by primary key and run number, which need no statistics
        return url(db, false) + ";CACHE_SIZE=" + WRITER_CACHE_KB + ";MAX_COMPACT_TIME=0;ANALYZE_AUTO=0";
    }

    /** Opens an existing Baton audit database read-only; never creates, migrates or changes anything. */
    public static Connection openForReading(Path database) throws AuditException {
        Path db = AuditPaths.normalize(database);
        Path file = AuditPaths.dataFile(db);
        if (!Files.exists(file)) {
            throw new AuditException("no audit database at " + db + " (expected the file " + file + ")");
        }
        AuditFiles.checkHeader(file);
        // a writer of this process closes the file between batches; had a reader opened it read-only meanwhile, the
        // writer's next open would join that read-only instance (H2 shares one per file and process) and fail. So a
        // reader opens read-only only while no writer of this process is open, and is counted: a writer that opens
        // meanwhile waits for the counted readers to close (awaitNoReadOnly) before it connects
        boolean readOnly;
        synchronized (READ_ONLY) {
            readOnly = !AuditWriter.isOpenHere(db);
            if (readOnly) {
                READ_ONLY.merge(db, 1, Integer::sum);
            }
        }
        Connection c;
        try {
            c = connect(readOnly ? url(db, true) : url(db, false) + ";IFEXISTS=TRUE", file);
        } catch (AuditException | RuntimeException e) {
            if (readOnly) {
                readerClosed(db);
            }
            throw e;
        }
        if (readOnly) {
            synchronized (READ_ONLY) {
                COUNTED.put(c, db);
            }
        }
        try {
            if (!hasHistory(c)) {
                throw new AuditException(AuditException.Kind.UNUSABLE, file + " is an H2 database but not a Baton"
                        + " audit database (no " + HISTORY_TABLE + " table)", null);
            }
            checkNotNewer(c, file);
            sanityCheck(c, file);
            return c;
        } catch (AuditException e) {
            closeReadingQuietly(c);
            throw e;
        } catch (RuntimeException e) {
            closeReadingQuietly(c);
            throw AuditErrors.damaged(file, e);
        }
    }

    /**
     * Reads the runs table's every column once: a file whose bytes were changed fails here (a missing table, a value
     * H2 cannot convert) rather than half way through a command, or after a writer has touched it.
     */
    private static void sanityCheck(Connection c, Path file) throws AuditException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM runs"); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
            }
        } catch (SQLException e) {
            throw AuditErrors.translate(e, file);
        } catch (RuntimeException e) {
            throw AuditErrors.damaged(file, e);
        }
    }

    /** The JDBC URL: WRITE_DELAY=0 so that every commit is on disk (the default loses recent commits on kill -9). */
    static String url(Path db, boolean readOnly) {
        // TRACE_LEVEL_FILE=0: no .trace.db beside the database (it could hold statement text)
        // FILE_LOCK=FS: the operating system's file lock, which dies with its process (H2's default lock file, left
        // behind by kill -9, made the next opener wait); AuditGate decides whose turn it is before H2 is asked
        String url = "jdbc:h2:file:" + db + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;FILE_LOCK=FS";
        return readOnly ? url + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r" : url;
    }

    private static Connection connect(String url, Path file) throws AuditException {
        try {
            Connection c = DriverManager.getConnection(url, "sa", "");
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw AuditErrors.translate(e, file);
        } catch (RuntimeException e) {
            throw AuditErrors.damaged(file, e);
        }
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
                    throw new AuditException(AuditException.Kind.UNUSABLE, file + " was written by a newer Baton"
                            + " (schema version " + rs.getString(1) + "); upgrade Baton to read it", null);
                }
                newest = Math.max(newest, version);
            }
        } catch (SQLException | NumberFormatException e) {
            throw AuditErrors.damaged(file, e);
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
            throw new AuditException(AuditException.Kind.UNUSABLE, "cannot read the audit database (it may be"
                    + " damaged): " + AuditErrors.oneLine(e.getMessage()), e);
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
            throw new AuditException("cannot prepare the audit database schema: " + AuditErrors.oneLine(e.getMessage()), e);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing after a failure: the first error is the one worth reporting
        }
    }
}

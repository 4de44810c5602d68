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

    /** Every MVStore file starts with its text header "H:2,…"; anything else is not an H2 2.x database. */
    private static final byte[] H2_HEADER = "H:2".getBytes(StandardCharsets.US_ASCII);

    // H2 error codes (org.h2.api.ErrorCode), copied as numbers so that only JDBC types cross this boundary
    private static final int DATABASE_ALREADY_OPEN = 90020;
    private static final int FILE_CORRUPTED = 90030;
    private static final int FILE_VERSION_ERROR = 90048;
    private static final int DATABASE_NOT_FOUND_IF_EXISTS = 90146;
    private static final int WRONG_USER_OR_PASSWORD = 28000;
    // what byte flips inside a file gave: a value H2 cannot read back, a table its catalogue lost, an internal error
    private static final int DATA_CONVERSION = 22018;
    private static final int TABLE_NOT_FOUND = 42102;
    private static final int TABLE_NOT_FOUND_CANDIDATES = 42103;
    private static final int TABLE_NOT_FOUND_EMPTY = 42104;
    private static final int COLUMN_NOT_FOUND = 42122;
    private static final int GENERAL_ERROR = 50000;

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
        boolean created = prepareFile(db, file);
        checkWritable(db, file, created);
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
                throw translate(e, file);
            } catch (RuntimeException e) {
                throw damaged(file, e);
            }
        }
        String url = writingUrl(db);
        Connection c;
        try {
            awaitNoReadOnly(db);
            c = connect(url, file);
        } catch (AuditException | RuntimeException e) {
            if (created) {
                deleteIfEmpty(file); // the empty file made above must not be refused as "empty" next time
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
            checkHeader(file);
            try (Connection probe = connect(url(db, true), file)) {
                checkNotNewer(probe, file);
                readWhole(probe, file);
            } catch (SQLException e) {
                throw translate(e, file);
            } catch (RuntimeException e) {
                throw damaged(file, e);
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
            throw translate(e, file);
        } catch (RuntimeException e) {
            throw damaged(file, e);
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
        checkHeader(file);
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
            throw damaged(file, e);
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
            throw translate(e, file);
        } catch (RuntimeException e) {
            throw damaged(file, e);
        }
    }

    /** A database file or folder this process may not write: one line now rather than H2's traces later. */
    private static void checkWritable(Path db, Path file, boolean created) throws AuditException {
        Path dir = db.getParent();
        if (created ? dir != null && !Files.isWritable(dir) : !Files.isWritable(file) || !opensForWriting(file)) {
            throw new AuditException(AuditException.Kind.READ_ONLY, (created ? "the folder " + dir : file)
                    + " is read-only: the run could not be recorded; choose a writable --audit PATH, make it"
                    + " writable, or run with --no-audit", null);
        }
    }

    /** Opening for writing (and closing at once, writing nothing) also sees what permissions do not say. */
    private static boolean opensForWriting(Path file) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            return ch.isOpen();
        } catch (IOException e) {
            return false;
        }
    }

    /** One line for a file H2 opened but could not read: damaged, left as it was. */
    static AuditException damaged(Path file, Throwable cause) {
        String why = cause instanceof SQLException sql ? h2Reason(sql) : "H2 failed while reading it";
        return new AuditException(AuditException.Kind.UNUSABLE, file + " is damaged (" + why + "): Baton left it"
                + " untouched; restore it from a backup, or move it aside and a new audit database is started", cause);
    }

    /** H2's message without its SQL statement and error code: "Data conversion error converting ...". */
    private static String h2Reason(SQLException e) {
        String m = oneLine(e.getMessage());
        int sql = m.indexOf("; SQL statement:");
        m = sql > 0 ? m.substring(0, sql) : m;
        int code = m.lastIndexOf(" [");
        m = code > 0 ? m.substring(0, code) : m;
        if (m.contains("Unable to read the page") || m.contains("Chunk") || m.contains("chunk")) {
            return "a block of the file cannot be read";
        }
        // H2 wraps its store's failures: "General error: \"org.h2.mvstore.MVStoreException: ...\"" says only "..."
        m = m.replaceAll("General error: \"?", "").replaceAll("[\\w.$]+(Exception|Error):?\\s*", "")
                .replace("\"", "").strip();
        if (m.isEmpty()) {
            return "H2 cannot read it";
        }
        return m.length() > 120 ? m.substring(0, 120) + "…" : m;
    }

    /** The JDBC URL: WRITE_DELAY=0 so that every commit is on disk (the default loses recent commits on kill -9). */
    static String url(Path db, boolean readOnly) {
        // TRACE_LEVEL_FILE=0: no .trace.db beside the database (it could hold statement text)
        // FILE_LOCK=FS: the operating system's file lock, which dies with its process (H2's default lock file, left
        // behind by kill -9, made the next opener wait); AuditGate decides whose turn it is before H2 is asked
        String url = "jdbc:h2:file:" + db + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;FILE_LOCK=FS";
        return readOnly ? url + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r" : url;
    }

    /** Creates the database's folder (owner-only) when it is missing. */
    static void prepareDirectory(Path db) throws AuditException {
        Path dir = AuditPaths.normalize(db).getParent();
        try {
            if (dir != null && !Files.isDirectory(dir)) {
                // every folder created for a/b/c/db is 700, not only the last
                PrivateFiles.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new AuditException(AuditException.Kind.READ_ONLY, "cannot create the audit database directory "
                    + dir + ": " + SafeText.reason(e), e);
        }
    }

    private static boolean prepareFile(Path db, Path file) throws AuditException {
        prepareDirectory(db);
        if (Files.exists(file)) {
            checkHeader(file);
            return false;
        }
        Path dir = file.getParent();
        if (dir != null && !Files.isWritable(dir)) {
            return true; // checkWritable says so in one line
        }
        // created owner-only before H2 writes a byte (H2 would create it 644 and a chmod comes too late);
        // H2 takes an empty file for a new database
        try {
            PrivateFiles.createFile(file);
        } catch (IOException e) {
            throw new AuditException(AuditException.Kind.READ_ONLY, "cannot create the audit database " + file + ": "
                    + SafeText.reason(e), e);
        }
        return true;
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
            throw new AuditException(AuditException.Kind.UNUSABLE, file + " is empty: not an H2 database (refusing to"
                    + " overwrite it); move it aside", null);
        }
        for (int i = 0; i < head.length; i++) {
            if (i >= n || head[i] != H2_HEADER[i]) {
                throw new AuditException(AuditException.Kind.UNUSABLE, file + " is not an H2 database (refusing to"
                        + " touch it)", null);
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
        } catch (RuntimeException e) {
            throw damaged(file, e);
        }
    }

    /** One sentence for each way H2 can refuse a file. */
    static AuditException translate(SQLException e, Path file) {
        int code = e.getErrorCode();
        String message;
        if (code == DATABASE_ALREADY_OPEN) {
            return new AuditException(AuditException.Kind.LOCKED, file + " is locked by another program (an H2 tool"
                    + " or an older Baton); close it and try again", e);
        } else if (code == FILE_CORRUPTED || code == DATA_CONVERSION || code == TABLE_NOT_FOUND
                || code == TABLE_NOT_FOUND_EMPTY || code == TABLE_NOT_FOUND_CANDIDATES || code == GENERAL_ERROR
                || code == COLUMN_NOT_FOUND) {
            return damaged(file, e);
        } else if (code == FILE_VERSION_ERROR) {
            return new AuditException(AuditException.Kind.UNUSABLE, file + " was written by an H2 version this Baton"
                    + " cannot read", e);
        } else if (code == DATABASE_NOT_FOUND_IF_EXISTS) {
            message = "no audit database at " + file;
        } else if (code == WRONG_USER_OR_PASSWORD) {
            return new AuditException(AuditException.Kind.UNUSABLE, file + " is an H2 database with other"
                    + " credentials: not a Baton audit database", e);
        } else if (Files.isRegularFile(file)) {
            return damaged(file, e); // an H2 file that H2 fails on in some other way: treat it as damaged, touch nothing
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
                    throw new AuditException(AuditException.Kind.UNUSABLE, file + " was written by a newer Baton"
                            + " (schema version " + rs.getString(1) + "); upgrade Baton to read it", null);
                }
                newest = Math.max(newest, version);
            }
        } catch (SQLException | NumberFormatException e) {
            throw damaged(file, e);
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
                    + " damaged): " + oneLine(e.getMessage()), e);
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

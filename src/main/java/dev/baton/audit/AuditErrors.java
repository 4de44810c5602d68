package dev.baton.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** H2's refusals of an audit file, each said in one sentence naming the file (and nothing of H2's SQL). */
final class AuditErrors {

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

    /** A message on one line (H2 and Flyway put SQL and stack context on lines of their own). */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private AuditErrors() {
    }
}

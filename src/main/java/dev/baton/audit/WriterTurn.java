package dev.baton.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The audit writer's turn at its database: processes take turns through {@link AuditGate}, so the writer opens the
 * database (gate hold, then H2) when it has events to write and gives both up between batches. Writer thread only,
 * after the writer was opened.
 */
final class WriterTurn {

    private final Path database;
    private final BatchInserter inserter;
    /** The open database and the gate hold it is opened under; null between turns. */
    private Connection connection;
    private AuditGate.Hold hold;

    /** A turn begun when the writer was opened: {@code connection} is open under {@code hold}. */
    WriterTurn(Path database, BatchInserter inserter, AuditGate.Hold hold, Connection connection) {
        this.database = database;
        this.inserter = inserter;
        this.hold = hold;
        this.connection = connection;
    }

    /** True while this writer holds the database. */
    boolean held() {
        return hold != null;
    }

    /** True when this writer holds the database and another process waits for it. */
    boolean othersWaiting() {
        return hold != null && hold.othersWaiting();
    }

    /** After a failure: the next writer reads the file whole before it writes. */
    void distrust() {
        if (hold != null) {
            hold.distrust();
        }
    }

    /** Opens the database for this turn unless it is open: waits for the gate, then for H2. */
    void ensureOpen() throws AuditException, SQLException {
        if (connection != null) {
            return;
        }
        hold = AuditGate.acquire(database, true);
        try {
            connection = AuditDatabase.reopenForWriting(database, hold);
            inserter.attach(connection);
        } catch (AuditException | SQLException | RuntimeException e) {
            release();
            throw e;
        }
    }

    /** Closes the database and gives the gate up (between batches). */
    void release() {
        inserter.detach();
        if (connection != null) {
            AuditDatabase.closeQuietly(connection);
            connection = null;
        }
        if (hold != null) {
            hold.close();
            hold = null;
        }
    }
}

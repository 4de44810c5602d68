package dev.baton.audit;

import java.nio.file.Path;

/** What the audit benchmark needs from inside the package: a writer in version 1's inline form, and text counts. */
public final class AuditBenchAccess {

    private AuditBenchAccess() {
    }

    /** A writer that stores every text inline, as schema version 1 did: the "before" of the benchmark. */
    public static AuditWriter openInline(Path database) throws AuditException {
        return AuditWriter.open(database, (runId, seq) -> { }, false);
    }

    /** Chunks inserted, chunks found already stored, texts inserted; call after a commit. */
    public static long[] textCounts(AuditWriter writer) {
        return writer.textCounts();
    }

    /** Transactions the writer committed so far. */
    public static long commits(AuditWriter writer) {
        return writer.commits();
    }
}

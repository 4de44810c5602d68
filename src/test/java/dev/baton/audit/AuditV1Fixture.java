package dev.baton.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The schema-version-1 audit database written by the version 1 build (commit c983482): the chain sample, then the
 * swarm sample, both simulated. Tests copy it to upgrade or read it.
 */
public final class AuditV1Fixture {

    private AuditV1Fixture() {
    }

    /** Copies the fixture to {@code db} (a database path as in an H2 URL: the file is {@code db}.mv.db); returns db. */
    public static Path copyTo(Path db) throws IOException {
        try (InputStream in = AuditV1Fixture.class.getResourceAsStream("audit-v1.mv.db")) {
            Files.copy(Objects.requireNonNull(in, "the V1 fixture audit-v1.mv.db"),
                    db.resolveSibling(db.getFileName() + ".mv.db"));
        }
        return db;
    }
}

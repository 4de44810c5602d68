package dev.baton.audit;

import dev.baton.secret.PrivateFiles;
import dev.baton.secret.SafeText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audit database's file before H2 is asked to open it: its folders and the file made owner-only, an H2 header
 * checked (never overwrite what is not ours), read-only places said in one line.
 */
final class AuditFiles {

    /** Every MVStore file starts with its text header "H:2,…"; anything else is not an H2 2.x database. */
    private static final byte[] H2_HEADER = "H:2".getBytes(StandardCharsets.US_ASCII);

    /** A database file or folder this process may not write: one line now rather than H2's traces later. */
    static void checkWritable(Path db, Path file, boolean created) throws AuditException {
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

    static boolean prepareFile(Path db, Path file) throws AuditException {
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

    static void checkHeader(Path file) throws AuditException {
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

    static void deleteIfEmpty(Path file) {
        try {
            if (Files.size(file) == 0) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // best effort: the open failed already, and that is the error worth reporting
        }
    }

    private AuditFiles() {
    }
}

package dev.baton.secret;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Files and folders that can hold run data (audit database, events files, exports) are created owner-only from the
 * first moment: the mode is given at creation (the umask can only take bits away), never set afterwards, so no other
 * user can open them in between. Off POSIX (Windows) the user profile's ACLs keep them private and plain creation is
 * used.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates every missing folder of {@code dir} as 700 (the ones that exist are left as they are). */
    public static void createDirectories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                if (posix(p)) {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(DIRECTORY));
                } else {
                    Files.createDirectory(p);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
        }
    }

    /** Creates {@code file} empty and owner-only (600); false when it already existed (then it is not touched). */
    public static boolean createFile(Path file) throws IOException {
        try {
            if (posix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * A writer replacing {@code file}'s content, the file owner-only: created 600, or an existing one narrowed to 600
     * before a byte of run data goes in. Its folders are created 700 when missing.
     */
    public static BufferedWriter newWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        if (!createFile(file) && posix(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            // a device (/dev/stdout, /dev/null) or a link's target is not ours to change
            Files.setPosixFilePermissions(file, FILE);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Replaces {@code file}'s content with {@code content} (UTF-8) as one step: written to an owner-only temporary
     * file beside it, then moved over it, so a reader never sees half of it and a kill leaves the old content whole.
     * The folder must exist.
     */
    public static void replace(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().normalize().getParent();
        Path temp;
        try {
            temp = posix(dir) ? Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp",
                    PosixFilePermissions.asFileAttribute(FILE))
                    : Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp");
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create a temporary file in " + dir, e);
        }
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean posix(Path p) {
        Path existing = p.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

}

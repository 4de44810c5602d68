package dev.baton.secret;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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

    private static boolean posix(Path p) {
        Path existing = p.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

}

package dev.baton.flow.io;

import dev.baton.flow.Flow;

import dev.baton.secret.SafeText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/** Loads flow files with one-line reasons for unreadable input, and saves them atomically. */
public final class FlowFiles {

    /** Largest flow file read, in bytes; a real flow is a few kilobytes. */
    public static final long MAX_FILE_BYTES = 8L << 20;

    /** The location of problems with the file as a whole (the caller prints the file name). */
    private static final String WHOLE_FILE = "";

    private FlowFiles() {
    }

    /** Reads a flow file; a missing, unreadable, non-UTF-8, empty or oversized file is a {@link FlowLoadException}. */
    public static LoadedFlow load(Path file) throws FlowLoadException {
        // the caller names the file ("FILE: LOCATION: reason"); locations stay "line:column pointer" for editors
        return FlowJson.read(readText(file));
    }

    /**
     * Writes the flow's canonical JSON to a temporary file in the same directory, forces it to disk and renames it over
     * the target atomically: a crash leaves the old file or the new one, never half of either.
     */
    public static void save(Path file, Flow flow) throws IOException {
        byte[] bytes = FlowJson.write(flow).getBytes(StandardCharsets.UTF_8);
        // saving through a symbolic link updates the file it points to instead of replacing the link
        Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
        Path dir = target.getParent();
        // same directory as the target: a rename across file systems would not be atomic
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            keepPermissions(target, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        removeStaleTemps(target);
    }

    /**
     * How old a leftover temp file must be before it is removed: a save in progress (this process's or another
     * Baton's) writes and renames its temp file within milliseconds, so a file this old belongs to a save that died.
     */
    public static final Duration STALE_TEMP_AGE = Duration.ofMinutes(2);

    /**
     * Removes the temp files that saves of {@code file} killed mid-write left beside it ({@code .NAME.<digits>.tmp},
     * the names {@link #save} creates), when older than {@link #STALE_TEMP_AGE}. Only regular files of exactly that
     * pattern and of a flow file's size are touched, never links or other programs' files. Never throws.
     *
     * @return how many were removed
     */
    public static int removeStaleTemps(Path file) {
        return removeStaleTemps(file, STALE_TEMP_AGE, Instant.now());
    }

    static int removeStaleTemps(Path file, Duration minAge, Instant now) {
        Path target;
        try {
            // a save through a link writes its temp file beside the file the link points to
            target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
        } catch (IOException e) {
            return 0;
        }
        Path dir = target.getParent();
        if (dir == null || target.getFileName() == null) {
            return 0;
        }
        Pattern ours = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.[0-9]{1,20}\\.tmp");
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path p : entries) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    boolean stale = a.lastModifiedTime().toInstant().isBefore(now.minus(minAge));
                    if (a.isRegularFile() && stale && a.size() <= MAX_FILE_BYTES && Files.deleteIfExists(p)) {
                        removed++;
                    }
                } catch (IOException e) {
                    // gone meanwhile, or not ours to delete: leave it
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable directory: the save itself succeeded, the leftovers wait for the next one
        }
        return removed;
    }

    /** A temp file is private (rw-------); the saved file keeps the old file's permissions, or gets rw-r--r--. */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    /** Makes the rename itself durable where the platform allows it (POSIX); elsewhere this is a no-op. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; the file itself is already on disk
        }
    }

    private static String readText(Path file) throws FlowLoadException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            throw new FlowLoadException(WHOLE_FILE, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new FlowLoadException(WHOLE_FILE, "this is a directory, not a flow file");
        }
        if (!Files.isRegularFile(file)) {
            throw new FlowLoadException(WHOLE_FILE, "not a regular file (a dangling link, a device or a pipe)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // read one byte past the limit instead of trusting the size: the file may grow while we read it
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new FlowLoadException(WHOLE_FILE, "no such file");
        } catch (AccessDeniedException e) {
            throw new FlowLoadException(WHOLE_FILE, "permission denied: the file cannot be read");
        } catch (IOException e) {
            throw new FlowLoadException(WHOLE_FILE, "cannot read the file: " + Messages.quote(SafeText.reason(e)));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new FlowLoadException(WHOLE_FILE, "the file is larger than " + (MAX_FILE_BYTES >> 20)
                    + " MiB; a flow file is a few kilobytes, is this the right file?");
        }
        if (bytes.length == 0) {
            throw new FlowLoadException(WHOLE_FILE, "the file is empty");
        }
        return decodeUtf8(bytes);
    }

    /** Strict UTF-8: a malformed byte is an error that names its offset, not a silent replacement character. */
    private static String decodeUtf8(byte[] bytes) throws FlowLoadException {
        int start = hasUtf8Bom(bytes) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new FlowLoadException(WHOLE_FILE, "the file is not valid UTF-8 (bad byte at offset " + in.position()
                    + "); save it as UTF-8");
        }
        out.flip();
        return out.toString();
    }

    private static boolean hasUtf8Bom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }
}

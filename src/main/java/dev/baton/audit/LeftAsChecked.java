package dev.baton.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the last Baton writer left: the identity of the database file (inode, size, change and modification times)
 * as it was when that writer closed it, after it had found the file readable whole when it opened it and had
 * changed it only through H2 since. Kept in the gate file beside the database (after the bytes {@link AuditGate}
 * locks), so that the next writer can tell that the file is exactly as a checked writer left it and skip reading it
 * whole; a file changed in any other way (a byte flip, a copy put back, a writer killed mid-write) has another change
 * time — which no program can set back — and is read whole before anything is written to it.
 */
final class LeftAsChecked {

    /** Where the record starts in the gate file: past the bytes the gate locks. */
    static final long OFFSET = 64;
    private static final String MAGIC = "baton-left-as-checked/1 ";
    private static final int MAX = 512;

    private LeftAsChecked() {
    }

    /** The file's identity now, or null when it cannot be read (then nothing is skipped). */
    static String identity(Path file) {
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:ino,dev,size,ctime,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            return "dev=" + unix.get("dev") + " ino=" + unix.get("ino") + " size=" + unix.get("size") + " ctime="
                    + nanos(unix.get("ctime")) + " mtime=" + nanos(unix.get("lastModifiedTime"));
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                return "key=" + a.fileKey() + " size=" + a.size() + " created=" + nanos(a.creationTime())
                        + " mtime=" + nanos(a.lastModifiedTime());
            } catch (IOException e) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    private static long nanos(Object time) {
        return time instanceof FileTime t ? t.to(TimeUnit.NANOSECONDS) : -1;
    }

    /** The identity recorded in the gate file, or null when there is none. */
    static String read(FileChannel gate) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(MAX);
            int n = gate.read(buf, OFFSET);
            if (n <= 0) {
                return null;
            }
            String s = new String(buf.array(), 0, n, StandardCharsets.UTF_8);
            int end = s.indexOf('\n');
            return s.startsWith(MAGIC) && end > 0 ? s.substring(MAGIC.length(), end) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Records {@code identity} (null: forgets any record, so that the next writer reads the file whole). */
    static void write(FileChannel gate, String identity) {
        try {
            byte[] bytes = identity == null ? new byte[0]
                    : (MAGIC + identity + "\n").getBytes(StandardCharsets.UTF_8);
            gate.truncate(OFFSET);
            gate.write(ByteBuffer.wrap(bytes), OFFSET);
        } catch (IOException e) {
            // without a record the next writer reads the file whole: slower, never less safe
        }
    }
}

package dev.baton.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Takes turns on one audit database between processes. H2 lets one process at a time open a file, so every Baton
 * process (designer, {@code baton run}, {@code baton audit}) opens it only while it holds this gate: an operating
 * system lock on byte 0 of a small file beside the database ({@code NAME.baton-lock}). Waiters poll every few
 * milliseconds and, while they wait, hold a shared lock on byte 1, which lets the holder see that someone waits and
 * give the database up after its current batch. The system drops both locks when a process dies, even by
 * {@code kill -9}, so a crash never leaves the gate shut. Threads of one process share the process's hold (H2 shares
 * one open database between the connections of a process).
 */
final class AuditGate {

    /** The suffix of the gate file beside the database. */
    static final String SUFFIX = ".baton-lock";
    /** How long to wait for the gate unless {@code -Dbaton.audit.waitSeconds} says otherwise. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);
    private static final long POLL_NANOS = Duration.ofMillis(4).toNanos();

    private static final Map<Path, Entry> ENTRIES = new HashMap<>();

    /** One database's gate in this process: the open gate file and how many holders share the lock. */
    private static final class Entry {
        FileChannel channel;
        FileLock lock;
        int holders;
        /** True once a writer of this hold found the file whole (see {@link LeftAsChecked}); reset at release. */
        boolean vouched;
    }

    /** A hold on the gate; {@link #close} gives it up. */
    interface Hold extends AutoCloseable {
        /** True when another process waits for the database. */
        boolean othersWaiting();

        /**
         * True when a writer of this process vouched for the file since this process last took the gate (it has held
         * the gate since, so no other process had a turn in between).
         */
        boolean vouched();

        /** True when the database file is exactly as the last writer that vouched for it left it. */
        boolean leftAsChecked(Path dataFile);

        /**
         * Says that the database file was found readable whole (or as a checked writer left it) and is changed by this
         * process only through H2 from now on: when this process gives the gate up, the file's identity is recorded.
         */
        void vouch();

        /** Takes a vouch back (the writer failed): this process records nothing, the next writer reads it whole. */
        void distrust();

        @Override
        void close();
    }

    private AuditGate() {
    }

    /** The gate file of a database. */
    static Path file(Path database) {
        Path db = AuditPaths.normalize(database);
        return db.resolveSibling(db.getFileName() + SUFFIX);
    }

    /** How long a command waits for other processes before it gives up with {@link AuditException.Kind#LOCKED}. */
    static Duration waitLimit() {
        String s = System.getProperty("baton.audit.waitSeconds");
        try {
            return s == null ? DEFAULT_WAIT : Duration.ofSeconds(Math.max(0, Long.parseLong(s.strip())));
        } catch (NumberFormatException e) {
            return DEFAULT_WAIT;
        }
    }

    /**
     * Waits for the gate of {@code database}. When the gate file cannot be created or written (a read-only folder)
     * and {@code forWriting} is false, returns a hold that holds nothing: no process can write there either.
     */
    static Hold acquire(Path database, boolean forWriting) throws AuditException {
        Path gate = file(database);
        if (forWriting) {
            AuditFiles.prepareDirectory(database);
        }
        Entry e;
        synchronized (ENTRIES) {
            e = ENTRIES.computeIfAbsent(gate, g -> new Entry());
        }
        synchronized (e) {
            if (e.holders > 0) {
                e.holders++;
                return new SharedHold(gate, e);
            }
            FileChannel ch;
            try {
                ch = openGate(gate);
            } catch (IOException ex) {
                if (!forWriting) {
                    return NONE;
                }
                throw new AuditException(AuditException.Kind.READ_ONLY, "cannot write beside the audit database ("
                        + gate + ": " + ex.getMessage() + "): choose a writable --audit/--db folder", ex);
            }
            e.channel = ch;
            e.lock = await(ch, gate);
            e.holders = 1;
            e.vouched = false;
            return new SharedHold(gate, e);
        }
    }

    private static FileChannel openGate(Path gate) throws IOException {
        try {
            Files.createFile(gate, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException ignored) {
            // another process made it first: the same file serves everyone
        } catch (UnsupportedOperationException notPosix) {
            Files.newByteChannel(gate, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
        }
        return FileChannel.open(gate, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Polls for the lock on byte 0, showing a shared lock on byte 1 while it waits. */
    private static FileLock await(FileChannel ch, Path gate) throws AuditException {
        Duration limit = waitLimit();
        long deadline = System.nanoTime() + limit.toNanos();
        FileLock waiting = null;
        try {
            while (true) {
                FileLock lock = ch.tryLock(0, 1, false);
                if (lock != null) {
                    return lock;
                }
                if (waiting == null) {
                    waiting = ch.tryLock(1, 1, true); // null while the holder looks: try again next round
                }
                if (System.nanoTime() > deadline) {
                    closeQuietly(ch);
                    throw new AuditException(AuditException.Kind.LOCKED, AuditPaths.dataFile(
                            gate.resolveSibling(gate.getFileName().toString().replace(SUFFIX, ""))) + " stayed busy"
                            + " for " + limit.toSeconds() + " s (other Baton processes kept writing to it); try again"
                            + " later", null);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } catch (IOException | OverlappingFileLockException ex) {
            closeQuietly(ch);
            throw new AuditException(AuditException.Kind.OTHER, "cannot lock " + gate + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            closeQuietly(ch);
            throw new AuditException(AuditException.Kind.LOCKED, "interrupted while waiting for " + gate, ex);
        } finally {
            if (waiting != null && ch.isOpen()) {
                try {
                    waiting.release();
                } catch (IOException ignored) {
                    // the channel closes with the lock soon enough
                }
            }
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing held yet
        }
    }

    /** A hold on a real gate, released when the last holder of this process closes it. */
    private static final class SharedHold implements Hold {
        private final Path gate;
        private final Entry entry;
        private boolean closed;

        SharedHold(Path gate, Entry entry) {
            this.gate = gate;
            this.entry = entry;
        }

        @Override
        public boolean othersWaiting() {
            synchronized (entry) {
                if (closed || entry.channel == null) {
                    return false;
                }
                try {
                    FileLock probe = entry.channel.tryLock(1, 1, false);
                    if (probe == null) {
                        return true;
                    }
                    probe.release();
                    return false;
                } catch (IOException | OverlappingFileLockException e) {
                    return false;
                }
            }
        }

        @Override
        public boolean vouched() {
            synchronized (entry) {
                return !closed && entry.vouched;
            }
        }

        @Override
        public boolean leftAsChecked(Path dataFile) {
            synchronized (entry) {
                if (closed || entry.channel == null) {
                    return false;
                }
                String recorded = LeftAsChecked.read(entry.channel);
                return recorded != null && recorded.equals(LeftAsChecked.identity(dataFile));
            }
        }

        @Override
        public void vouch() {
            synchronized (entry) {
                if (!closed && entry.channel != null && !entry.vouched) {
                    entry.vouched = true;
                    // forgotten until this process gives the gate up: killed meanwhile, it leaves no record
                    LeftAsChecked.write(entry.channel, null);
                }
            }
        }

        @Override
        public void distrust() {
            synchronized (entry) {
                entry.vouched = false;
            }
        }

        @Override
        public void close() {
            synchronized (entry) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--entry.holders == 0) {
                    if (entry.vouched && entry.channel != null) {
                        // every connection of this process is closed (they open only under a hold): H2 has written
                        // the file and will not touch it again before the next turn
                        LeftAsChecked.write(entry.channel, LeftAsChecked.identity(AuditPaths.dataFile(database())));
                        entry.vouched = false;
                    }
                    closeQuietly(entry.channel); // releases the lock
                    entry.channel = null;
                    entry.lock = null;
                }
            }
        }

        private Path database() {
            String name = gate.getFileName().toString();
            return gate.resolveSibling(name.substring(0, name.length() - SUFFIX.length()));
        }

        @Override
        public String toString() {
            return "hold on " + gate;
        }
    }

    private static final Hold NONE = new Hold() {
        @Override
        public boolean othersWaiting() {
            return false;
        }

        @Override
        public boolean vouched() {
            return false;
        }

        @Override
        public boolean leftAsChecked(Path dataFile) {
            return false;
        }

        @Override
        public void vouch() {
        }

        @Override
        public void distrust() {
        }

        @Override
        public void close() {
        }
    };
}

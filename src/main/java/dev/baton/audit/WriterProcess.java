package dev.baton.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Names the process that records a run ({@code runs.writer}, schema version 7) as {@code <pid>@<start, epoch ms>}
 * and tells whether that process still lives: the start time tells a reused process id from the original.
 */
final class WriterProcess {

    /** Two readings of one process's start time may differ by the clock tick they were derived from. */
    private static final long START_TOLERANCE_MS = 1000;

    private static final String CURRENT = describe(ProcessHandle.current());

    private WriterProcess() {
    }

    /** This process. */
    static String current() {
        return CURRENT;
    }

    /**
     * True when the run's writer cannot be recording it any more: none was recorded (a writer before version 7,
     * which held the database for the whole run), this very process when {@code writingHere} is false (none of its
     * writers has the database open), or a process that is gone.
     */
    static boolean isGone(String writer, boolean writingHere) {
        if (writer == null) {
            return true;
        }
        if (writer.equals(CURRENT)) {
            return !writingHere;
        }
        int at = writer.indexOf('@');
        long pid;
        long start;
        try {
            pid = Long.parseLong(at < 0 ? writer : writer.substring(0, at));
            start = at < 0 ? -1 : Long.parseLong(writer.substring(at + 1));
        } catch (NumberFormatException e) {
            return true; // not written by Baton: nobody is recording under that name
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = p.get().info().startInstant();
        return start >= 0 && started.isPresent()
                && Math.abs(started.get().toEpochMilli() - start) > START_TOLERANCE_MS;
    }

    private static String describe(ProcessHandle p) {
        return p.pid() + p.info().startInstant().map(i -> "@" + i.toEpochMilli()).orElse("");
    }
}

package dev.baton.audit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How far one listener's piece of a run recorded by several processes (Temporal workers) is settled in the
 * database: each event was committed, or found stored already, or not written because the database lacks the events
 * before it (a gap is never written). The writer thread settles; the recording thread waits.
 */
final class SharedRunProgress {

    /** What {@link #await} returns when the writer failed. */
    static final long FAILED = Long.MIN_VALUE;

    /** The highest sequence number settled as stored; -1 while none is. */
    private long stored = -1;
    /** True when an event came after a gap: the database holds the run only through {@link #gapHead}. */
    private boolean gap;
    private long gapHead;

    synchronized void stored(long seq) {
        stored = Math.max(stored, seq);
        notifyAll();
    }

    synchronized void gap(long databaseHead) {
        gap = true;
        gapHead = databaseHead;
        notifyAll();
    }

    synchronized void wake() {
        notifyAll();
    }

    synchronized boolean gapFound() {
        return gap;
    }

    /** The database's last sequence number of the run as settled so far; -1 while nothing is. */
    synchronized long head() {
        return gap ? Math.max(stored, gapHead) : stored;
    }

    /**
     * Waits until {@code lastSeq} is settled or a gap was found; -1 on timeout, {@link #FAILED} once
     * {@code failedIf} failed (the writer stopped).
     */
    synchronized long await(long lastSeq, Duration timeout, CompletableFuture<Void> failedIf)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stored < lastSeq && !gap) {
            if (failedIf.isCompletedExceptionally()) {
                return FAILED;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return head();
    }
}

package dev.baton.ui.fx;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import javafx.application.Platform;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one path from engine threads to the FX thread. {@link #onEvent} only enqueues (it never blocks the engine); at
 * most one drain is scheduled on the FX executor at a time, and a drain applies queued items in order in bounded
 * slices (a count and a time budget), rescheduling itself for the rest, so that a burst cannot stall a pulse.
 * Pausing keeps items queued; {@link #step} applies one. Items are engine events or FX-side actions posted by the
 * run's controller, kept in one queue so that both are seen in the order they happened.
 */
public final class FxRunBridge implements RunListener {

    private static final Logger LOG = Logger.getLogger(FxRunBridge.class.getName());

    /** At most this many items per slice by default. */
    public static final int DEFAULT_SLICE_ITEMS = 400;
    /**
     * At most this much FX-thread time per slice by default: an eighth of a 60 Hz frame, so that a slice that a busy
     * machine preempts still leaves the pulse most of its frame.
     */
    public static final Duration DEFAULT_SLICE_TIME = Duration.ofMillis(2);
    /** Most streamed chunks of one node merged into one application (bounds the text built per merge). */
    static final int MAX_CHUNKS_MERGED = 256;

    private final Executor fx;
    private final Consumer<RunEvent> consumer;
    private final int sliceItems;
    private final long sliceNanos;
    private final boolean mergeChunks;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    // set while a drain is scheduled (or parked by a pause): producers schedule only when they flip it
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private volatile boolean paused;
    private volatile long applied;
    private volatile long slices;

    /** A bridge onto the JavaFX application thread with the default slice bounds. */
    public FxRunBridge(Consumer<RunEvent> consumer) {
        this(Platform::runLater, consumer, DEFAULT_SLICE_ITEMS, DEFAULT_SLICE_TIME);
    }

    /**
     * @param fxExecutor runs drains; {@code Platform::runLater} in the application, any single thread in tests
     * @param consumer   applies one event, on the FX executor
     */
    public FxRunBridge(Executor fxExecutor, Consumer<RunEvent> consumer, int sliceItems, Duration sliceTime) {
        this(fxExecutor, consumer, sliceItems, sliceTime, false);
    }

    /**
     * A bridge for a run shown live: the default slice bounds, and consecutive {@link RunEvent.TokenChunk}s of one
     * node that wait in the queue are applied as one chunk with their texts joined (the last one's sequence number),
     * which shows the same text for a fraction of the work. {@link #step} still applies one event at a time.
     */
    public static FxRunBridge forRun(Executor fxExecutor, Consumer<RunEvent> consumer) {
        return new FxRunBridge(fxExecutor, consumer, DEFAULT_SLICE_ITEMS, DEFAULT_SLICE_TIME, true);
    }

    private FxRunBridge(Executor fxExecutor, Consumer<RunEvent> consumer, int sliceItems, Duration sliceTime,
                        boolean mergeChunks) {
        this.mergeChunks = mergeChunks;
        if (sliceItems < 1 || sliceTime.isNegative() || sliceTime.isZero()) {
            throw new IllegalArgumentException("a slice must allow at least one item and some time");
        }
        this.fx = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.sliceItems = sliceItems;
        this.sliceNanos = sliceTime.toNanos();
    }

    /** Any thread: queues an engine event for the FX side. */
    @Override
    public void onEvent(RunEvent event) {
        enqueue(Objects.requireNonNull(event, "event"));
    }

    /** Any thread: queues an FX-side action behind every event queued so far (e.g. "the run stopped here"). */
    public void post(Runnable fxAction) {
        enqueue(Objects.requireNonNull(fxAction, "fxAction"));
    }

    private void enqueue(Object item) {
        queue.add(item);
        if (!scheduled.getAndSet(true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            fx.execute(drainTask);
        } catch (RuntimeException e) {
            // the toolkit (or the test's stand-in) has shut down: there is nothing left to show events on
            LOG.log(Level.FINE, "the FX executor refused a drain", e);
        }
    }

    /** FX side: stops applying queued items; the engine goes on and items accumulate. */
    public void pause() {
        paused = true;
    }

    /** FX side: applies what accumulated (in slices) and everything that follows. */
    public void resume() {
        paused = false;
        scheduled.set(true);
        schedule();
    }

    /** FX side: applies exactly one queued item (paused or not); false when none was queued. */
    public boolean step() {
        Object item = queue.poll();
        if (item == null) {
            return false;
        }
        apply(item, 1);
        return true;
    }

    public boolean isPaused() {
        return paused;
    }

    /** Items queued and not applied yet. */
    public int backlog() {
        return queue.size();
    }

    /** Items applied so far (events and actions). */
    public long appliedCount() {
        return applied;
    }

    /** Drains run so far; with {@link #appliedCount} it tells how bursts were coalesced. */
    public long sliceCount() {
        return slices;
    }

    private void drain() {
        if (paused) {
            // stay "scheduled": producers must not queue a drain per event while paused; resume() reschedules
            return;
        }
        slices++;
        long end = System.nanoTime() + sliceNanos;
        int n = 0;
        while (n < sliceItems && !paused) {
            Object item = queue.poll();
            if (item == null) {
                break;
            }
            int taken = 1;
            if (mergeChunks && item instanceof RunEvent.TokenChunk first) {
                // only this FX-side drain takes from the queue: what peek sees is what poll returns
                StringBuilder text = null;
                RunEvent.TokenChunk last = first;
                while (taken < MAX_CHUNKS_MERGED && n + taken < sliceItems
                        && queue.peek() instanceof RunEvent.TokenChunk next
                        && next.nodeId().equals(first.nodeId()) && next.runId().equals(first.runId())) {
                    queue.poll();
                    if (text == null) {
                        text = new StringBuilder(first.text());
                    }
                    text.append(next.text());
                    last = next;
                    taken++;
                }
                if (text != null) {
                    item = new RunEvent.TokenChunk(first.runId(), last.seq(), last.time(), first.nodeId(),
                            first.edgeId(), text.toString());
                }
            }
            apply(item, taken);
            n += taken;
            if (System.nanoTime() - end >= 0) {
                break;
            }
        }
        if (paused) {
            return;
        }
        if (!queue.isEmpty()) {
            schedule(); // the rest goes in a later pulse
            return;
        }
        scheduled.set(false);
        // an item queued between the emptiness check and the reset saw "scheduled" and did not schedule
        if (!queue.isEmpty() && !scheduled.getAndSet(true)) {
            schedule();
        }
    }

    /** Applies one item standing for {@code count} queued ones (merged chunks). */
    private void apply(Object item, int count) {
        try {
            if (item instanceof RunEvent e) {
                consumer.accept(e);
            } else {
                ((Runnable) item).run();
            }
        } catch (RuntimeException e) {
            // one bad item must not stop the pump: the rest of the run still has to show
            LOG.log(Level.WARNING, "applying " + item + " failed", e);
        }
        applied += count;
    }
}

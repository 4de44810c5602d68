package dev.baton.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers a run's events and hands them to its listeners without ever waiting for one.
 *
 * <p>Why the engine cannot be slowed by a listener: {@link #publish} only takes a short lock to assign the next
 * sequence number and append the event to one unbounded queue per listener, then makes sure a drain task for that
 * listener is scheduled on the listener executor. At most one drain task per listener runs at a time, so a listener
 * sees events one by one in sequence order; a slow listener only grows its own queue. A listener that throws keeps
 * receiving events; its first failure is reported once through {@link System.Logger} and kept for
 * {@link #listenerFailures()}.
 *
 * <p>{@link RunListener.Inline} listeners skip the queue: they are called right after numbering, still under the
 * numbering lock. The lock is what keeps them in sequence order when parallel branches publish at once, and calling
 * a listener that only appends to its own lock-free queue costs the lock no more than the append to a channel queue
 * it replaces; ordering them outside the lock would need a reorder buffer on every publish.
 */
final class EventBus {

    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());

    private final Object lock = new Object();
    private final EventClock clock;
    private final Executor listenerExecutor;
    private final List<Channel> channels = new ArrayList<>();
    private final List<RunListener> inline = new ArrayList<>();
    /** The inline listeners that threw once already (guarded by {@link #lock}). */
    private final List<RunListener> failedInline = new ArrayList<>();
    private long seq;
    private final List<String> failures = new ArrayList<>();
    private boolean closed;

    EventBus(Clock clock, Executor listenerExecutor, List<RunListener> listeners) {
        this.clock = new EventClock(clock);
        this.listenerExecutor = listenerExecutor;
        for (RunListener l : listeners) {
            if (l instanceof RunListener.Inline) {
                inline.add(l);
            } else {
                channels.add(new Channel(l));
            }
        }
    }

    /** Numbers and queues one event; returns it, or null after the terminal event. Never blocks on a listener. */
    RunEvent publish(RunEvent.Factory factory) {
        return publish(factory, false);
    }

    /**
     * Publishes the run's terminal event; later events (stragglers of interrupted branches) are dropped, so that the
     * terminal event is always the last and the numbering stays gap-free.
     */
    RunEvent publishLast(RunEvent.Factory factory) {
        return publish(factory, true);
    }

    private RunEvent publish(RunEvent.Factory factory, boolean last) {
        RunEvent event;
        synchronized (lock) {
            if (closed) {
                return null;
            }
            closed = last;
            seq++;
            event = factory.make(seq, clock.now());
            // indexed loops: no iterator per event (a tool call publishes four)
            for (int i = 0; i < inline.size(); i++) {
                deliverInline(inline.get(i), event);
            }
            for (int i = 0; i < channels.size(); i++) {
                channels.get(i).queue.add(event);
            }
        }
        for (int i = 0; i < channels.size(); i++) {
            channels.get(i).schedule();
        }
        return event;
    }

    /** Calls an inline listener under the lock; a failure is reported once and does not reach the engine. */
    private void deliverInline(RunListener listener, RunEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException | Error ex) {
            if (!failedInline.contains(listener)) {
                failedInline.add(listener);
                report(listener, ex);
            }
        }
    }

    /** Records a listener's first failure and logs it (caller holds {@link #lock}). */
    private void report(RunListener listener, Throwable ex) {
        String line = "listener " + listener.getClass().getName() + " failed: " + ex;
        failures.add(line);
        LOG.log(System.Logger.Level.WARNING, line + " (reported once; it keeps receiving events)", ex);
    }

    /** The number of events published so far. */
    long published() {
        synchronized (lock) {
            return seq;
        }
    }

    /** Waits until every listener has been handed every event published so far; false on timeout. */
    boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long target = published();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!allDelivered(target)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                long ms = Math.max(1, left / 1_000_000);
                lock.wait(ms);
            }
            return true;
        }
    }

    private boolean allDelivered(long target) {
        for (Channel c : channels) {
            if (c.delivered.get() < target) {
                return false;
            }
        }
        return true;
    }

    /** One line per listener that threw, with its first error. */
    List<String> listenerFailures() {
        synchronized (lock) {
            return List.copyOf(failures);
        }
    }

    /** One listener's queue and its single-runner drain task. */
    private final class Channel implements Runnable {
        final RunListener listener;
        final Queue<RunEvent> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
        final AtomicLong delivered = new AtomicLong();
        boolean failed;

        Channel(RunListener listener) {
            this.listener = listener;
        }

        void schedule() {
            if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
                try {
                    listenerExecutor.execute(this);
                } catch (RejectedExecutionException e) {
                    // the listener executor is shut down: drop what is queued rather than block the engine
                    draining.set(false);
                    fail(new IllegalStateException("listener executor rejected delivery", e));
                    drainWithoutDelivery();
                }
            }
        }

        @Override
        public void run() {
            while (true) {
                RunEvent e;
                while ((e = queue.poll()) != null) {
                    try {
                        listener.onEvent(e);
                    } catch (RuntimeException | Error ex) {
                        fail(ex);
                    }
                    markDelivered();
                }
                draining.set(false);
                // an event may have arrived between the last poll and the reset: take it if nobody else did
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        private void drainWithoutDelivery() {
            while (queue.poll() != null) {
                markDelivered();
            }
        }

        private void markDelivered() {
            delivered.incrementAndGet();
            synchronized (lock) {
                lock.notifyAll();
            }
        }

        private void fail(Throwable ex) {
            synchronized (lock) {
                if (failed) {
                    return;
                }
                failed = true;
                report(listener, ex);
            }
        }
    }
}

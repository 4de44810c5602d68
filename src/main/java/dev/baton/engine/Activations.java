package dev.baton.engine;

import dev.baton.engine.step.StepException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's node activations on their threads: each one's agent timeout, the tokens it spent and the time a person
 * held it, and the wait clock a wait on the current thread holds. Part of {@link RunContext}.
 */
final class Activations {

    // static: a ThreadLocal per run would leave a stale entry in every pooled thread after each run
    private static final ThreadLocal<Deque<Activation>> activations = ThreadLocal.withInitial(ArrayDeque::new);
    /** On a worker's thread: the wait clock of the activation that submitted it (a supervisor's). */
    private static final ThreadLocal<WaitClock> submitter = new ThreadLocal<>();
    private final Set<Activation> active = ConcurrentHashMap.newKeySet();

    /** Runs {@code body} as one activation of {@code nodeId} on this thread, due by {@code deadlineNanos}. */
    <T> T run(String nodeId, long deadlineNanos, StepBody<T> body) throws StepException {
        Activation a = new Activation(nodeId, Thread.currentThread(), deadlineNanos, new WaitClock(waitClock()));
        activations.get().push(a);
        active.add(a);
        try {
            return body.run();
        } finally {
            active.remove(a);
            activations.get().pop();
            synchronized (a) {
                a.ended = true;
                if (a.timedOut) {
                    // that interrupt was meant for this activation only: do not let it hit an enclosing one
                    Thread.interrupted();
                }
            }
        }
    }

    /** Interrupts every activation past its agent timeout. */
    void checkTimeouts() {
        long now = System.nanoTime();
        for (Activation a : active) {
            if (now - a.deadlineNanos >= 0) {
                synchronized (a) {
                    if (!a.ended && !a.timedOut) {
                        a.timedOut = true;
                        a.thread.interrupt();
                    }
                }
            }
        }
    }

    /** The node of this thread's activation that timed out (innermost first), or null. */
    String timedOutNode() {
        for (Activation a : activations.get()) {
            if (a.timedOut) {
                return a.nodeId;
            }
        }
        return null;
    }

    /** Adds a model call's tokens to this thread's innermost activation. */
    void countTokens(int in, int out) {
        Activation a = activations.get().peek();
        if (a != null) {
            a.inputTokens += in;
            a.outputTokens += out;
        }
    }

    /** Tokens in and out of this thread's innermost activation so far. */
    int[] tokens() {
        Activation a = activations.get().peek();
        return a == null ? new int[2] : new int[]{(int) a.inputTokens, (int) a.outputTokens};
    }

    /** Milliseconds this thread's innermost activation was held so far (breakpoints, a person's answers). */
    long waitedMs() {
        Activation a = activations.get().peek();
        return a == null ? 0 : a.waits.waitedNanos(System.nanoTime()) / 1_000_000;
    }

    /** The wait clock a wait on this thread holds: its innermost activation's, or the one that submitted its task. */
    WaitClock waitClock() {
        Activation a = activations.get().peek();
        return a != null ? a.waits : submitter.get();
    }

    /** On a worker's thread, while it runs a task: waits there hold {@code parent}, the submitter's clock. */
    static void submittedBy(WaitClock parent) {
        submitter.set(parent);
    }

    /** The worker's task ended: its thread goes back to the pool without the submitter's clock. */
    static void submittedTaskEnded() {
        submitter.remove();
    }

    /** One node activation on one thread, for the agent timeout. */
    private static final class Activation {
        final String nodeId;
        final Thread thread;
        final long deadlineNanos;
        final WaitClock waits;
        volatile boolean timedOut;
        boolean ended;
        long inputTokens;
        long outputTokens;

        Activation(String nodeId, Thread thread, long deadlineNanos, WaitClock waits) {
            this.nodeId = nodeId;
            this.thread = thread;
            this.deadlineNanos = deadlineNanos;
            this.waits = waits;
        }
    }
}

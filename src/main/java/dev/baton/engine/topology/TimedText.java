package dev.baton.engine.topology;

/**
 * The text a critic's regex runs over, read through a {@link CharSequence} that gives up past a deadline or when the
 * thread is interrupted (agent timeout, cancel). {@link java.util.regex.Matcher} reads every character through
 * {@link #charAt(int)} and never checks for interrupts itself, so a pattern that backtracks for minutes on a long
 * output is stopped here instead.
 */
final class TimedText implements CharSequence {

    /** Thrown out of the matcher when the time is up; says why. */
    static final class Expired extends RuntimeException {
        private final boolean interrupted;

        Expired(boolean interrupted) {
            super(interrupted ? "interrupted" : "took too long", null, false, false);
            this.interrupted = interrupted;
        }

        /** True when the thread was interrupted (the run stopping), false when the check's own time ran out. */
        boolean interrupted() {
            return interrupted;
        }
    }

    /** How many character reads pass between two looks at the clock: a read costs nanoseconds, the clock more. */
    private static final int CHECK_EVERY = 4_096;

    private final String text;
    private final int offset;
    private final int length;
    private final long deadlineNanos;
    private int reads;

    TimedText(String text, long deadlineNanos) {
        this(text, 0, text.length(), deadlineNanos);
    }

    private TimedText(String text, int offset, int length, long deadlineNanos) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (++reads >= CHECK_EVERY) {
            reads = 0;
            if (Thread.currentThread().isInterrupted()) {
                throw new Expired(true);
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new Expired(false);
            }
        }
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ")");
        }
        return new TimedText(text, offset + start, end - start, deadlineNanos);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}

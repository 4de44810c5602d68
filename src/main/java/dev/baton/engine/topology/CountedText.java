package dev.baton.engine.topology;

/**
 * The text a critic's regex runs over, read through a {@link CharSequence} that gives up after a number of character
 * reads or when the thread is interrupted (agent timeout, cancel). {@link java.util.regex.Matcher} reads every
 * character through {@link #charAt(int)} and never checks for interrupts itself, so a pattern that backtracks for
 * minutes on a long output is stopped here instead. The bound counts work, not time, so that a check decides the same
 * way on a quiet machine, a loaded one and a Temporal replay of the run.
 */
final class CountedText implements CharSequence {

    /** Thrown out of the matcher when the reads are used up; says why. */
    static final class Expired extends RuntimeException {
        private final boolean interrupted;

        Expired(boolean interrupted) {
            super(interrupted ? "interrupted" : "too many reads", null, false, false);
            this.interrupted = interrupted;
        }

        /** True when the thread was interrupted (the run stopping), false when the check's own reads ran out. */
        boolean interrupted() {
            return interrupted;
        }
    }

    /** How many character reads pass between two looks at the interrupt flag. */
    private static final int CHECK_EVERY = 4_096;

    private final String text;
    private final int offset;
    private final int length;
    /** Reads left, shared with the sub-sequences the matcher takes. */
    private final long[] left;

    CountedText(String text, long maxReads) {
        this(text, 0, text.length(), new long[] {maxReads});
    }

    private CountedText(String text, int offset, int length, long[] left) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.left = left;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        long l = --left[0];
        if (l < 0) {
            throw new Expired(false);
        }
        if ((l & (CHECK_EVERY - 1)) == 0 && Thread.currentThread().isInterrupted()) {
            throw new Expired(true);
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
        return new CountedText(text, offset + start, end - start, left);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}

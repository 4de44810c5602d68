package dev.baton.audit;

/**
 * Event keys since schema version 5: {@code event_key = run_no * 2^32 + seq}, so one run's events are one key range
 * and H2 keeps the events in a single tree (see {@code V5__events_keyed_by_number.sql}).
 */
final class EventKeys {

    /** The highest sequence number a key can hold. */
    static final long MAX_SEQ = 0xFFFF_FFFFL;
    /** How far apart two runs' keys start (2^32): {@code event_key = run_no * RUN_SPAN + seq}, as SQL writes it. */
    static final long RUN_SPAN = MAX_SEQ + 1;

    private EventKeys() {
    }

    static long key(long runNo, long seq) {
        if (seq < 0 || seq > MAX_SEQ) {
            throw new IllegalArgumentException("event #" + seq + " is beyond what the audit database can key");
        }
        return runNo << 32 | seq;
    }

    /** The lowest key of the run's events. */
    static long first(long runNo) {
        return runNo << 32;
    }

    /** The highest key of the run's events. */
    static long last(long runNo) {
        return runNo << 32 | MAX_SEQ;
    }
}

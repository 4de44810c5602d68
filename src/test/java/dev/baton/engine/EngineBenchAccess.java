package dev.baton.engine;

/** Lets benchmarks outside this package compare the engine with and without coalesced token chunks. */
public final class EngineBenchAccess {

    private EngineBenchAccess() {
    }

    /** Sets the token-chunk window of calls started from now on; 0 emits every streamed chunk as its own event. */
    public static void tokenChunkWindowMillis(long millis) {
        ChunkCoalescer.windowMillis = millis;
    }

    /** The window the engine ships with. */
    public static long defaultTokenChunkWindowMillis() {
        return ChunkCoalescer.DEFAULT_WINDOW_MILLIS;
    }
}

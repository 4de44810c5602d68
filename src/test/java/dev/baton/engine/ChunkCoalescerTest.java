package dev.baton.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The coalescing rule on a hand-driven clock: at most one emission per window, counted from the call's start. */
class ChunkCoalescerTest {

    private long nowMillis;
    private final List<String> emitted = new ArrayList<>();
    private final ChunkCoalescer sink = new ChunkCoalescer(emitted::add, 25, () -> nowMillis * 1_000_000L);

    @Test
    void aBurstRightAfterTheCallStartsLeavesAsOneEmissionAtFlush() {
        for (int i = 0; i < 500; i++) {
            sink.onToken("t" + i + " ");
        }
        assertThat(emitted).isEmpty();
        sink.flush();

        assertThat(emitted).containsExactly(expected(500));
    }

    @Test
    void chunksFortyMillisApartEachLeaveAtOnce() {
        for (int i = 0; i < 5; i++) {
            nowMillis += 40;
            sink.onToken("t" + i + " ");
            assertThat(emitted).hasSize(i + 1);
        }
        sink.flush();

        assertThat(emitted).containsExactly("t0 ", "t1 ", "t2 ", "t3 ", "t4 ");
    }

    @Test
    void aSteadyFastStreamLeavesAboutOnceAWindow() {
        // 1,000 tokens, one every 2 ms: 2 s of streaming
        for (int i = 0; i < 1000; i++) {
            nowMillis += 2;
            sink.onToken("t" + i + " ");
        }
        sink.flush();

        assertThat(emitted.size()).isBetween(70, 82); // 2,000 ms / 26 ms per emission, plus the last
        assertThat(String.join("", emitted)).isEqualTo(expected(1000));
    }

    @Test
    void theWindowCountsFromTheCallStartThenFromTheLastEmissionNotTheLastChunk() {
        nowMillis += 10;
        sink.onToken("a");
        nowMillis += 15;
        sink.onToken("b");
        nowMillis += 24;
        sink.onToken("c");
        nowMillis += 1;
        sink.onToken("d");

        assertThat(emitted).containsExactly("ab", "cd");
    }

    @Test
    void emptyChunksAndEmptyFlushesEmitNothing() {
        sink.onToken("");
        sink.onToken(null);
        sink.flush();
        sink.close();

        assertThat(emitted).isEmpty();
    }

    @Test
    void afterCloseLateChunksPassStraightThrough() {
        sink.onToken("a");
        sink.onToken("b");
        sink.close();
        sink.onToken("late");

        assertThat(emitted).containsExactly("ab", "late");
    }

    @Test
    void aZeroWindowEmitsEveryChunk() {
        ChunkCoalescer each = new ChunkCoalescer(emitted::add, 0, () -> nowMillis * 1_000_000L);
        each.onToken("a");
        each.onToken("b");

        assertThat(emitted).containsExactly("a", "b");
    }

    private static String expected(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append('t').append(i).append(' ');
        }
        return sb.toString();
    }
}

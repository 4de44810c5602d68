package dev.baton.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The coalescing rule on a hand-driven clock: first chunk at once, then at most one emission per window. */
class ChunkCoalescerTest {

    private long nowMillis;
    private final List<String> emitted = new ArrayList<>();
    private final ChunkCoalescer sink = new ChunkCoalescer(emitted::add, 25, () -> nowMillis * 1_000_000L);

    @Test
    void aBurstGivesTheFirstChunkThenOneEmissionAtFlush() {
        for (int i = 0; i < 500; i++) {
            sink.onToken("t" + i + " ");
        }
        sink.flush();

        assertThat(emitted).hasSize(2);
        assertThat(emitted.get(0)).isEqualTo("t0 ");
        assertThat(String.join("", emitted)).isEqualTo(expected(500));
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

        assertThat(emitted.size()).isBetween(70, 82); // 2,000 ms / 26 ms per emission, plus first and last
        assertThat(String.join("", emitted)).isEqualTo(expected(1000));
    }

    @Test
    void theWindowCountsFromTheLastEmissionNotTheLastChunk() {
        sink.onToken("a");
        nowMillis += 24;
        sink.onToken("b");
        nowMillis += 1;
        sink.onToken("c");

        assertThat(emitted).containsExactly("a", "bc");
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

        assertThat(emitted).containsExactly("a", "b", "late");
    }

    private static String expected(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append('t').append(i).append(' ');
        }
        return sb.toString();
    }
}

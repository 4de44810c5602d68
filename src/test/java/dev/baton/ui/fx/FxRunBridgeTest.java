package dev.baton.ui.fx;

import dev.baton.engine.RunEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge on a hand-driven executor: order, one pending drain, bounded slices, pause and step. */
class FxRunBridgeTest {

    /** An "FX thread" that only runs what the test tells it to run, so that scheduling can be counted. */
    static final class ManualFx implements Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        final AtomicInteger scheduled = new AtomicInteger();

        @Override
        public void execute(Runnable r) {
            scheduled.incrementAndGet();
            tasks.add(r);
        }

        /** Runs one pulse's worth: the tasks queued now, not the ones they queue. */
        int pulse() {
            int n = tasks.size();
            for (int i = 0; i < n; i++) {
                tasks.poll().run();
            }
            return n;
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    static RunEvent chunk(long seq) {
        return new RunEvent.TokenChunk("run-1", seq, Instant.EPOCH, "n", "", "t" + seq);
    }

    @Test
    void aBurstSchedulesOneDrainAndArrivesInOrder() {
        ManualFx fx = new ManualFx();
        List<Long> seen = new ArrayList<>();
        FxRunBridge bridge = new FxRunBridge(fx, e -> seen.add(e.seq()), 10_000, Duration.ofSeconds(1));
        for (long i = 1; i <= 1000; i++) {
            bridge.onEvent(chunk(i));
        }
        assertThat(fx.scheduled).hasValue(1);
        fx.runAll();
        assertThat(seen).hasSize(1000).isSorted().startsWith(1L).endsWith(1000L);
        assertThat(bridge.sliceCount()).isEqualTo(1);
        // once drained, the next event schedules a new drain
        bridge.onEvent(chunk(1001));
        assertThat(fx.scheduled).hasValue(2);
    }

    @Test
    void aDrainAppliesAtMostOneSliceThenReschedulesForTheNextPulse() {
        ManualFx fx = new ManualFx();
        List<Long> seen = new ArrayList<>();
        FxRunBridge bridge = new FxRunBridge(fx, e -> seen.add(e.seq()), 25, Duration.ofSeconds(1));
        for (long i = 1; i <= 100; i++) {
            bridge.onEvent(chunk(i));
        }
        fx.pulse();
        assertThat(seen).hasSize(25);
        assertThat(bridge.backlog()).isEqualTo(75);
        fx.pulse();
        assertThat(seen).hasSize(50);
        fx.runAll();
        assertThat(seen).hasSize(100).isSorted();
    }

    @Test
    void aSliceStopsWhenItsTimeBudgetIsSpent() {
        ManualFx fx = new ManualFx();
        List<Long> seen = new ArrayList<>();
        FxRunBridge bridge = new FxRunBridge(fx, e -> {
            seen.add(e.seq());
            sleep(3);
        }, 1000, Duration.ofMillis(5));
        for (long i = 1; i <= 20; i++) {
            bridge.onEvent(chunk(i));
        }
        fx.pulse();
        // 3 ms per event against a 5 ms budget: the slice ends after at most two events
        assertThat(seen).hasSizeBetween(1, 2);
        fx.runAll();
        assertThat(seen).hasSize(20).isSorted();
    }

    @Test
    void pausedEventsWaitStepAppliesOneAndResumeAppliesTheRest() {
        ManualFx fx = new ManualFx();
        List<Long> seen = new ArrayList<>();
        FxRunBridge bridge = new FxRunBridge(fx, e -> seen.add(e.seq()), 100, Duration.ofSeconds(1));
        bridge.pause();
        for (long i = 1; i <= 10; i++) {
            bridge.onEvent(chunk(i));
        }
        fx.runAll();
        assertThat(seen).isEmpty();
        // while paused, more events do not schedule a drain each
        int before = fx.scheduled.get();
        bridge.onEvent(chunk(11));
        assertThat(fx.scheduled.get()).isEqualTo(before);

        assertThat(bridge.step()).isTrue();
        assertThat(seen).containsExactly(1L);
        bridge.resume();
        fx.runAll();
        assertThat(seen).hasSize(11).isSorted();
        assertThat(bridge.step()).isFalse();
    }

    @Test
    void postedActionsKeepTheirPlaceBetweenEvents() {
        ManualFx fx = new ManualFx();
        List<String> seen = new ArrayList<>();
        FxRunBridge bridge = new FxRunBridge(fx, e -> seen.add("e" + e.seq()), 100, Duration.ofSeconds(1));
        bridge.onEvent(chunk(1));
        bridge.post(() -> seen.add("action"));
        bridge.onEvent(chunk(2));
        fx.runAll();
        assertThat(seen).containsExactly("e1", "action", "e2");
    }

    @Test
    void aThrowingConsumerDoesNotStopThePump() {
        ManualFx fx = new ManualFx();
        List<Long> seen = new ArrayList<>();
        FxRunBridge bridge = new FxRunBridge(fx, e -> {
            if (e.seq() == 2) {
                throw new IllegalStateException("bad event");
            }
            seen.add(e.seq());
        }, 100, Duration.ofSeconds(1));
        for (long i = 1; i <= 3; i++) {
            bridge.onEvent(chunk(i));
        }
        fx.runAll();
        assertThat(seen).containsExactly(1L, 3L);
    }

    @Test
    void manyProducerThreadsLoseNothingAndNeverHaveTwoDrainsQueued() throws Exception {
        ManualFx fx = new ManualFx();
        AtomicInteger applied = new AtomicInteger();
        FxRunBridge bridge = new FxRunBridge(fx, e -> applied.incrementAndGet(), 50, Duration.ofSeconds(1));
        int threads = 4;
        int each = 5_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread p = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    bridge.onEvent(chunk(i));
                }
                done.countDown();
            });
            p.start();
        }
        // the "FX thread" pulses while producers run; a drain queue longer than one would mean double scheduling
        while (done.getCount() > 0 || !fx.tasks.isEmpty()) {
            assertThat(fx.tasks.size()).isLessThanOrEqualTo(1);
            fx.pulse();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        fx.runAll();
        assertThat(applied).hasValue(threads * each);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static RunEvent chunkOf(String node, long seq) {
        return new RunEvent.TokenChunk("run-1", seq, Instant.EPOCH, node, "", node + seq + " ");
    }

    @Test
    void aLiveRunsBridgeMergesWaitingChunksOfOneNodeAndKeepsTheOrderAcrossNodes() {
        ManualFx fx = new ManualFx();
        List<RunEvent> seen = new ArrayList<>();
        FxRunBridge bridge = FxRunBridge.forRun(fx, seen::add);
        bridge.onEvent(chunkOf("a", 1));
        bridge.onEvent(chunkOf("a", 2));
        bridge.onEvent(chunkOf("a", 3));
        bridge.onEvent(chunkOf("b", 4));
        bridge.onEvent(new RunEvent.AgentFinished("run-1", 5, Instant.EPOCH, "b", "", "out", 1, 1, 1));
        bridge.onEvent(chunkOf("a", 6));
        bridge.onEvent(chunkOf("a", 7));
        fx.runAll();

        assertThat(seen).extracting(RunEvent::seq).containsExactly(3L, 4L, 5L, 7L);
        assertThat(((RunEvent.TokenChunk) seen.get(0)).text()).isEqualTo("a1 a2 a3 ");
        assertThat(((RunEvent.TokenChunk) seen.get(1)).text()).isEqualTo("b4 ");
        assertThat(((RunEvent.TokenChunk) seen.get(3)).text()).isEqualTo("a6 a7 ");
        assertThat(bridge.appliedCount()).as("counts the events, not the merged applications").isEqualTo(7);
    }

    @Test
    void stepAppliesOneChunkEvenWhenMoreWaitAndAPlainBridgeNeverMerges() {
        ManualFx fx = new ManualFx();
        List<RunEvent> seen = new ArrayList<>();
        FxRunBridge live = FxRunBridge.forRun(fx, seen::add);
        live.pause();
        live.onEvent(chunkOf("a", 1));
        live.onEvent(chunkOf("a", 2));
        assertThat(live.step()).isTrue();
        assertThat(seen).extracting(RunEvent::seq).containsExactly(1L);

        List<RunEvent> plain = new ArrayList<>();
        FxRunBridge bridge = new FxRunBridge(fx, plain::add, 100, Duration.ofSeconds(1));
        bridge.onEvent(chunkOf("a", 1));
        bridge.onEvent(chunkOf("a", 2));
        fx.runAll();
        assertThat(plain).extracting(RunEvent::seq).containsExactly(1L, 2L);
    }
}

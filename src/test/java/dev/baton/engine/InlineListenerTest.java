package dev.baton.engine;

import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Inline listeners: called on the publishing thread, in sequence order, and unable to break a run by throwing. */
class InlineListenerTest {

    /** Records each event and the thread it arrived on. */
    private static final class InlineRecorder implements RunListener.Inline {
        final List<RunEvent> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(RunEvent event) {
            events.add(event);
            threads.add(Thread.currentThread().getName());
        }
    }

    private static RunEvent.Factory chunk(String text) {
        return (seq, time) -> new RunEvent.TokenChunk("r", seq, time, "n", "", text);
    }

    @Test
    void eventsPublishedFromManyThreadsAtOnceReachAnInlineListenerInSequenceOrder() throws Exception {
        InlineRecorder inline = new InlineRecorder();
        EventBus bus = new EventBus(Clock.systemUTC(), Runnable::run, List.of(inline));
        int threads = 8;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        bus.publish(chunk(name));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(inline.events).hasSize(threads * perThread);
        for (int i = 0; i < inline.events.size(); i++) {
            assertThat(inline.events.get(i).seq()).as("event %d", i).isEqualTo(i + 1L);
        }
        // every publishing thread delivered its own events: no listener thread was involved
        assertThat(inline.threads).allMatch(n -> n.startsWith("pool-"));
        assertThat(bus.awaitDelivered(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void parallelBranchesOfARunReachInlineAndQueuedListenersInTheSameSequenceOrder() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("left", "left says").answer("right", "right says")
                .answer("join", "joined");
        Flow flow = Flows.flow().agent("left").agent("right").agent("join")
                .next("start", "left").next("start", "right")
                .next("left", "join", ContextPolicy.LAST).next("right", "join", ContextPolicy.LAST)
                .next("join", "out", ContextPolicy.LAST).build();
        for (int round = 0; round < 20; round++) {
            InlineRecorder inline = new InlineRecorder();
            EventRecorder queued = new EventRecorder();
            RunHandle h = Runs.runner(model).start(flow, RunRequest.of("go"), inline, queued);
            assertThat(h.result().get(20, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(h.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();
            assertThat(inline.events).isEqualTo(queued.events);
            for (int i = 0; i < inline.events.size(); i++) {
                assertThat(inline.events.get(i).seq()).isEqualTo(i + 1L);
            }
            assertThat(inline.events.get(inline.events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
        }
    }

    @Test
    void anInlineListenerThatThrowsDoesNotBreakTheRunAndIsReportedOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RunListener.Inline throwing = event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("inline boom");
        };
        EventRecorder queued = new EventRecorder();
        ScriptedModel model = new ScriptedModel().answer("a", "notes").answer("b", "draft");
        RunHandle h = Runs.runner(model).start(Flows.flow().chain("a", "b").build(), RunRequest.of("go"), throwing,
                queued);
        RunResult r = h.result().get(20, TimeUnit.SECONDS);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.output()).endsWith("draft");
        // it kept being called for every event, and the other listener saw the whole run
        assertThat(calls.get()).isEqualTo(queued.events.size());
        assertThat(queued.events.get(queued.events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
        assertThat(h.listenerFailures()).hasSize(1).first().asString().contains("inline boom");
    }
}

package dev.baton.engine;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Streamed chunks reach listeners coalesced, complete, in order, and before the call's reply or failure. */
class TokenChunkCoalescingTest {

    /** Streams its reply as given chunks, pausing between them; optionally blocks mid-stream until interrupted. */
    private record StreamingModel(List<String> chunks, long pauseMillis, int blockAfter, CountDownLatch blocked)
            implements AgentModel, ModelProvider {

        @Override
        public ModelReply chat(ModelRequest request, TokenSink sink) throws ModelException {
            try {
                for (int i = 0; i < chunks.size(); i++) {
                    if (i == blockAfter) {
                        blocked.countDown();
                        Thread.sleep(30_000);
                    }
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                    sink.onToken(chunks.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException(ModelException.Kind.CANCELLED, "interrupted");
            }
            return new ModelReply(String.join("", chunks), List.of(), 10, chunks.size(), true, "fake", "fake-1",
                    false);
        }

        @Override
        public String missingCredentials(ModelRef ref) {
            return null;
        }

        @Override
        public AgentModel model(ModelRef ref) {
            return this;
        }
    }

    private static List<String> tokens(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "tok" + i + " ").toList();
    }

    private static String joined(List<RunEvent.TokenChunk> chunks) {
        return chunks.stream().map(RunEvent.TokenChunk::text).collect(Collectors.joining());
    }

    @Test
    void aFastStreamGivesFewEventsWhoseTextIsExactlyTheReply() throws Exception {
        StreamingModel model = new StreamingModel(tokens(500), 0, -1, new CountDownLatch(1));
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a").build(), "go");

        List<RunEvent.TokenChunk> chunks = o.events(RunEvent.TokenChunk.class);
        RunEvent.ModelResponded reply = o.events(RunEvent.ModelResponded.class).get(0);
        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(chunks.size()).isBetween(1, 4); // 500 tokens in well under a window, unless the machine stalls
        assertThat(joined(chunks)).isEqualTo(reply.text()).isEqualTo(String.join("", tokens(500)));
        // every chunk comes before the reply event
        assertThat(chunks).allSatisfy(c -> assertThat(c.seq()).isLessThan(reply.seq()));
    }

    @Test
    void aSlowStreamStillGivesOneEventPerChunk() throws Exception {
        StreamingModel model = new StreamingModel(List.of("one ", "two ", "three"), 40, -1, new CountDownLatch(1));
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a").build(), "go");

        assertThat(o.events(RunEvent.TokenChunk.class)).extracting(RunEvent.TokenChunk::text)
                .containsExactly("one ", "two ", "three");
    }

    /** Runs one chain agent on the given runner options. */
    private static List<RunEvent.TokenChunk> chunksWith(RunnerOptions options, StreamingModel model) throws Exception {
        EventRecorder rec = new EventRecorder();
        RunHandle h = FlowRunner.create(model, options).start(Flows.flow().chain("a").build(), RunRequest.of("go"),
                rec);
        assertThat(h.result().get(20, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();
        return rec.of(RunEvent.TokenChunk.class);
    }

    @Test
    void theWindowIsARunnerOption() throws Exception {
        // zero: every streamed chunk its own event, however fast they come
        List<RunEvent.TokenChunk> each = chunksWith(Runs.FAST_RETRY.withTokenChunkWindow(Duration.ZERO),
                new StreamingModel(tokens(200), 0, -1, new CountDownLatch(1)));
        assertThat(each).extracting(RunEvent.TokenChunk::text).containsExactlyElementsOf(tokens(200));

        // a window longer than the call: chunks 40 ms apart (one event each by default) leave as one at the reply
        List<RunEvent.TokenChunk> joined = chunksWith(Runs.FAST_RETRY.withTokenChunkWindow(Duration.ofMinutes(5)),
                new StreamingModel(List.of("one ", "two ", "three"), 40, -1, new CountDownLatch(1)));
        assertThat(joined).extracting(RunEvent.TokenChunk::text).containsExactly("one two three");
    }

    @Test
    void aNegativeWindowIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> RunnerOptions.DEFAULT.withTokenChunkWindow(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenChunkWindow");
    }

    @Test
    void cancellingMidStreamLosesNoTextTheModelAlreadyStreamed() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        StreamingModel model = new StreamingModel(tokens(50), 0, 30, blocked);
        EventRecorder rec = new EventRecorder();
        RunHandle h = Runs.runner(model).start(Flows.flow().chain("a").build(), RunRequest.of("go"), rec);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        h.cancel();
        RunResult r = h.result().get(10, TimeUnit.SECONDS);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(joined(rec.of(RunEvent.TokenChunk.class))).isEqualTo(String.join("", tokens(30)));
        long cancelledAt = rec.of(RunEvent.RunCancelled.class).get(0).seq();
        assertThat(rec.of(RunEvent.TokenChunk.class)).allSatisfy(c -> assertThat(c.seq()).isLessThan(cancelledAt));
    }
}

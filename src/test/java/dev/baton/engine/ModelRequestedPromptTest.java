package dev.baton.engine;

import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ModelRequested's prompt is converted when a sink reads it, not when the call is made: sinks on listener threads
 * (a plain one and a redacting one) still read every call's whole prompt, in order, as the model got it, the
 * redacting one with the key in the input replaced; a message shown by several calls' events is converted once;
 * readers on several threads at once read the same prompt.
 */
class ModelRequestedPromptTest {

    private static final String KEY = "sk-ant-api03-" + "abcdefghijklmnopqrstuvwxyz0123";

    @Test
    void everySinkReadsTheWholePromptOfEveryCallTheRedactingOneRedacted() throws Exception {
        EventRecorder plain = new EventRecorder();
        EventRecorder redacted = new EventRecorder();
        RunHandle h = Runs.runner(ToolLoopScalingTest.stub(3)).start(ToolLoopScalingTest.flow(3), RunRequest.of("add these, key " + KEY), plain,
                RedactedEvents.redacting(redacted, Redactor.shapesOnly()));
        assertThat(h.result().get(20, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();

        List<RunEvent.ModelRequested> asked = plain.of(RunEvent.ModelRequested.class);
        assertThat(asked).extracting(RunEvent.ModelRequested::messages).containsExactly(2, 4, 6, 8);
        RunEvent.ModelRequested last = asked.get(3);
        assertThat(last.prompt()).extracting(RunEvent.PromptMessage::role).containsExactly("system", "user",
                "assistant", "tool", "assistant", "tool", "assistant", "tool");
        assertThat(last.prompt().get(1).text()).endsWith("add these, key " + KEY);
        assertThat(last.prompt().get(2).text()).isEqualTo("[tool call] calculator {expression=1 + 0}");
        assertThat(last.prompt().get(3)).isEqualTo(new RunEvent.PromptMessage("tool", "calculator", "1"));
        assertThat(last.prompt().get(7).text()).isEqualTo("3");
        for (RunEvent.ModelRequested e : asked) {
            assertThat(e.prompt()).hasSize(e.messages()).isEqualTo(last.prompt().subList(0, e.messages()));
        }
        // written as JSON (events file, Temporal's wire, exports) as the list it reads as
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules().valueToTree(last.prompt());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(8);
        assertThat(json.get(2).get("role").asText()).isEqualTo("assistant");
        assertThat(json.get(7).get("text").asText()).isEqualTo("3");
        // one conversion per message, however many calls' events show it
        assertThat(asked.get(3).prompt().get(2)).isSameAs(asked.get(1).prompt().get(2));
        assertThat(asked.get(3).prompt().get(0)).isSameAs(asked.get(0).prompt().get(0));

        List<RunEvent.ModelRequested> shown = redacted.of(RunEvent.ModelRequested.class);
        assertThat(shown).hasSize(4);
        for (RunEvent.ModelRequested e : shown) {
            assertThat(e.prompt()).hasSize(e.messages());
            assertThat(e.prompt().get(1).text()).endsWith("add these, key " + Redactor.REDACTED);
            assertThat(e.prompt().toString()).doesNotContain(KEY);
        }
        assertThat(shown.get(3).prompt().subList(2, 8)).isEqualTo(last.prompt().subList(2, 8));
    }

    @Test
    void readersOnSeveralThreadsAtOnceReadTheSamePrompt() throws Exception {
        EventRecorder plain = new EventRecorder();
        RunHandle h = Runs.runner(ToolLoopScalingTest.stub(40)).start(ToolLoopScalingTest.flow(40), RunRequest.of("add"), plain);
        assertThat(h.result().get(20, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();
        List<RunEvent.ModelRequested> asked = plain.of(RunEvent.ModelRequested.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int from = r;
                readers.add(() -> {
                    // each reader walks the events in its own order, so that they convert different messages first
                    List<String> texts = new ArrayList<>();
                    for (int i = 0; i < asked.size(); i++) {
                        RunEvent.ModelRequested e = asked.get((i * 7 + from * 11) % asked.size());
                        for (int m = e.prompt().size() - 1; m >= 0; m--) {
                            texts.add(e.messages() + ":" + m + ":" + e.prompt().get(m).text());
                        }
                    }
                    texts.sort(null);
                    return texts;
                });
            }
            List<Future<List<String>>> read = pool.invokeAll(readers);
            List<String> first = read.get(0).get();
            assertThat(first).contains("82:81:40", "82:80:[tool call] calculator {expression=1 + 39}");
            for (Future<List<String>> f : read) {
                assertThat(f.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

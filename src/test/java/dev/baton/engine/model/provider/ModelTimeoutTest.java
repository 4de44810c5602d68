package dev.baton.engine.model.provider;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.ModelRef;
import dev.baton.testing.ScriptedOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.testing.ScriptedOpenAiServer.any;
import static dev.baton.testing.ScriptedReply.delayed;
import static dev.baton.testing.ScriptedReply.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A model reference's {@code timeoutSeconds} is the HTTP timeout of its calls, and a timeout says how to raise it. */
class ModelTimeoutTest {

    @TempDir
    Path home;

    private ScriptedOpenAiServer server;
    /** The factory default is long: only the reference's own timeout can end the wait early. */
    private ChatModelFactory factory;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
        server.when(any()).always(delayed(Duration.ofSeconds(4), text("late")));
        factory = new ChatModelFactory(new Credentials(Map.<String, String>of()::get, home), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelRef ref(Integer timeoutSeconds) {
        return new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", server.baseUrl(), null, timeoutSeconds);
    }

    private static ModelRequest ask() {
        return new ModelRequest("agent", List.of(new ChatMessage.User("hi")), List.of(), false);
    }

    @Test
    void aShortTimeoutEndsTheWaitAndNamesTheSetting() {
        long start = System.nanoTime();

        ModelException failure = catchThrowableOfType(ModelException.class,
                () -> factory.model(ref(1)).chat(ask(), null));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("model 'openai-compatible/local' timed out: no answer in 1 s; "
                + "raise model.timeoutSeconds (now 1)");
    }

    @Test
    void aLongerTimeoutWaitsForTheSlowAnswer() throws Exception {
        assertThat(factory.model(ref(10)).chat(ask(), null).text()).isEqualTo("late");
    }
}

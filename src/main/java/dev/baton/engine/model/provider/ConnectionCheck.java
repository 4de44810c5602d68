package dev.baton.engine.model.provider;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.flow.ModelRef;
import dev.baton.secret.Redactor;

import java.time.Duration;
import java.util.List;

/**
 * Test connection: one tiny call ("reply OK") to a provider's model, with the keys Baton would use for a run. Blocking:
 * call it off the FX thread. A failure is a result carrying the provider's own message, with keys redacted.
 */
public final class ConnectionCheck {

    /** What the call gave: ok with the time it took, or the reason it failed. */
    public record Outcome(boolean ok, long latencyMs, String message) { }

    private final Credentials credentials;
    private final Duration timeout;

    public ConnectionCheck(Credentials credentials, Duration timeout) {
        this.credentials = credentials;
        this.timeout = timeout;
    }

    public Outcome check(ModelRef ref) {
        if (ref.isSimulated()) {
            return new Outcome(true, 0, "the simulated model runs offline: nothing to connect to");
        }
        if (ref.name().isBlank()) {
            return new Outcome(false, 0, "give a model name to test");
        }
        // the keys this check may send, and every key shape, never reach the message shown
        Redactor redactor = new Redactor(credentials.keyValues());
        long start = System.nanoTime();
        try {
            ModelReply reply = new ChatModelFactory(credentials, timeout).model(ref).chat(new ModelRequest(
                    "connection-test", List.of(new ChatMessage.User("Reply with the single word OK.")), List.of(),
                    false), TokenSink.NONE);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new Outcome(true, ms, "connected · " + ms + " ms" + (reply.text() == null ? ""
                    : " · replied \"" + abbreviate(reply.text().strip()) + "\""));
        } catch (ModelException e) {
            return new Outcome(false, (System.nanoTime() - start) / 1_000_000,
                    redactor.redact(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            return new Outcome(false, (System.nanoTime() - start) / 1_000_000,
                    redactor.redact(String.valueOf(e.getMessage())));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}

package dev.baton.engine.model.provider;

import dev.baton.engine.model.ModelException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A network failure that carries no message anywhere in its chain still tells the user what happened: Models &amp;
 * Keys ▸ Test connection with no network read "model 'openai/gpt-4.1' network error: UnresolvedModelServerException".
 */
class NetworkErrorMessageTest {

    @Test
    void anUnresolvedHostSaysSo() {
        ModelException e = ErrorClassifier.classify(
                new UnresolvedModelServerException((String) null, new UnresolvedAddressException()), "openai/gpt-4.1");
        assertThat(e.kind()).isEqualTo(ModelException.Kind.NETWORK);
        assertThat(e.getMessage()).isEqualTo("model 'openai/gpt-4.1' network error: the server's host name could not"
                + " be resolved (no network, or a wrong base URL)");
    }

    @Test
    void aRefusedConnectionWithoutMessageSaysSo() {
        ModelException e = ErrorClassifier.classify(new RuntimeException(null, new ConnectException()),
                "ollama/llama3.2");
        assertThat(e.getMessage()).contains("network error: the connection was refused");
    }

    @Test
    void aMessageInTheChainIsStillPreferred() {
        ModelException e = ErrorClassifier.classify(new RuntimeException(null,
                new ConnectException("Connection refused: localhost/127.0.0.1:11434")), "ollama/llama3.2");
        assertThat(e.getMessage()).contains("ConnectException: Connection refused: localhost/127.0.0.1:11434");
    }
}

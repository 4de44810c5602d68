package dev.baton.engine.model.provider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the provider tests against a {@link LoopbackServer} share: a server started before each test and closed after
 * it, and a {@link ChatModelFactory} with the loopback keys and {@link #timeout()} as every model's timeout.
 */
abstract class LoopbackProviderTest {

    @TempDir
    Path home;

    LoopbackServer server;
    ChatModelFactory factory;

    /** Every model's timeout in the test; 3 s unless a test needs another. */
    Duration timeout() {
        return Duration.ofSeconds(3);
    }

    @BeforeEach
    void startLoopback() throws IOException {
        server = new LoopbackServer();
        factory = LoopbackServer.factory(home, timeout());
    }

    @AfterEach
    void stopLoopback() {
        server.close();
    }
}

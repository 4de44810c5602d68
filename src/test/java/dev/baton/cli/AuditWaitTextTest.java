package dev.baton.cli;

import dev.baton.audit.AuditStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code audit show} gives a node's wait apart from its latency, and says nothing of a wait for older runs. */
class AuditWaitTextTest {

    @Test
    void aFinishedLineShowsTheWaitWhenThereWasOne() {
        String waited = "{\"output\":\"x\",\"inputTokens\":10,\"outputTokens\":20,\"latencyMs\":150,\"waitedMs\":4200}";
        String old = "{\"output\":\"x\",\"inputTokens\":10,\"outputTokens\":20,\"latencyMs\":4350}";

        assertThat(AuditText.describe(row(waited))).isEqualTo("finished: 10 in / 20 out tokens, 150 ms, waited 4200 ms");
        assertThat(AuditText.describe(row(old))).isEqualTo("finished: 10 in / 20 out tokens, 4350 ms");
    }

    private static AuditStore.StoredEvent row(String payload) {
        return new AuditStore.StoredEvent("r", 1, Instant.EPOCH, "AgentFinished", "lead", "", payload, "");
    }
}

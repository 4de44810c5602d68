package dev.baton.audit;

import dev.baton.engine.RunEvent;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** AgentFinished's waitedMs goes into the audit payload and back; a payload written before it existed reads as 0. */
class WaitedMsStoredTest {

    @Test
    void waitedMsRoundTripsAndOldPayloadsReadAsNoWait() {
        RunEvent.AgentFinished e = new RunEvent.AgentFinished("r1", 7, Instant.parse("2026-12-07T10:00:00Z"), "lead",
                "", "answer", 10, 20, 150, 4_200);
        EventCodec.Row row = EventCodec.encode(e, Redactor.shapesOnly());
        RunEvent back = StoredEvents.decode(new AuditStore.StoredEvent(row.runId(), row.seq(), row.time(), row.kind(),
                row.nodeId(), row.edgeId(), row.payload(), ""));
        assertThat(back).isEqualTo(e);

        String old = "{\"output\":\"answer\",\"inputTokens\":10,\"outputTokens\":20,\"latencyMs\":4350}";
        RunEvent.AgentFinished before = (RunEvent.AgentFinished) StoredEvents.decode(new AuditStore.StoredEvent("r0",
                3, Instant.EPOCH, "AgentFinished", "lead", "", old, ""));
        assertThat(before.latencyMs()).isEqualTo(4350);
        assertThat(before.waitedMs()).isZero();
    }
}

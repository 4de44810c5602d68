package dev.baton.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunTotals;
import dev.baton.engine.step.RetryReason;
import dev.baton.flow.NodeKind;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An events file line for an event with an enum field is the line the string-typed event wrote (issue 13, item 4). */
class RunEventJsonFormTest {

    private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");
    private static final Redactor NONE = new Redactor(List.of());

    @Test
    void linesAreTheOnesWrittenBefore() {
        assertThat(RunEventJson.line(new RunEvent.AgentStarted("run-1", 3, T, "writer", "", NodeKind.AGENT, "Writer",
                "hi", 2), NONE)).isEqualTo("{\"type\":\"AgentStarted\",\"runId\":\"run-1\",\"seq\":3,"
                + "\"time\":\"2026-12-07T12:00:00Z\",\"nodeId\":\"writer\",\"edgeId\":\"\",\"kind\":\"AGENT\","
                + "\"name\":\"Writer\",\"input\":\"hi\",\"attempt\":2}");
        assertThat(RunEventJson.line(new RunEvent.Retried("run-1", 4, T, "writer", "e1", RetryReason.FORMAT, 2, 0,
                "not JSON"), NONE)).isEqualTo("{\"type\":\"Retried\",\"runId\":\"run-1\",\"seq\":4,"
                + "\"time\":\"2026-12-07T12:00:00Z\",\"nodeId\":\"writer\",\"edgeId\":\"e1\",\"reason\":\"FORMAT\","
                + "\"attempt\":2,\"delayMs\":0,\"cause\":\"not JSON\"}");
        assertThat(RunEventJson.line(new RunEvent.RunFailed("run-1", 5, T, "writer", "", RunStatus.FAILED, "boom",
                new RunTotals(10, 20, 3, 400)), NONE)).isEqualTo("{\"type\":\"RunFailed\",\"runId\":\"run-1\","
                + "\"seq\":5,\"time\":\"2026-12-07T12:00:00Z\",\"nodeId\":\"writer\",\"edgeId\":\"\","
                + "\"status\":\"FAILED\",\"cause\":\"boom\",\"totals\":{\"inputTokens\":10,\"outputTokens\":20,"
                + "\"modelCalls\":3,\"elapsedMs\":400}}");
    }
}

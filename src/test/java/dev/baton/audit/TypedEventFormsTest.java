package dev.baton.audit;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunTotals;
import dev.baton.engine.step.RetryReason;
import dev.baton.flow.ContextMode;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouterMode;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixed values in events are enums now (issue 13, item 4); the audit stores them exactly as it stored the strings
 * before, and rows written before read back as the same events.
 */
class TypedEventFormsTest {

    private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");
    private static final Redactor NONE = new Redactor(List.of());

    @TempDir
    Path dir;

    /** The payloads as the string-typed events wrote them (checked against the build before the enums). */
    @Test
    void payloadsAreTheOnesWrittenBefore() {
        assertThat(EventCodec.encode(new RunEvent.AgentStarted("run-1", 3, T, "writer", "", NodeKind.AGENT,
                "Writer", "hi", 2), NONE).payload())
                .isEqualTo("{\"kind\":\"AGENT\",\"name\":\"Writer\",\"input\":\"hi\",\"attempt\":2}");
        assertThat(EventCodec.encode(new RunEvent.Retried("run-1", 4, T, "writer", "e1", RetryReason.PROVIDER, 2,
                500, "timeout"), NONE).payload())
                .isEqualTo("{\"reason\":\"PROVIDER\",\"attempt\":2,\"delayMs\":500,\"cause\":\"timeout\"}");
        assertThat(EventCodec.encode(new RunEvent.RunFailed("run-1", 5, T, "writer", "", RunStatus.LIMIT_REACHED,
                "token budget", new RunTotals(10, 20, 3, 400)), NONE).payload())
                .isEqualTo("{\"status\":\"LIMIT_REACHED\",\"cause\":\"token budget\",\"totals\":{\"inputTokens\":10,"
                        + "\"outputTokens\":20,\"modelCalls\":3,\"elapsedMs\":400}}");
        assertThat(EventCodec.encode(new RunEvent.RouteDecision("run-1", 6, T, "router", "e2", RouterMode.RULE,
                List.of("e2", "e3"), "billing", "amount > 100"), NONE).payload())
                .isEqualTo("{\"mode\":\"RULE\",\"routesConsidered\":[\"e2\",\"e3\"],\"target\":\"billing\","
                        + "\"reason\":\"amount > 100\"}");
        assertThat(EventCodec.encode(new RunEvent.ContextPassed("run-1", 7, T, "b", "e1", "a", ContextMode.SUMMARY, 12,
                false, "gist"), NONE).payload())
                .isEqualTo("{\"fromNode\":\"a\",\"mode\":\"SUMMARY\",\"tokens\":12,\"truncated\":false,"
                        + "\"context\":\"gist\"}");
    }

    @Test
    void rowsWrittenBeforeReadAsTheTypedEvents() {
        RunEvent started = StoredEvents.decode(row(3, "AgentStarted",
                "{\"kind\":\"CRITIC\",\"name\":\"Reviewer\",\"input\":\"hi\",\"attempt\":1}"));
        assertThat(started).isEqualTo(new RunEvent.AgentStarted("run-1", 3, T, "n", "", NodeKind.CRITIC, "Reviewer",
                "hi", 1));
        RunEvent retried = StoredEvents.decode(row(4, "Retried",
                "{\"reason\":\"REVIEW\",\"attempt\":2,\"delayMs\":0,\"cause\":\"too short\"}"));
        assertThat(retried).isEqualTo(new RunEvent.Retried("run-1", 4, T, "n", "", RetryReason.REVIEW, 2, 0,
                "too short"));
        RunEvent failed = StoredEvents.decode(row(5, "RunFailed", "{\"status\":\"FAILED\",\"cause\":\"boom\","
                + "\"totals\":{\"inputTokens\":1,\"outputTokens\":2,\"modelCalls\":1,\"elapsedMs\":9}}"));
        assertThat(failed).isEqualTo(new RunEvent.RunFailed("run-1", 5, T, "n", "", RunStatus.FAILED, "boom",
                new RunTotals(1, 2, 1, 9)));
    }

    /** A value this build has no constant for (a newer build's node kind, a damaged row) skips the event. */
    @Test
    void anUnknownFixedValueSkipsTheEventInsteadOfFailingTheReplay() {
        assertThat(StoredEvents.decode(row(3, "AgentStarted",
                "{\"kind\":\"TELEPORTER\",\"name\":\"x\",\"input\":\"\",\"attempt\":1}"))).isNull();
        assertThat(StoredEvents.decode(row(4, "Retried", "{\"attempt\":2}"))).isNull();
    }

    /** The audit written by the version 1 build: every event reads, and re-encodes to the very payload stored. */
    @Test
    void anAuditWrittenBeforeReadsTheSameAndReencodesByteForByte() throws Exception {
        Path db = AuditV1Fixture.copyTo(dir.resolve("old"));
        List<AuditStore.StoredEvent> rows = new java.util.ArrayList<>();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            rows.addAll(store.events("run-b9c0d83e-9c96-4abf-9c20-f553d3321878")); // the chain sample
            rows.addAll(store.events("run-54b875c2-3729-4106-8dbc-032a311b5a75")); // the swarm sample
        }
        List<RunEvent> events = StoredEvents.decode(rows);
        assertThat(events).hasSameSizeAs(rows);
        Set<NodeKind> kinds = events.stream().filter(e -> e instanceof RunEvent.AgentStarted)
                .map(e -> ((RunEvent.AgentStarted) e).kind()).collect(Collectors.toSet());
        assertThat(kinds).contains(NodeKind.START, NodeKind.AGENT, NodeKind.OUTPUT);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Handoff).isNotEmpty()
                .allSatisfy(e -> assertThat(((RunEvent.Handoff) e).contextMode()).isNotNull());
        assertThat(events).filteredOn(e -> e instanceof RunEvent.ContextPassed).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            RunEvent e = events.get(i);
            if (e instanceof RunEvent.AgentStarted || e instanceof RunEvent.Handoff
                    || e instanceof RunEvent.ContextPassed) {
                assertThat(EventCodec.encode(e, NONE).payload()).as(e.type()).isEqualTo(rows.get(i).payload());
            }
        }
    }

    private static AuditStore.StoredEvent row(long seq, String kind, String payload) {
        return new AuditStore.StoredEvent("run-1", seq, T, kind, "n", "", payload, "");
    }
}

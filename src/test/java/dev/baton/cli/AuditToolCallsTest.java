package dev.baton.cli;

import dev.baton.audit.AuditStore;
import dev.baton.audit.AuditWriter;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.baton.cli.AuditCommandTest.baton;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit's tool_calls table: filled from the tool events, read back, shown, and checked by verify. */
class AuditToolCallsTest {

    @TempDir
    Path dir;

    private Path db;
    private String runId;
    private final String longFile = "line of the ledger\n".repeat(200);

    @BeforeEach
    void recordARunWithTools() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("ledger.txt"), longFile);
        db = dir.resolve("audit");
        Flow flow = Flow.empty("tools", "tools")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("clerk", NodeKind.AGENT, "Clerk").withRole("clerk")
                        .withTools(List.of("calculator", "read_file")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "clerk"))
                .addEdge(Edge.next("e2", "clerk", "out"));
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT),
                RunnerOptions.DEFAULT);
        try (AuditWriter writer = AuditWriter.open(db)) {
            RunHandle h = runner.start(flow, RunRequest.of("Sum up ledger.txt and 17 * 3").withWorkspace(ws),
                    writer.listenerFor(flow));
            assertThat(h.result().get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(writer.awaitCommitted(h.runId(), Duration.ofSeconds(30))).isTrue();
            runId = h.runId();
        }
    }

    @Test
    void theRowsHoldWhatTheEventsSaidAndShowPrintsThem() throws Exception {
        try (H2AuditStore store = H2AuditStore.open(db)) {
            List<AuditStore.ToolCallRecord> calls = store.toolCalls(runId);
            assertThat(calls).extracting(AuditStore.ToolCallRecord::tool).containsExactly("calculator", "read_file");
            AuditStore.ToolCallRecord calc = calls.get(0);
            assertThat(calc.agent()).isEqualTo("clerk");
            assertThat(calc.arguments()).isEqualTo("{\"expression\":\"17 * 3\"}");
            assertThat(calc.result()).isEqualTo("51");
            assertThat(calc.error()).isFalse();
            assertThat(calc.requestSeq()).isLessThan(calc.seq());
            AuditStore.ToolCallRecord read = calls.get(1);
            assertThat(read.result()).isEqualTo(longFile); // a long result comes back from the text store
            assertThat(read.bytes()).isEqualTo(longFile.length());
        }
        AuditCommandTest.Result show = baton("audit", "show", runId, "--db", db.toString());
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("TOOL calculator called: {\"expression\":\"17 * 3\"}")
                .contains("tool calculator answered: 51").contains("Tool calls:")
                .containsPattern("clerk +calculator +ok .* \\{\"expression\":\"17 \\* 3\"} -> 51");
        AuditCommandTest.Result verify = baton("audit", "verify", "--db", db.toString());
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("intact");
    }

    @Test
    void verifyNamesAnEditedToolCallRow() throws Exception {
        edit("UPDATE tool_calls SET result = '52', bytes = 99 WHERE tool = 'calculator'");
        AuditCommandTest.Result broken = baton("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isOne();
        assertThat(broken.err()).contains("BROKEN run " + runId)
                .contains("does not match its ToolCallFinished event: result, bytes differ")
                .doesNotContain("Exception");

        edit("UPDATE tool_calls SET result = '51', bytes = 2 WHERE tool = 'calculator'");
        assertThat(baton("audit", "verify", "--db", db.toString()).code()).isZero();
        edit("UPDATE tool_calls SET arguments = '{\"path\":\"other.txt\"}' WHERE tool = 'read_file'");
        AuditCommandTest.Result args = baton("audit", "verify", "--db", db.toString());
        assertThat(args.code()).isOne();
        assertThat(args.err()).contains("does not match its ToolCallFinished event: arguments differs");
    }

    private void edit(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db.toAbsolutePath(), "sa", "");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).as(sql).isOne();
        }
    }
}

package dev.baton.cli;

import dev.baton.audit.AuditStore;
import dev.baton.audit.AuditWriter;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunGate;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.ToolApproval;
import dev.baton.engine.ToolApprovalRequest;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.baton.cli.AuditCommandTest.baton;
import static org.assertj.core.api.Assertions.assertThat;

/** Tool approvals in the audit: decision rows derived from ToolApprovalAnswered, shown, and checked by verify. */
class AuditToolApprovalTest {

    @TempDir
    Path dir;

    private Path db;
    private String runId;

    @BeforeEach
    void recordARunWithAnApprovalAndADenial() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("ledger.txt"), "INV-1,100\n");
        db = dir.resolve("audit");
        // read_file asks (the flow says so), calculator is denied by policy
        Flow flow = Flow.empty("tools", "tools")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("clerk", NodeKind.AGENT, "Clerk").withRole("clerk")
                        .withTools(List.of("calculator", "read_file")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "clerk"))
                .addEdge(Edge.next("e2", "clerk", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(), null,
                        Map.of("read_file", ApprovalPolicy.ASK, "calculator", ApprovalPolicy.DENY)));
        RunGate gate = new RunGate() {
            @Override
            public ToolApproval beforeToolCall(String id, AgentNode node, ToolApprovalRequest request) {
                return ToolApproval.approveEdited("cli", "{\"path\":\"ledger.txt\",\"offset\":0}");
            }
        };
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT),
                RunnerOptions.DEFAULT);
        try (AuditWriter writer = AuditWriter.open(db)) {
            RunHandle h = runner.start(flow, RunRequest.of("Sum up ledger.txt and 17 * 3").withWorkspace(ws)
                    .withGate(gate), writer.listenerFor(flow));
            assertThat(h.result().get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(writer.awaitCommitted(h.runId(), Duration.ofSeconds(30))).isTrue();
            runId = h.runId();
        }
    }

    @Test
    void decisionRowsHoldTheApprovalsShowPrintsThemAndVerifyChecksThem() throws Exception {
        try (H2AuditStore store = H2AuditStore.open(db)) {
            List<AuditStore.DecisionRecord> approvals = store.decisions(runId).stream()
                    .filter(d -> d.kind().equals("TOOL_APPROVAL")).toList();
            assertThat(approvals).extracting(AuditStore.DecisionRecord::subject, AuditStore.DecisionRecord::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("calculator", "deny"),
                            org.assertj.core.groups.Tuple.tuple("read_file", "approve"));
            assertThat(approvals.get(0).rationale()).startsWith("by policy: the approval policy of 'calculator'");
            assertThat(approvals.get(1).rationale()).isEqualTo(
                    "by cli [edited arguments: {\"path\":\"ledger.txt\",\"offset\":0}]");
            assertThat(approvals).allSatisfy(d -> assertThat(d.nodeId()).isEqualTo("clerk"));
        }
        AuditCommandTest.Result show = baton("audit", "show", runId, "--db", db.toString());
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("APPROVAL ASKED for read_file: {\"path\":\"ledger.txt\"}")
                .contains("APPROVAL read_file: approve by cli [edited: {\"path\":\"ledger.txt\",\"offset\":0}]")
                .contains("APPROVAL calculator: deny by policy");
        AuditCommandTest.Result verify = baton("audit", "verify", "--db", db.toString());
        assertThat(verify.code()).as(verify.err()).isZero();

        edit("UPDATE decisions SET outcome = 'approve' WHERE kind = 'TOOL_APPROVAL' AND subject = 'calculator'");
        AuditCommandTest.Result broken = baton("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isOne();
        assertThat(broken.err()).contains("BROKEN run " + runId).contains("ToolApprovalAnswered")
                .contains("outcome");
    }

    private void edit(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db.toAbsolutePath(), "sa", "");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).as(sql).isOne();
        }
    }
}

package dev.baton.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.audit.AuditWriter;
import dev.baton.engine.RunEvent;
import dev.baton.engine.ToolApproval;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.secret.Redactor;
import dev.baton.testing.ScriptedOpenAiServer;
import dev.baton.testing.ScriptedReply;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP servers on Temporal with the reference server-everything over stdio: the worker starts the server with its own
 * variables (the planted token never reaches the workflow history), lists its tools for the workflow, and each call
 * is an activity; an MCP tool whose policy is ask waits for the approval signal like a built-in one.
 */
class TemporalMcpTest {

    static final String QUEUE = "mcp";
    static final String TOKEN = "sk-mcp-planted-" + "Hq2Lr8Tz4Wn6Vb1Xc3";

    @TempDir
    static Path dir;
    static TestWorkflowEnvironment env;
    static AuditWriter audit;
    static WorkerMcp mcp;
    static TemporalRuns runs;

    @BeforeAll
    static void startServer() throws Exception {
        env = TestWorkflowEnvironment.newInstance();
        audit = AuditWriter.open(dir.resolve("audit"));
        mcp = new WorkerMcp(Map.of("EV_TOKEN", TOKEN)::get, Redactor.shapesOnly());
        TemporalWorker.register(env.getWorkerFactory(), QUEUE, new WorkerActivities(
                ModelProviders.routing(SimulatedModel.Settings.DEFAULT), audit, Redactor.shapesOnly()), mcp);
        env.start();
        runs = new TemporalRuns(env.getWorkflowClient(), QUEUE);
    }

    @AfterAll
    static void stopServer() throws Exception {
        env.close();
        if (mcp != null) {
            mcp.close();
        }
        audit.close();
    }

    /** The reference server's entry script (installed by .ci/install-mcp-servers), or the test is skipped locally. */
    static String everything() {
        Path script = Path.of(System.getProperty("baton.mcpServers", "target/mcp-servers"))
                .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Files.isRegularFile(script), "server-everything is not installed");
        }
        return script.toAbsolutePath().toString();
    }

    /** START → an agent with the server's echo tool → OUTPUT; the server needs EV_TOKEN from the worker. */
    static Flow echoFlow(McpServerDecl server, ApprovalPolicy echo) {
        return Flow.empty("mcp-on-temporal", "MCP on Temporal")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("agent", NodeKind.AGENT, "Agent").withRole("assistant")
                        .withInstructions("Repeat what you are asked to.").withTools(List.of("ev/echo")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "agent"))
                .addEdge(Edge.next("e2", "agent", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(server), null, Map.of("ev/echo", echo)));
    }

    static McpServerDecl everythingServer() {
        return new McpServerDecl("ev", "node", List.of(everything(), "stdio"), List.of("EV_TOKEN"), null, Map.of(),
                20, 10);
    }

    @Test
    void aServersToolIsCalledOnTheWorkerAndItsTokenStaysThere() throws Exception {
        String runId = TemporalRuns.newRunId();
        runs.start(runId, echoFlow(everythingServer(), ApprovalPolicy.AUTO), "Please echo \"hello from baton\"",
                true);
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).as(outcome.cause()).isEqualTo("SUCCEEDED");
        RunEvent.ToolCallRequested asked = TemporalApprovalsTest.first(events, RunEvent.ToolCallRequested.class);
        assertThat(asked.tool()).isEqualTo("echo");
        assertThat(asked.server()).isEqualTo("ev");
        RunEvent.ToolCallFinished done = TemporalApprovalsTest.first(events, RunEvent.ToolCallFinished.class);
        assertThat(done.error()).as(done.content()).isFalse();
        assertThat(done.server()).isEqualTo("ev");
        assertThat(done.content()).contains("hello from baton");
        assertThat(outcome.output()).contains("hello from baton");
        String history = env.getWorkflowExecutionHistory(WorkflowExecution.newBuilder().setWorkflowId(runId)
                .build()).getHistory().toString();
        assertThat(history).contains("BatonMcpCall").contains("EV_TOKEN").doesNotContain(TOKEN)
                .doesNotContain("Hq2Lr8Tz4Wn6");
        TemporalDurabilityTest.assertAudited(audit, runId, events, "SUCCEEDED");
        // a replay offers the tools the worker listed, from the history, without any server
        WorkflowReplayer.replayWorkflowExecution(env.getWorkflowClient().fetchHistory(runId),
                BatonWorkflowImpl.class);
    }

    @Test
    void anMcpToolThatAsksWaitsForTheApprovalSignalUnderItsServersName() throws Exception {
        String runId = TemporalRuns.newRunId();
        runs.start(runId, echoFlow(everythingServer(), ApprovalPolicy.ASK), "Please echo \"approved echo\"", true,
                true, Wire.Breakpoints.NONE);
        List<RunEvent> sofar = TemporalDurabilityTest.awaitEvent(runs, runId,
                RunEvent.ToolApprovalRequested.class);
        RunEvent.ToolApprovalRequested asked = TemporalApprovalsTest.first(sofar,
                RunEvent.ToolApprovalRequested.class);
        assertThat(asked.tool()).isEqualTo("echo");
        assertThat(asked.server()).isEqualTo("ev");
        runs.approveTool(runId, asked.requestId(), ToolApproval.approve("designer"));
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).as(outcome.cause()).isEqualTo("SUCCEEDED");
        assertThat(TemporalApprovalsTest.first(events, RunEvent.ToolApprovalAnswered.class).tool())
                .isEqualTo("ev/echo");
        assertThat(TemporalApprovalsTest.first(events, RunEvent.ToolCallFinished.class).content())
                .contains("approved echo");
    }

    /**
     * A model that calls a server's tool by the flow's name ({@code ev/echo}) instead of the name it was offered
     * ({@code ev__echo}) gets "no such tool", as on the embedded engine: the name must not reach the server past the
     * approval policy (ask, and nobody to answer).
     */
    @Test
    void aServerToolCalledByTheFlowsNameIsNoToolAndNeverReachesTheServer() throws Exception {
        try (ScriptedOpenAiServer model = ScriptedOpenAiServer.start()) {
            model.when(ScriptedOpenAiServer.lastRoleIs("user")).always(ScriptedReply.toolCalls(
                    ScriptedReply.call("call_1", "ev/echo", "{\"message\":\"sneaked past\"}")));
            model.when(ScriptedOpenAiServer.lastRoleIs("tool")).always(ScriptedReply.text("Done."));
            String queue = "mcp-scripted";
            WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
            TemporalWorker.register(factory, queue, new WorkerActivities(new ChatModelFactory(new Credentials(
                    Map.of("OPENAI_COMPATIBLE_API_KEY", "sk-test-" + "k3y9Q2w8E4r6T1y5U7i0")::get,
                    dir.resolve("home")), Duration.ofSeconds(10)), audit, Redactor.shapesOnly()), mcp);
            factory.start();
            try {
                Flow flow = echoFlow(everythingServer(), ApprovalPolicy.ASK);
                ModelRef scripted = new ModelRef("openai-compatible", "scripted-model", model.baseUrl(), null);
                flow = flow.withNodes(flow.nodes().stream()
                        .map(n -> n.id().equals("agent") ? n.withModel(scripted) : n).toList());
                String runId = TemporalRuns.newRunId();
                new TemporalRuns(env.getWorkflowClient(), queue).start(runId, flow, "Please echo", true);
                List<RunEvent> events = new ArrayList<>();
                Wire.RunOutcome outcome = new TemporalRuns(env.getWorkflowClient(), queue)
                        .follow(runId, events::add, Duration.ofMillis(50));

                assertThat(outcome.status()).as(outcome.cause()).isEqualTo("SUCCEEDED");
                RunEvent.ToolCallFinished done = TemporalApprovalsTest.first(events, RunEvent.ToolCallFinished.class);
                assertThat(done.error()).isTrue();
                assertThat(done.content()).contains("there is no tool named 'ev/echo'").doesNotContain("sneaked");
                String history = env.getWorkflowExecutionHistory(WorkflowExecution.newBuilder()
                        .setWorkflowId(runId).build()).getHistory().toString();
                assertThat(history).doesNotContain("BatonMcpCall");
            } finally {
                factory.shutdownNow();
            }
        }
    }

    @Test
    void aServerThatCannotStartOnTheWorkerFailsTheRunWithItsReason() throws Exception {
        McpServerDecl missing = new McpServerDecl("ev", "baton-no-such-mcp-server", List.of(), List.of(), null,
                Map.of(), 5, 5);
        String runId = TemporalRuns.newRunId();
        runs.start(runId, echoFlow(missing, ApprovalPolicy.AUTO), "Please echo \"x\"", true);
        Wire.RunOutcome outcome = runs.follow(runId, e -> { }, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("FAILED");
        assertThat(outcome.cause()).contains("MCP servers did not start").contains("baton-no-such-mcp-server");
    }
}

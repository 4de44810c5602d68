package dev.baton.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ReviewPolicy;
import dev.baton.testing.ScriptedOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.baton.audit.ServerRuns.from;
import static dev.baton.audit.ServerRuns.requestsOf;
import static dev.baton.testing.ScriptedOpenAiServer.lastRoleIs;
import static dev.baton.testing.ScriptedReply.call;
import static dev.baton.testing.ScriptedReply.status;
import static dev.baton.testing.ScriptedReply.text;
import static dev.baton.testing.ScriptedReply.toolCall;
import static dev.baton.testing.ScriptedReply.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model gets a chance to recover, within bounds: driven through Baton's real openai-compatible provider against a
 * loopback server, recorded by the real audit writer, read back from the H2 file.
 */
class ModelRecoveryTest {

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path db() {
        return dir.resolve("audit");
    }

    private RunResult run(Flow flow, String input) throws Exception {
        try (AuditWriter writer = AuditWriter.open(db())) {
            return AuditTestRuns.run(writer, ServerRuns.runner(dir.resolve("home")), flow, input).result();
        }
    }

    private List<AuditStore.DecisionRecord> decisions(String runId, String kind) throws Exception {
        try (H2AuditStore store = H2AuditStore.open(db())) {
            assertThat(store.verify().intact()).isTrue();
            return store.decisions(runId).stream().filter(d -> d.kind().equals(kind)).toList();
        }
    }

    @Test
    void aSwarmAgentCallingAHandoffItWasNotOfferedIsToldSoAndAnswers() throws Exception {
        Flow flow = new ServerRuns.FlowBuilder(server).node("Triage", NodeKind.AGENT).node("Billing", NodeKind.AGENT)
                .next("start", "Triage", ContextPolicy.FULL).next("Triage", "out", ContextPolicy.LAST)
                .edge(Edge.handoff("h1", "Triage", "Billing")).build();
        server.when(from("Triage").and(lastRoleIs("user"))).reply(toolCall("handoff_to_Shipping", "{\"reason\": \"x\"}"));
        server.when(from("Triage").and(lastRoleIs("tool"))).always(text("I answer it myself"));
        RunResult r = run(flow, "where is my parcel?");

        assertThat(r.status()).as(r.cause()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("I answer it myself");
        assertThat(requestsOf(server, "Triage").get(1).toolResults()).singleElement().asString()
                .contains("there is no handoff named 'handoff_to_Shipping'; you can hand off to: handoff_to_Billing");
        List<JsonNode> ignored = ServerRuns.stored(db(), r.runId(), "HandoffIgnored");
        assertThat(ignored).singleElement().satisfies(p -> {
            assertThat(p.path("to").asText()).isEqualTo("handoff_to_Shipping");
            assertThat(p.path("why").asText()).contains("there is no handoff named 'handoff_to_Shipping'");
        });
        try (H2AuditStore store = H2AuditStore.open(db())) {
            assertThat(store.modelCalls(r.runId()).stream().filter(c -> c.agent().equals("Triage"))).hasSize(2);
        }
    }

    private Flow supervised() {
        return new ServerRuns.FlowBuilder(server).node("Boss", NodeKind.SUPERVISOR)
                .node("Flaky", NodeKind.AGENT).node("Steady", NodeKind.AGENT)
                .next("start", "Boss", ContextPolicy.FULL).next("Boss", "out", ContextPolicy.LAST)
                .edge(Edge.delegates("d1", "Boss", "Flaky")).edge(Edge.delegates("d2", "Boss", "Steady")).build();
    }

    @Test
    void aWorkerThatFailsAfterItsRetriesIsReportedToTheSupervisor() throws Exception {
        server.when(from("Boss").and(lastRoleIs("user"))).reply(toolCalls(
                call("call_1", "delegate_to_Flaky", "{\"task\": \"part one\"}"),
                call("call_2", "delegate_to_Steady", "{\"task\": \"part two\"}")));
        server.when(from("Boss").and(lastRoleIs("tool"))).always(text("answer from part two only"));
        server.when(from("Flaky")).always(status(500, "The server had an error"));
        server.when(from("Steady")).always(text("part two done"));
        RunResult r = run(supervised(), "do both parts");

        assertThat(r.status()).as(r.cause()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("answer from part two only");
        assertThat(requestsOf(server, "Flaky")).hasSize(4);
        assertThat(requestsOf(server, "Boss").get(1).toolResults()).satisfiesExactly(
                flaky -> assertThat(flaky).startsWith("Error: worker 'Flaky' failed")
                        .contains("failed after 4 attempts: SERVER_ERROR (HTTP 500)"),
                steady -> assertThat(steady).isEqualTo("part two done"));
        assertThat(decisions(r.runId(), "WORKER_FAILURE")).singleElement().satisfies(d -> {
            assertThat(d.nodeId()).isEqualTo("Boss");
            assertThat(d.subject()).isEqualTo("Flaky");
            assertThat(d.outcome()).isEqualTo("answered without it");
            assertThat(d.rationale()).contains("SERVER_ERROR (HTTP 500)");
        });
    }

    @Test
    void aSupervisorWhoseAnswerRestsOnNothingThatSucceededFails() throws Exception {
        server.when(from("Boss").and(lastRoleIs("user"))).reply(toolCall("delegate_to_Flaky", "{\"task\": \"all\"}"));
        server.when(from("Boss").and(lastRoleIs("tool"))).always(text("made up"));
        server.when(from("Flaky")).always(status(500, "The server had an error"));
        RunResult r = run(supervised(), "do it");

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.nodeId()).isEqualTo("Boss");
        assertThat(r.cause()).contains("nothing it delegated succeeded").contains("SERVER_ERROR (HTTP 500)");
        assertThat(decisions(r.runId(), "WORKER_FAILURE")).singleElement()
                .satisfies(d -> assertThat(d.outcome()).isEqualTo("failed the run"));
    }

    private Flow reviewed() {
        return new ServerRuns.FlowBuilder(server).node("Writer", NodeKind.AGENT)
                .node(AgentNode.of("Critic", NodeKind.CRITIC, "Critic")
                        .withCritic(new CriticSpec("must be short", List.of())))
                .next("start", "Writer", ContextPolicy.FULL).next("Writer", "out", ContextPolicy.LAST)
                .edge(Edge.reviews("r1", "Critic", "Writer", ReviewPolicy.DEFAULT)).build();
    }

    @Test
    void aCriticWhoseReplyIsNotJsonIsAskedOnceMore() throws Exception {
        server.when(from("Writer")).always(text("short text"));
        server.when(from("Critic")).reply(text("Looks good to me!"), text("{\"pass\": true, \"feedback\": \"ok\"}"));
        RunResult r = run(reviewed(), "write");

        assertThat(r.status()).as(r.cause()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(requestsOf(server, "Critic")).hasSize(2);
        assertThat(requestsOf(server, "Critic").get(1).lastUserText()).contains("could not be read")
                .contains("the reply holds no JSON object");
        assertThat(ServerRuns.stored(db(), r.runId(), "Retried")).singleElement().satisfies(p -> {
            assertThat(p.path("reason").asText()).isEqualTo("FORMAT");
            assertThat(p.path("nodeId").asText()).isEqualTo("Critic");
        });
    }

    @Test
    void aCriticThatNeverAnswersJsonFailsAfterTheSecondAsk() throws Exception {
        server.when(from("Writer")).always(text("short text"));
        server.when(from("Critic")).always(text("{\"pass\": yes}"));
        RunResult r = run(reviewed(), "write");

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.nodeId()).isEqualTo("Critic");
        assertThat(r.cause()).contains("asked twice").contains("invalid JSON");
        assertThat(requestsOf(server, "Critic")).hasSize(2);
    }
}

package dev.baton.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.RunStatus;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.JudgeStrategy;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ReviewPolicy;
import dev.baton.testing.ScriptedOpenAiServer;
import dev.baton.testing.ScriptedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.baton.audit.ServerRuns.from;
import static dev.baton.audit.ServerRuns.requestsOf;
import static dev.baton.testing.ScriptedOpenAiServer.lastRoleIs;
import static dev.baton.testing.ScriptedReply.text;
import static dev.baton.testing.ScriptedReply.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every topology, the context the audit database records as passed along an edge is the context the model was
 * given, as the loopback server received it through Baton's real openai-compatible client. Outputs carry a field
 * ("internal") that FIELDS edges drop: it must reach no prompt past such an edge.
 */
class RecordedContextTest {

    private static final ContextPolicy VERDICT_ONLY = new ContextPolicy(ContextMode.FIELDS, List.of("verdict"), null);

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

    private String run(Flow flow, String input) throws Exception {
        try (AuditWriter writer = AuditWriter.open(dir.resolve("audit"))) {
            AuditTestRuns.Done done = AuditTestRuns.run(writer, ServerRuns.runner(dir.resolve("home")), flow, input);
            assertThat(done.result().status()).as(done.result().cause()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(server.unmatched()).isEmpty();
            return done.result().runId();
        }
    }

    private List<JsonNode> stored(String runId, String kind) throws Exception {
        return ServerRuns.stored(dir.resolve("audit"), runId, kind);
    }

    /** The context recorded into a node is the user message of its first request, exactly. */
    private void recordedIsWhatTheModelSaw(String runId, String nodeId, String name) throws Exception {
        List<JsonNode> into = stored(runId, "ContextPassed").stream()
                .filter(p -> p.path("nodeId").asText().equals(nodeId)).toList();
        assertThat(into).as("context recorded into " + nodeId).hasSize(1);
        assertThat(requestsOf(server, name).get(0).lastUserText()).isEqualTo(into.get(0).path("context").asText());
    }

    private void noPromptHolds(String text) {
        for (ScriptedRequest r : server.chatRequests()) {
            assertThat(r.systemText() + "\n" + String.join("\n", r.texts("user")) + "\n"
                    + String.join("\n", r.texts("assistant"))).doesNotContain(text);
        }
    }

    @Test
    void chain() throws Exception {
        Flow flow = new ServerRuns.FlowBuilder(server).node("Drafter", NodeKind.AGENT).node("Editor", NodeKind.AGENT)
                .next("start", "Drafter", ContextPolicy.FULL).next("Drafter", "Editor", VERDICT_ONLY)
                .next("Editor", "out", ContextPolicy.LAST).build();
        server.when(from("Drafter")).always(text("{\"verdict\": \"short\", \"internal\": \"DRAFT-PRIVATE\"}"));
        server.when(from("Editor")).always(text("edited"));
        String runId = run(flow, "write a line");

        recordedIsWhatTheModelSaw(runId, "Drafter", "Drafter");
        recordedIsWhatTheModelSaw(runId, "Editor", "Editor");
        assertThat(requestsOf(server, "Editor").get(0).lastUserText()).isEqualTo("{\"verdict\":\"short\"}");
        noPromptHolds("DRAFT-PRIVATE");
    }

    @Test
    void joinIntoAJudge() throws Exception {
        Flow flow = new ServerRuns.FlowBuilder(server).node("Legal", NodeKind.AGENT).node("Finance", NodeKind.AGENT)
                .node(AgentNode.of("Judge", NodeKind.JUDGE, "Judge").withJudge(JudgeSpec.of(JudgeStrategy.LLM_JUDGE)))
                .node("After", NodeKind.AGENT)
                .next("start", "Legal", ContextPolicy.FULL).next("start", "Finance", ContextPolicy.FULL)
                .next("Legal", "Judge", VERDICT_ONLY).next("Finance", "Judge", VERDICT_ONLY)
                .next("Judge", "After", ContextPolicy.FULL).next("After", "out", ContextPolicy.LAST).build();
        server.when(from("Legal")).always(text("{\"verdict\": \"sign\", \"internal\": \"LEGAL-PRIVATE\"}"));
        server.when(from("Finance")).always(text("{\"verdict\": \"wait\", \"internal\": \"FINANCE-PRIVATE\"}"));
        server.when(from("Judge")).always(text("{\"winner\": \"Legal\", \"rationale\": \"cautious\"}"));
        server.when(from("After")).always(text("done"));
        String runId = run(flow, "sign the contract?");

        String judgeSaw = requestsOf(server, "Judge").get(0).lastUserText();
        List<JsonNode> intoJudge = stored(runId, "ContextPassed").stream()
                .filter(p -> p.path("nodeId").asText().equals("Judge")).toList();
        assertThat(intoJudge).extracting(p -> p.path("context").asText())
                .containsExactly("{\"verdict\":\"sign\"}", "{\"verdict\":\"wait\"}");
        for (JsonNode p : intoJudge) {
            assertThat(judgeSaw).contains(p.path("context").asText());
        }
        recordedIsWhatTheModelSaw(runId, "After", "After");
        assertThat(stored(runId, "JudgeDecision").get(0).path("output").asText()).isEqualTo("{\"verdict\":\"sign\"}");
        noPromptHolds("-PRIVATE");
    }

    @Test
    void delegation() throws Exception {
        Flow flow = new ServerRuns.FlowBuilder(server).node("Boss", NodeKind.SUPERVISOR).node("Worker", NodeKind.AGENT)
                .next("start", "Boss", ContextPolicy.FULL).next("Boss", "out", ContextPolicy.LAST)
                .edge(Edge.delegates("d1", "Boss", "Worker")).build();
        server.when(from("Boss").and(lastRoleIs("user")))
                .reply(toolCall("delegate_to_Worker", "{\"task\": \"count the apples\"}"));
        server.when(from("Boss").and(lastRoleIs("tool"))).always(text("there are 3"));
        server.when(from("Worker")).always(text("3 apples"));
        String runId = run(flow, "how many apples? (BOSS-ONLY detail)");

        recordedIsWhatTheModelSaw(runId, "Boss", "Boss");
        recordedIsWhatTheModelSaw(runId, "Worker", "Worker");
        assertThat(requestsOf(server, "Worker").get(0).lastUserText()).isEqualTo("count the apples");
        assertThat(requestsOf(server, "Boss").get(1).toolResults()).containsExactly("3 apples");
    }

    @Test
    void handoff() throws Exception {
        Flow flow = new ServerRuns.FlowBuilder(server).node("Triage", NodeKind.AGENT).node("Billing", NodeKind.AGENT)
                .next("start", "Triage", ContextPolicy.FULL).next("Triage", "out", ContextPolicy.LAST)
                .edge(Edge.handoff("h1", "Triage", "Billing").withContext(ContextPolicy.LAST)).build();
        server.when(from("Triage")).always(toolCall("handoff_to_Billing", "{\"reason\": \"a refund\"}"));
        server.when(from("Billing")).always(text("refund issued"));
        String runId = run(flow, "refund please");

        JsonNode handoff = stored(runId, "Handoff").get(0);
        String billingSaw = requestsOf(server, "Billing").get(0).lastUserText();
        // the recorded context, then the line that says who has had the request
        assertThat(billingSaw).isEqualTo(handoff.path("context").asText() + "\n\nAlready handled by: Triage, Billing");
        try (H2AuditStore store = H2AuditStore.open(dir.resolve("audit"))) {
            assertThat(store.handoffs(runId)).singleElement()
                    .satisfies(h -> assertThat(h.context()).isEqualTo(handoff.path("context").asText()));
        }
    }

    @Test
    void criticFeedback() throws Exception {
        Flow flow = new ServerRuns.FlowBuilder(server).node("Writer", NodeKind.AGENT)
                .node(AgentNode.of("Critic", NodeKind.CRITIC, "Critic")
                        .withCritic(new CriticSpec("must cite a source", List.of())))
                .next("start", "Writer", ContextPolicy.FULL).next("Writer", "out", ContextPolicy.LAST)
                .edge(Edge.reviews("r1", "Critic", "Writer", ReviewPolicy.DEFAULT)).build();
        server.when(from("Writer")).reply(text("draft one"), text("draft two, source: the almanac"));
        server.when(from("Critic")).reply(text("{\"pass\": false, \"feedback\": \"cite a source\"}"),
                text("{\"pass\": true, \"feedback\": \"ok\"}"));
        String runId = run(flow, "write about tides");

        recordedIsWhatTheModelSaw(runId, "Writer", "Writer");
        JsonNode verdict = stored(runId, "CriticVerdict").get(0);
        JsonNode retried = stored(runId, "Retried").get(0);
        String retryPrompt = requestsOf(server, "Writer").get(1).lastUserText();
        assertThat(retryPrompt).contains(verdict.path("feedback").asText()).contains(retried.path("cause").asText())
                .contains("draft one");
        assertThat(requestsOf(server, "Critic").get(1).lastUserText()).contains("draft two, source: the almanac");
    }
}

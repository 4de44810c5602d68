package dev.baton.engine;

import dev.baton.engine.step.RetryReason;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.NodeKind;
import dev.baton.flow.OnExhausted;
import dev.baton.flow.ReviewPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.baton.engine.ScriptedModel.call;
import static dev.baton.engine.ScriptedModel.text;
import static dev.baton.engine.ScriptedModel.tools;
import static dev.baton.engine.ScriptedModel.userText;
import static org.assertj.core.api.Assertions.assertThat;

class CriticLoopTest {

    private static Flow reviewed(CriticSpec spec, ReviewPolicy policy) {
        return Flows.flow().agent("writer")
                .node(AgentNode.of("critic", NodeKind.CRITIC, "Critic").withCritic(spec))
                .next("start", "writer").next("writer", "out", ContextPolicy.LAST)
                .edge(Edge.reviews("r1", "critic", "writer", policy)).build();
    }

    private static final CriticSpec RUBRIC = new CriticSpec("must be good", List.of());

    @Test
    void aPassingVerdictLetsTheOutputThrough() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("writer", "draft")
                .answer("critic", "{\"pass\": true, \"feedback\": \"fine\"}");
        Runs.Outcome o = Runs.run(model, reviewed(RUBRIC, ReviewPolicy.DEFAULT), "go");

        assertThat(o.result().output()).isEqualTo("draft");
        assertThat(o.events(RunEvent.CriticVerdict.class)).singleElement().satisfies(v -> {
            assertThat(v.pass()).isTrue();
            assertThat(v.nodeId()).isEqualTo("critic");
            assertThat(v.reviewedNode()).isEqualTo("writer");
            assertThat(v.attempt()).isEqualTo(1);
        });
        assertThat(model.requestsOf("critic").get(0).jsonResponse()).isTrue();
    }

    @Test
    void aRejectionMakesTheProducerRunAgainWithTheFeedback() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on("writer", (r, n) -> text("draft " + n))
                .on("critic", (r, n) -> text(n == 1 ? "{\"pass\": false, \"feedback\": \"add a source\"}"
                        : "```json\n{\"pass\": true, \"feedback\": \"ok\"}\n```"));
        Runs.Outcome o = Runs.run(model, reviewed(RUBRIC, ReviewPolicy.DEFAULT), "go");

        assertThat(o.result().output()).isEqualTo("draft 2");
        String retryInput = userText(model.requestsOf("writer").get(1));
        assertThat(retryInput).contains("add a source").contains("=== Your previous output ===\ndraft 1");
        assertThat(o.events(RunEvent.Retried.class)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RetryReason.REVIEW);
            assertThat(r.attempt()).isEqualTo(2);
        });
        assertThat(o.events(RunEvent.AgentStarted.class)).filteredOn(e -> e.nodeId().equals("writer"))
                .extracting(RunEvent.AgentStarted::attempt).containsExactly(1, 2);
    }

    private static ScriptedModel alwaysRejects() {
        return new ScriptedModel().on("writer", (r, n) -> text("draft " + n))
                .answer("critic", "{\"pass\": false, \"feedback\": \"still wrong\"}");
    }

    @Test
    void exhaustedWithFailFailsTheRunNamingTheCritic() throws Exception {
        ScriptedModel model = alwaysRejects();
        Runs.Outcome o = Runs.run(model, reviewed(RUBRIC, new ReviewPolicy(2, OnExhausted.FAIL)), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("critic");
        assertThat(o.result().cause()).contains("still wrong").contains("3 time(s)");
        assertThat(model.requestsOf("writer")).hasSize(3);
    }

    @Test
    void exhaustedWithContinueKeepsTheLastOutputAndWarns() throws Exception {
        Runs.Outcome o = Runs.run(alwaysRejects(),
                reviewed(RUBRIC, new ReviewPolicy(1, OnExhausted.CONTINUE_WITH_WARNING)), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.result().output()).isEqualTo("draft 2");
        assertThat(o.result().warnings()).singleElement().asString().contains("still wrong");
        assertThat(o.events(RunEvent.RunWarning.class)).hasSize(1);
    }

    @Test
    void exhaustedWithAskHumanAcceptsOnTheAnswer() throws Exception {
        RunRequest request = RunRequest.of("go").withHumanInput((id, node, q, ctx) -> "accept");
        Runs.Outcome o = Runs.run(alwaysRejects(), reviewed(RUBRIC, new ReviewPolicy(0, OnExhausted.ASK_HUMAN)),
                request);

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.result().output()).isEqualTo("draft 1");
        assertThat(o.events(RunEvent.HumanInputRequested.class)).singleElement()
                .extracting(RunEvent.HumanInputRequested::question).asString().contains("Accept");
    }

    @Test
    void exhaustedWithAskHumanCanRetryOnceMoreOrFail() throws Exception {
        int[] asked = {0};
        RunRequest request = RunRequest.of("go").withHumanInput((id, node, q, ctx) -> asked[0]++ == 0 ? "r" : "f");
        ScriptedModel model = alwaysRejects();
        Runs.Outcome o = Runs.run(model, reviewed(RUBRIC, new ReviewPolicy(0, OnExhausted.ASK_HUMAN)), request);

        assertThat(model.requestsOf("writer")).hasSize(2);
        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().cause()).contains("a person chose to fail");
    }

    @Test
    void failedDeterministicChecksRejectWithoutAskingTheModel() throws Exception {
        CriticSpec checks = new CriticSpec("also a rubric", List.of(new Check.Regex("(?m)^# .+"),
                new Check.MustContain(List.of("Sources")), new Check.Length(10, null)));
        ScriptedModel model = new ScriptedModel()
                .on("writer", (r, n) -> text(n == 1 ? "short" : "# Title\n\nSources: a, b"))
                .answer("critic", "{\"pass\": true, \"feedback\": \"ok\"}");
        Runs.Outcome o = Runs.run(model, reviewed(checks, ReviewPolicy.DEFAULT), "go");

        List<RunEvent.CriticVerdict> verdicts = o.events(RunEvent.CriticVerdict.class);
        assertThat(verdicts.get(0).pass()).isFalse();
        assertThat(verdicts.get(0).failedChecks()).hasSize(3);
        assertThat(verdicts.get(0).failedChecks().get(1)).contains("missing [Sources]");
        assertThat(verdicts.get(1).pass()).isTrue();
        assertThat(model.requestsOf("critic")).hasSize(1); // only for the output that passed the checks
    }

    @Test
    void jsonSchemaCheckValidatesTheOutput() throws Exception {
        String schema = "{\"type\":\"object\",\"required\":[\"title\"],\"properties\":{\"title\":{\"type\":\"string\"}}}";
        CriticSpec checks = new CriticSpec(null, List.of(new Check.JsonSchema(schema)));
        ScriptedModel model = new ScriptedModel()
                .on("writer", (r, n) -> text(n == 1 ? "{\"name\": 1}" : "{\"title\": \"T\"}"));
        Runs.Outcome o = Runs.run(model, reviewed(checks, ReviewPolicy.DEFAULT), "go");

        assertThat(o.result().output()).isEqualTo("{\"title\": \"T\"}");
        assertThat(o.events(RunEvent.CriticVerdict.class).get(0).failedChecks()).singleElement().asString()
                .startsWith("jsonSchema:").contains("title");
    }

    @Test
    void retriesAreCappedByTheFlowsMaxCriticRetries() throws Exception {
        ScriptedModel model = alwaysRejects();
        Flow flow = reviewed(RUBRIC, new ReviewPolicy(5, OnExhausted.FAIL))
                .withLimits(new Limits(8, 20, 1, Duration.ofSeconds(30), Duration.ofSeconds(60), null));
        Runs.run(model, flow, "go");

        assertThat(model.requestsOf("writer")).hasSize(2);
    }

    @Test
    void aCriticThatAnswersNoJsonFailsTheRunNamingIt() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("critic", "looks fine to me");
        Runs.Outcome o = Runs.run(model, reviewed(RUBRIC, ReviewPolicy.DEFAULT), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("critic");
        assertThat(o.result().cause()).contains("JSON verdict").contains("asked twice");
        assertThat(model.requestsOf("critic")).hasSize(2);
    }

    @Test
    void aCriticWhoseReplyIsNotJsonIsAskedOnceMoreWithTheParseError() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("writer", "draft")
                .on("critic", (r, n) -> text(n == 1 ? "{\"pass\": tru}" : "{\"pass\": true, \"feedback\": \"ok\"}"));
        Runs.Outcome o = Runs.run(model, reviewed(RUBRIC, ReviewPolicy.DEFAULT), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.result().output()).isEqualTo("draft");
        assertThat(o.events(RunEvent.Retried.class)).singleElement().satisfies(r -> {
            assertThat(r.nodeId()).isEqualTo("critic");
            assertThat(r.reason()).isEqualTo(RetryReason.FORMAT);
            assertThat(r.cause()).contains("invalid JSON");
        });
        List<dev.baton.engine.model.ChatMessage> again = model.requestsOf("critic").get(1).messages();
        assertThat(again.get(again.size() - 1)).isInstanceOfSatisfying(dev.baton.engine.model.ChatMessage.User.class,
                u -> assertThat(u.text()).contains("could not be read").contains("invalid JSON"));
        assertThat(o.events(RunEvent.CriticVerdict.class)).singleElement()
                .satisfies(v -> assertThat(v.pass()).isTrue());
    }

    @Test
    void aCriticReviewsAWorkerInsideItsSupervisor() throws Exception {
        Flow flow = Flows.flow()
                .node(AgentNode.of("boss", NodeKind.SUPERVISOR, "Boss")).agent("worker")
                .node(AgentNode.of("critic", NodeKind.CRITIC, "Critic").withCritic(RUBRIC))
                .next("start", "boss").next("boss", "out", ContextPolicy.LAST)
                .edge(Edge.delegates("d", "boss", "worker"))
                .edge(Edge.reviews("r", "critic", "worker", ReviewPolicy.DEFAULT)).build();
        ScriptedModel model = new ScriptedModel()
                .on("boss", (r, n) -> n == 1 ? tools(call("c", "delegate_to_worker", "task", "do it"))
                        : text("boss got: " + ((dev.baton.engine.model.ChatMessage.ToolResult) r.messages().get(3))
                        .text()))
                .on("worker", (r, n) -> text("work " + n))
                .on("critic", (r, n) -> text(n == 1 ? "{\"pass\":false,\"feedback\":\"redo\"}" : "{\"pass\":true}"));
        Runs.Outcome o = Runs.run(model, flow, "go");

        assertThat(o.result().output()).isEqualTo("boss got: work 2");
    }

    @Test
    void aBreakpointHoldsEachAttemptOfTheReviewedNodeNotTheCriticAndItsEditReachesTheRetry() throws Exception {
        List<String> held = new CopyOnWriteArrayList<>();
        RunGate gate = new RunGate() {
            @Override
            public String beforeNode(String runId, AgentNode node, int attempt, String input) {
                held.add(node.id() + "#" + attempt);
                return attempt == 2 ? "EDITED at the breakpoint" : input;
            }
        };
        ScriptedModel model = new ScriptedModel().on("writer", (r, n) -> text("draft " + n))
                .on("critic", (r, n) -> text(n == 1 ? "{\"pass\": false, \"feedback\": \"redo\"}" : "{\"pass\": true}"));
        Runs.Outcome o = Runs.run(model, reviewed(RUBRIC, ReviewPolicy.DEFAULT), RunRequest.of("go").withGate(gate));

        assertThat(o.result().output()).isEqualTo("draft 2");
        assertThat(held).filteredOn(h -> !h.startsWith("start") && !h.startsWith("out"))
                .containsExactly("writer#1", "writer#2");
        assertThat(userText(model.requestsOf("writer").get(1))).isEqualTo("EDITED at the breakpoint");
    }

    @Test
    void theCriticIsShownTheInputAsABreakpointEditedItAndTheRetryBuildsOnThatEdit() throws Exception {
        RunGate gate = new RunGate() {
            @Override
            public String beforeNode(String runId, AgentNode node, int attempt, String input) {
                return node.id().equals("writer") && attempt == 1 ? "EDITED task" : input;
            }
        };
        ScriptedModel model = new ScriptedModel().on("writer", (r, n) -> text("draft " + n))
                .on("critic", (r, n) -> text(n == 1 ? "{\"pass\": false, \"feedback\": \"redo\"}" : "{\"pass\": true}"));
        Runs.Outcome o = Runs.run(model, reviewed(RUBRIC, ReviewPolicy.DEFAULT), RunRequest.of("go").withGate(gate));

        assertThat(o.result().output()).isEqualTo("draft 2");
        String firstReview = userText(model.requestsOf("critic").get(0));
        assertThat(firstReview).endsWith("was given ===\nEDITED task");
        String retryInput = userText(model.requestsOf("writer").get(1));
        assertThat(retryInput).startsWith("EDITED task\n\n=== Feedback from").contains("redo");
        assertThat(userText(model.requestsOf("critic").get(1))).contains("was given ===\n" + retryInput);
    }

    @Test
    void aCriticsModelRunsUnderTheAgentTimeoutAndItsExpiryNamesTheCritic() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("writer", "draft")
                .on("critic", (r, n) -> {
                    Thread.sleep(30_000); // a critic's model that never answers
                    return text("{\"pass\": true}");
                });
        Flow flow = reviewed(RUBRIC, ReviewPolicy.DEFAULT)
                .withLimits(new Limits(8, 20, 3, Duration.ofMillis(300), Duration.ofSeconds(60), null));
        Runs.Outcome o = Runs.run(model, flow, "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.result().nodeId()).isEqualTo("critic");
        assertThat(o.events(RunEvent.LimitReached.class)).singleElement()
                .extracting(RunEvent.LimitReached::limit).isEqualTo("agentTimeout");
        assertThat(o.events(RunEvent.CriticVerdict.class)).isEmpty();
    }

    @Test
    void cancelWhileACriticIsConsultedEndsCancelledWithoutAVerdict() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("writer", "draft")
                .on("critic", (r, n) -> {
                    Thread.sleep(30_000);
                    return text("{\"pass\": true}");
                });
        EventRecorder rec = new EventRecorder();
        RunHandle h = Runs.runner(model).start(reviewed(RUBRIC, ReviewPolicy.DEFAULT), RunRequest.of("go"), rec);
        while (model.requestsOf("critic").isEmpty()) {
            Thread.sleep(5);
        }
        h.cancel();

        assertThat(h.result().get(2, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(2))).isTrue();
        assertThat(rec.of(RunEvent.CriticVerdict.class)).isEmpty();
        assertThat(rec.events.get(rec.events.size() - 1)).isInstanceOf(RunEvent.RunCancelled.class);
    }

    @Test
    void cancelWhileTheCriticLoopWaitsForAPersonEndsCancelled() throws Exception {
        EventRecorder rec = new EventRecorder();
        RunHandle h = Runs.runner(alwaysRejects()).start(reviewed(RUBRIC, new ReviewPolicy(0, OnExhausted.ASK_HUMAN)),
                RunRequest.of("go"), rec);
        while (rec.of(RunEvent.HumanInputRequested.class).isEmpty()) {
            Thread.sleep(5);
        }
        h.cancel();

        assertThat(h.result().get(2, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(2))).isTrue();
        assertThat(rec.of(RunEvent.CriticVerdict.class)).singleElement()
                .satisfies(v -> assertThat(v.pass()).isFalse());
        assertThat(rec.of(RunEvent.RunWarning.class)).isEmpty();
    }
}

package dev.baton.engine;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.WorkerFailurePolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.baton.engine.ScriptedModel.call;
import static dev.baton.engine.ScriptedModel.text;
import static dev.baton.engine.ScriptedModel.tools;
import static dev.baton.engine.ScriptedModel.userText;
import static org.assertj.core.api.Assertions.assertThat;

class SupervisorTest {

    private static Flow supervisorFlow() {
        return Flows.flow()
                .node(AgentNode.of("boss", NodeKind.SUPERVISOR, "Boss").withRole("plans trips"))
                .node(AgentNode.of("flights", NodeKind.AGENT, "Flights").withRole("finds flights")
                        .withGoal("cheapest fare"))
                .node(AgentNode.of("hotels", NodeKind.AGENT, "Hotels").withRole("books hotels"))
                .next("start", "boss").next("boss", "out", ContextPolicy.LAST)
                .edge(Edge.delegates("d1", "boss", "flights"))
                .edge(Edge.delegates("d2", "boss", "hotels"))
                .build();
    }

    @Test
    void delegatesInParallelAndWorkersSeeOnlyTheirSubTask() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        ScriptedModel.Script worker = (r, n) -> {
            both.countDown();
            boolean overlapped = both.await(5, TimeUnit.SECONDS);
            return text(r.nodeId() + " done" + (overlapped ? " in parallel" : " alone"));
        };
        ScriptedModel model = new ScriptedModel().on("flights", worker).on("hotels", worker)
                .on("boss", (r, n) -> n == 1
                        ? tools(call("c1", "delegate_to_flights", "task", "find a flight to Lisbon"),
                                call("c2", "delegate_to_hotels", "task", "book 2 nights in Lisbon"))
                        : text("trip planned"));
        Runs.Outcome o = Runs.run(model, supervisorFlow(), "Plan a trip to Lisbon, secret budget 900");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.result().output()).isEqualTo("trip planned");
        assertThat(userText(model.requestsOf("flights").get(0))).isEqualTo("find a flight to Lisbon");
        assertThat(userText(model.requestsOf("hotels").get(0))).isEqualTo("book 2 nights in Lisbon")
                .doesNotContain("secret");
        List<ChatMessage> second = model.requestsOf("boss").get(1).messages();
        assertThat(second).filteredOn(m -> m instanceof ChatMessage.ToolResult)
                .extracting(m -> ((ChatMessage.ToolResult) m).text())
                .containsExactly("flights done in parallel", "hotels done in parallel");
        assertThat(o.events(RunEvent.Delegated.class)).extracting(RunEvent.Delegated::worker)
                .containsExactlyInAnyOrder("flights", "hotels");
        assertThat(o.events(RunEvent.DelegationReturned.class)).hasSize(2);
    }

    @Test
    void toolsAreNamedAndDescribedFromTheWorkers() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("boss", "nothing to delegate");
        Runs.run(model, supervisorFlow(), "hi");

        List<ToolSpec> offered = model.requestsOf("boss").get(0).tools();
        assertThat(offered).extracting(ToolSpec::name).containsExactly("delegate_to_flights", "delegate_to_hotels");
        assertThat(offered.get(0).description()).contains("Flights").contains("finds flights")
                .contains("cheapest fare");
    }

    @Test
    void aFullDelegationPassesTheSupervisorsRequestToo() throws Exception {
        Flow flow = supervisorFlow().replaceEdge(Edge.delegates("d1", "boss", "flights")
                .withContext(ContextPolicy.FULL));
        ScriptedModel model = new ScriptedModel().on("boss", (r, n) -> n == 1
                ? tools(call("c1", "delegate_to_flights", "task", "find a flight")) : text("ok"));
        Runs.run(model, flow, "Plan a trip");

        assertThat(userText(model.requestsOf("flights").get(0)))
                .isEqualTo("Request to Boss:\nRequest:\nPlan a trip\n\nSub-task:\nfind a flight");
    }

    @Test
    void maxTurnsStopsASupervisorThatNeverAnswers() throws Exception {
        ScriptedModel model = new ScriptedModel().on("boss", (r, n) ->
                tools(call("c" + n, "delegate_to_flights", "task", "again")));
        Runs.Outcome o = Runs.run(model, Flows.flow().build().withNodes(supervisorFlow().nodes())
                .withEdges(supervisorFlow().edges()).withLimits(new dev.baton.flow.Limits(3, 20, 3,
                        java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(60), null)), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.result().nodeId()).isEqualTo("boss");
        assertThat(model.requestsOf("boss")).hasSize(3);
        assertThat(o.events(RunEvent.LimitReached.class)).singleElement()
                .extracting(RunEvent.LimitReached::limit).isEqualTo("maxTurnsPerAgent");
    }

    private static Flow supervisorFlow(WorkerFailurePolicy policy) {
        return supervisorFlow().updateNode("boss", n -> n.withOnWorkerFailure(policy));
    }

    private static ScriptedModel hotelsFail() {
        return new ScriptedModel().on("hotels", (r, n) -> {
            throw new ModelException(ModelException.Kind.CLIENT_ERROR, 400, "unknown model 'x'", null);
        });
    }

    @Test
    void withPolicyFailAFailingWorkerFailsTheRunNamingTheWorker() throws Exception {
        ScriptedModel model = hotelsFail()
                .on("boss", (r, n) -> tools(call("c1", "delegate_to_flights", "task", "a"),
                        call("c2", "delegate_to_hotels", "task", "b")));
        Runs.Outcome o = Runs.run(model, supervisorFlow(WorkerFailurePolicy.FAIL), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("hotels");
        assertThat(o.result().cause()).contains("unknown model 'x'").contains("HTTP 400");
        assertThat(o.events(RunEvent.WorkerFailureHandled.class)).singleElement().satisfies(h -> {
            assertThat(h.policy()).isEqualTo("FAIL");
            assertThat(h.action()).isEqualTo("failed the run");
        });
    }

    @Test
    void aFailedWorkerIsReportedToTheSupervisorWhichAnswersWithoutIt() throws Exception {
        ScriptedModel model = hotelsFail()
                .on("boss", (r, n) -> n == 1 ? tools(call("c1", "delegate_to_flights", "task", "a"),
                        call("c2", "delegate_to_hotels", "task", "b")) : text("flights only"));
        Runs.Outcome o = Runs.run(model, supervisorFlow(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.result().output()).isEqualTo("flights only");
        assertThat(model.requestsOf("boss").get(1).messages()).filteredOn(m -> m instanceof ChatMessage.ToolResult)
                .extracting(m -> ((ChatMessage.ToolResult) m).text())
                .satisfiesExactly(f -> assertThat(f).isEqualTo("output of flights"),
                        h -> assertThat(h).startsWith("Error: worker 'hotels' failed: ")
                                .contains("CLIENT_ERROR (HTTP 400)").contains("unknown model 'x'"));
        assertThat(o.events(RunEvent.WorkerFailureHandled.class)).singleElement().satisfies(h -> {
            assertThat(h.supervisor()).isEqualTo("boss");
            assertThat(h.worker()).isEqualTo("hotels");
            assertThat(h.policy()).isEqualTo("REPORT");
            assertThat(h.action()).isEqualTo("answered without it");
            assertThat(h.cause()).contains("unknown model 'x'");
        });
    }

    @Test
    void theSupervisorCanDelegateAgainAfterAFailure() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on("hotels", (r, n) -> {
                    if (n == 1) {
                        throw new ModelException(ModelException.Kind.CLIENT_ERROR, 400, "bad request", null);
                    }
                    return text("hotel booked");
                })
                .on("boss", (r, n) -> n <= 2 ? tools(call("c" + n, "delegate_to_hotels", "task", "book"))
                        : text("done: hotel booked"));
        Runs.Outcome o = Runs.run(model, supervisorFlow(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.WorkerFailureHandled.class)).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo("delegated again");
            assertThat(h.then()).isEqualTo("hotels");
        });
    }

    @Test
    void anAnswerThatRestsOnNothingThatSucceededStillFailsTheRun() throws Exception {
        ScriptedModel model = hotelsFail()
                .on("boss", (r, n) -> n == 1 ? tools(call("c1", "delegate_to_hotels", "task", "b"))
                        : text("made it up"));
        Runs.Outcome o = Runs.run(model, supervisorFlow(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("boss");
        assertThat(o.result().cause()).contains("nothing it delegated succeeded").contains("unknown model 'x'");
        assertThat(o.events(RunEvent.WorkerFailureHandled.class)).singleElement()
                .extracting(RunEvent.WorkerFailureHandled::action).isEqualTo("failed the run");
    }

    @Test
    void unknownToolsAreAnsweredWithAnErrorResult() throws Exception {
        ScriptedModel model = new ScriptedModel().on("boss", (r, n) -> n == 1
                ? tools(call("c1", "delegate_to_nobody", "task", "x")) : text("fine"));
        Runs.Outcome o = Runs.run(model, supervisorFlow(), "go");

        assertThat(o.result().output()).isEqualTo("fine");
        assertThat(model.requestsOf("boss").get(1).messages()).filteredOn(m -> m instanceof ChatMessage.ToolResult)
                .singleElement().extracting(m -> ((ChatMessage.ToolResult) m).text()).asString()
                .contains("no tool named 'delegate_to_nobody'");
    }

    @Test
    void hierarchiesNestSupervisors() throws Exception {
        Flow flow = Flows.flow()
                .node(AgentNode.of("ceo", NodeKind.SUPERVISOR, "CEO"))
                .node(AgentNode.of("lead", NodeKind.SUPERVISOR, "Lead"))
                .agent("dev")
                .next("start", "ceo").next("ceo", "out", ContextPolicy.LAST)
                .edge(Edge.delegates("d1", "ceo", "lead")).edge(Edge.delegates("d2", "lead", "dev")).build();
        ScriptedModel model = new ScriptedModel()
                .on("ceo", (r, n) -> n == 1 ? tools(call("c", "delegate_to_lead", "task", "ship it"))
                        : text("ceo: " + ((ChatMessage.ToolResult) r.messages().get(3)).text()))
                .on("lead", (r, n) -> n == 1 ? tools(call("c", "delegate_to_dev", "task", "code it"))
                        : text("lead: " + ((ChatMessage.ToolResult) r.messages().get(3)).text()))
                .answer("dev", "coded");
        Runs.Outcome o = Runs.run(model, flow, "go");

        assertThat(o.result().output()).isEqualTo("ceo: lead: coded");
    }

    @Test
    void simulatedSupervisorRunsEndToEnd() throws Exception {
        Runs.Outcome o = Runs.run(new dev.baton.engine.model.simulated.SimulatedProvider(
                dev.baton.engine.model.simulated.SimulatedModel.Settings.DEFAULT), supervisorFlow(), "Find flights and hotels");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.Delegated.class)).extracting(RunEvent.Delegated::worker)
                .containsExactly("flights", "hotels");
        assertThat(o.result().output()).contains("## From flights").contains("## From hotels");
    }
}

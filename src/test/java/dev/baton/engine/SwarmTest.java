package dev.baton.engine;

import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.Test;

import static dev.baton.engine.ScriptedModel.call;
import static dev.baton.engine.ScriptedModel.text;
import static dev.baton.engine.ScriptedModel.tools;
import static dev.baton.engine.ScriptedModel.userText;
import static org.assertj.core.api.Assertions.assertThat;

class SwarmTest {

    /** triage ⇄ billing, triage → tech; triage is the entry. */
    private static Flows swarm() {
        return Flows.flow()
                .node(AgentNode.of("triage", NodeKind.AGENT, "Triage").withRole("routes customer questions"))
                .node(AgentNode.of("billing", NodeKind.AGENT, "Billing")
                        .withRole("handles invoices, refunds and payments"))
                .node(AgentNode.of("tech", NodeKind.AGENT, "Tech").withRole("fixes login and app problems"))
                .next("start", "triage").next("triage", "out", ContextPolicy.LAST)
                .edge(Edge.handoff("h1", "triage", "billing"))
                .edge(Edge.handoff("h2", "billing", "triage"))
                .edge(Edge.handoff("h3", "triage", "tech").withContext(ContextPolicy.LAST));
    }

    @Test
    void handoffPassesControlWithReasonAndTheAnswerLeavesThroughTheEntry() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on("triage", (r, n) -> tools(call("c1", "handoff_to_billing", "reason", "refund question")))
                .answer("billing", "refund issued");
        Runs.Outcome o = Runs.run(model, swarm().build(), "I want a refund");

        assertThat(o.result().output()).isEqualTo("refund issued");
        assertThat(o.events(RunEvent.Handoff.class)).singleElement().satisfies(h -> {
            assertThat(h.from()).isEqualTo("triage");
            assertThat(h.to()).isEqualTo("billing");
            assertThat(h.reason()).isEqualTo("refund question");
            assertThat(h.contextMode()).isEqualTo(ContextMode.FULL);
            assertThat(h.context()).contains("I want a refund").contains("refund question");
            // the request is labelled once, not wrapped in a second "Request:" around the entry's own input
            assertThat(h.context()).startsWith("Request:\nI want a refund\n\nTriage:\n");
        });
        assertThat(userText(model.requestsOf("billing").get(0))).contains("I want a refund")
                .contains("Already handled by: triage, billing");
        assertThat(model.requestsOf("triage").get(0).tools()).extracting(ToolSpec::name)
                .containsExactly("handoff_to_billing", "handoff_to_tech");
    }

    @Test
    void lastContextPassesOnlyTheSendersMessage() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on("triage", (r, n) -> tools(call("c1", "handoff_to_tech", "reason", "login issue")))
                .answer("tech", "reset your password");
        Runs.Outcome o = Runs.run(model, swarm().build(), "cannot log in");

        RunEvent.Handoff h = o.events(RunEvent.Handoff.class).get(0);
        assertThat(h.contextMode()).isEqualTo(ContextMode.LAST);
        // the sender's message: its note and reason, with the request the swarm got (not the swarm's history)
        assertThat(h.context()).isEqualTo("Handoff from Triage (reason: login issue)\n\nOriginal request:\n"
                + "Request:\ncannot log in");
    }

    @Test
    void ofSeveralHandoffsTheFirstWinsAndTheOthersAreIgnored() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on("triage", (r, n) -> tools(call("c1", "handoff_to_tech", "reason", "first"),
                        call("c2", "handoff_to_billing", "reason", "second")))
                .answer("tech", "tech answer");
        Runs.Outcome o = Runs.run(model, swarm().build(), "help");

        assertThat(o.result().output()).isEqualTo("tech answer");
        assertThat(o.events(RunEvent.HandoffIgnored.class)).singleElement().satisfies(i -> {
            assertThat(i.to()).isEqualTo("billing");
            assertThat(i.why()).contains("first handoff");
        });
        assertThat(model.requestsOf("billing")).isEmpty();
    }

    @Test
    void maxHandoffsStopsTheSwarm() throws Exception {
        // each turn says something new, so this is not a loop, only too many handoffs
        ScriptedModel model = new ScriptedModel()
                .on("triage", (r, n) -> new dev.baton.engine.model.ModelReply("note " + n,
                        java.util.List.of(call("t" + n, "handoff_to_billing", "reason", "r")), 1, 1, true, "f", "f",
                        false))
                .on("billing", (r, n) -> new dev.baton.engine.model.ModelReply("bill " + n,
                        java.util.List.of(call("b" + n, "handoff_to_triage", "reason", "r")), 1, 1, true, "f", "f",
                        false));
        Runs.Outcome o = Runs.run(model, swarm().maxHandoffs(3).build(), "help");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.events(RunEvent.Handoff.class)).hasSize(3);
        assertThat(o.events(RunEvent.LimitReached.class)).singleElement()
                .extracting(RunEvent.LimitReached::limit).isEqualTo("maxHandoffs");
    }

    @Test
    void bouncingTheSameRequestStopsAsAHandoffLoop() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on("triage", (r, n) -> tools(call("t" + n, "handoff_to_billing", "reason", "not mine")))
                .on("billing", (r, n) -> tools(call("b" + n, "handoff_to_triage", "reason", "not mine either")));
        Runs.Outcome o = Runs.run(model, swarm().maxHandoffs(20).build(), "help");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.result().cause()).contains("handoff loop");
        assertThat(o.events(RunEvent.Handoff.class)).hasSize(2);
        assertThat(o.events(RunEvent.LimitReached.class)).singleElement()
                .extracting(RunEvent.LimitReached::limit).isEqualTo("handoffLoop");
    }

    @Test
    void simulatedSwarmHandsOffToTheBestFittingPeerOnce() throws Exception {
        Flow flow = swarm().build();
        Runs.Outcome o = Runs.run(new SimulatedProvider(SimulatedModel.Settings.DEFAULT), flow,
                "Please refund my last invoice payment");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.Handoff.class)).singleElement()
                .extracting(RunEvent.Handoff::to).isEqualTo("billing");
        assertThat(o.result().output()).startsWith(SimulatedModel.LABEL);
    }

    @Test
    void aSwarmAnswerWithoutTextFailsNamingTheAgent() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("triage", "");
        Runs.Outcome o = Runs.run(model, swarm().build(), "help");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("triage");
    }

    @Test
    void aCriticReviewsTheSwarmMemberThatAnswered() throws Exception {
        Flow flow = swarm()
                .node(AgentNode.of("qa", NodeKind.CRITIC, "QA").withCritic(new dev.baton.flow.CriticSpec(null,
                        java.util.List.of(new dev.baton.flow.Check.MustContain(java.util.List.of("refund id"))))))
                .edge(Edge.reviews("r", "qa", "billing", dev.baton.flow.ReviewPolicy.DEFAULT)).build();
        ScriptedModel model = new ScriptedModel()
                .on("triage", (r, n) -> tools(call("c1", "handoff_to_billing", "reason", "refund")))
                .on("billing", (r, n) -> text(n == 1 ? "refund issued" : "refund issued, refund id 42"));
        Runs.Outcome o = Runs.run(model, flow, "refund please");

        assertThat(o.result().output()).isEqualTo("refund issued, refund id 42");
        assertThat(model.requestsOf("billing").get(1).tools()).isEmpty();
        assertThat(o.events(RunEvent.CriticVerdict.class)).extracting(RunEvent.CriticVerdict::pass)
                .containsExactly(false, true);
    }

    @Test
    void aHandoffToAnUnknownToolIsRecordedAsIgnored() throws Exception {
        ScriptedModel model = new ScriptedModel().on("triage", (r, n) -> new dev.baton.engine.model.ModelReply(
                "answered myself", java.util.List.of(call("c1", "handoff_to_ghost", "reason", "?")), 1, 1, true, "f",
                "f", false));
        Runs.Outcome o = Runs.run(model, swarm().build(), "help");

        assertThat(o.result().output()).isEqualTo("answered myself");
        assertThat(o.events(RunEvent.HandoffIgnored.class)).singleElement()
                .extracting(RunEvent.HandoffIgnored::why).asString().contains("no handoff tool named 'handoff_to_ghost'");
    }

    @Test
    void aHandoffNotOfferedGoesBackToTheModelAsAToolResultAndItTriesAgain() throws Exception {
        ScriptedModel model = new ScriptedModel().on("triage", (r, n) -> n == 1
                ? tools(call("c1", "handoff_to_ghost", "reason", "?"))
                : tools(call("c2", "handoff_to_billing", "reason", "refund")))
                .answer("billing", "refund issued");
        Runs.Outcome o = Runs.run(model, swarm().build(), "refund please");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.result().output()).isEqualTo("refund issued");
        assertThat(o.events(RunEvent.HandoffIgnored.class)).singleElement().satisfies(i -> {
            assertThat(i.to()).isEqualTo("handoff_to_ghost");
            assertThat(i.why()).contains("there is no handoff named 'handoff_to_ghost'; you can hand off to: "
                    + "handoff_to_billing, handoff_to_tech");
        });
        java.util.List<dev.baton.engine.model.ChatMessage> second = model.requestsOf("triage").get(1).messages();
        assertThat(second.get(second.size() - 1)).isInstanceOfSatisfying(
                dev.baton.engine.model.ChatMessage.ToolResult.class,
                t -> assertThat(t.text()).contains("there is no handoff named 'handoff_to_ghost'"));
    }

    @Test
    void handoffsNotOfferedCountAgainstTheAgentsTurns() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on("triage", (r, n) -> tools(call("c" + n, "handoff_to_ghost", "reason", "?")));
        Runs.Outcome o = Runs.run(model, swarm().maxTurns(3).build(), "help");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.result().cause()).contains("maxTurnsPerAgent").doesNotContain("empty output");
        assertThat(model.requestsOf("triage")).hasSize(3);
        assertThat(o.events(RunEvent.HandoffIgnored.class)).hasSize(3);
    }
}

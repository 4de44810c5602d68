package dev.baton.engine;

import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.engine.step.Transcript;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.JudgeStrategy;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.baton.engine.ScriptedModel.userText;
import static org.assertj.core.api.Assertions.assertThat;

class RunDetailsTest {

    @Test
    void runStartedNamesTheFlowInputAndProviders() throws Exception {
        Flow flow = Flows.flow().chain("a", "b").build()
                .updateNode("b", n -> n.withModel(new ModelRef("openai", "gpt-4o-mini", null, null)));
        Runs.Outcome o = Runs.run(new ScriptedModel(), flow, "hello");

        RunEvent.RunStarted started = o.events(RunEvent.RunStarted.class).get(0);
        assertThat(started.input()).isEqualTo("hello");
        assertThat(started.providers()).containsExactly("simulated/sim-1", "openai/gpt-4o-mini");
        assertThat(started.simulated()).isFalse();
    }

    @Test
    void modelEventsCarryThePromptTheReplyAndItsListPrice() throws Exception {
        ScriptedModel model = new ScriptedModel().on("a", (r, n) ->
                new dev.baton.engine.model.ModelReply("A's answer", java.util.List.of(), 1_000_000, 1_000_000, true,
                        "openai", "gpt-4o-mini-2024-07-18", false))
                .on("b", (r, n) -> new dev.baton.engine.model.ModelReply("B's answer", java.util.List.of(), 10, 5,
                        true, "openai-compatible", "my-local-model", false));
        Flow flow = Flows.flow().chain("a", "b").build();
        Runs.Outcome o = Runs.run(model, flow, "the request");

        RunEvent.ModelRequested asked = o.events(RunEvent.ModelRequested.class).get(0);
        assertThat(asked.prompt()).hasSize(asked.messages());
        assertThat(asked.prompt().get(0).role()).isEqualTo("system");
        assertThat(asked.prompt().get(0).text()).startsWith("You are a");
        assertThat(asked.prompt().get(1).role()).isEqualTo("user");
        assertThat(asked.prompt().get(1).text()).contains("the request");

        java.util.List<RunEvent.ModelResponded> replies = o.events(RunEvent.ModelResponded.class);
        assertThat(replies.get(0).text()).isEqualTo("A's answer");
        assertThat(replies.get(0).costUsd()).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(replies.get(1).text()).isEqualTo("B's answer");
        assertThat(replies.get(1).costUsd()).as("no list price for a self-hosted model").isNull();
    }

    @Test
    void aJoinOfFullEdgesDoesNotRepeatTheRequest() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("a", "A says").answer("b", "B says");
        Flow flow = Flows.flow().agent("a").agent("b").agent("c")
                .next("start", "a").next("start", "b").next("a", "c").next("b", "c")
                .next("c", "out", ContextPolicy.LAST).build();
        Runs.run(model, flow, "the request");

        String input = userText(model.requestsOf("c").get(0));
        assertThat(input).isEqualTo("=== From a ===\nRequest:\nthe request\n\na:\nA says\n\n=== From b ===\nb:\nB says");
    }

    @Test
    void theModelSeesTheNodesSpecInItsSystemPrompt() throws Exception {
        ScriptedModel model = new ScriptedModel();
        Flow flow = Flows.flow().node(AgentNode.of("w", NodeKind.AGENT, "Writer").withRole("writes")
                .withGoal("a draft").withExpectedOutput("Markdown").withInstructions("Be brief."))
                .next("start", "w").next("w", "out").build();
        Runs.run(model, flow, "x");

        String system = ((dev.baton.engine.model.ChatMessage.System) model.requestsOf("w").get(0).messages().get(0))
                .text();
        assertThat(system).isEqualTo("You are Writer.\nKind: AGENT\nRole: writes\nGoal: a draft\n"
                + "Expected output: Markdown\nInstructions: Be brief.");
    }

    @Test
    void simulatedVerifierResolvesAContradiction() throws Exception {
        Flow flow = Flows.flow().agent("a").agent("b").agent("v")
                .node(AgentNode.of("judge", NodeKind.JUDGE, "Judge")
                        .withJudge(new JudgeSpec(JudgeStrategy.RE_VERIFY, Map.of(), "v")))
                .next("start", "a").next("start", "b").next("a", "judge").next("b", "judge")
                .next("judge", "out", ContextPolicy.LAST).build();
        Runs.Outcome o = Runs.run(new SimulatedProvider(SimulatedModel.Settings.DEFAULT), flow, "Is it safe?");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.JudgeDecision.class).get(0).winner()).isIn("a", "b");
        assertThat(o.events(RunEvent.AgentStarted.class)).extracting(RunEvent::nodeId).contains("v");
    }

    @Test
    void runWaitsAndKeepsTheChainOnTheCallingThread() throws Exception {
        java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ScriptedModel model = new ScriptedModel().on("a", (r, n) -> {
            threads.add(Thread.currentThread());
            return ScriptedModel.text("A");
        }).on("b", (r, n) -> {
            threads.add(Thread.currentThread());
            return ScriptedModel.text("B");
        });
        RunResult r = Runs.runner(model).run(Flows.flow().chain("a", "b").build(), RunRequest.of("go"));

        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(threads).containsExactly(Thread.currentThread());
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aTranscriptBuildsItsEntriesOnlyWhenAsked() {
        Transcript t = Transcript.of(new Transcript.Entry("s", "Request", "r"))
                .plus(new Transcript.Entry("a", "A", "1")).plus(new Transcript.Entry("b", "B", "2"));
        Transcript other = Transcript.of(new Transcript.Entry("s", "Request", "r"))
                .plus(new Transcript.Entry("c", "C", "3"));

        assertThat(t.entries()).extracting(Transcript.Entry::nodeId).containsExactly("s", "a", "b");
        assertThat(Transcript.merge(java.util.List.of(t, other)).render())
                .isEqualTo("Request:\nr\n\nA:\n1\n\nB:\n2\n\nC:\n3");
    }
}

package dev.baton.engine.model.simulated;

import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.SampleFlows;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedModelTest {

    private static List<RunEvent> run(long seed, String input, List<RunResult> results) throws Exception {
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT.withSeed(seed)),
                RunnerOptions.DEFAULT);
        RunHandle h = runner.start(SampleFlows.blogChain(), RunRequest.of(input), events::add);
        results.add(h.result().get(10, TimeUnit.SECONDS));
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();
        return events;
    }

    /** An event without its run id, time and latency: what must repeat for one seed. */
    private static String canonical(RunEvent e) throws Exception {
        StringBuilder sb = new StringBuilder(e.type());
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            String n = c.getName();
            if (n.equals("runId") || n.equals("time") || n.contains("latency") || n.equals("totals")
                    || n.equals("seq")) {
                continue;
            }
            sb.append('|').append(n).append('=').append(c.getAccessor().invoke(e));
        }
        return sb.toString();
    }

    /**
     * The events that must repeat for one seed. Streamed chunks are coalesced by wall-clock windows (ChunkCoalescer),
     * so how a reply is cut into TokenChunk events depends on the machine's load: a node's chunks are compared as
     * their joined text, and sequence numbers (which count chunks) are left out.
     */
    private static List<String> canonical(List<RunEvent> events) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder streamed = new StringBuilder();
        String streamingNode = null;
        for (RunEvent e : events) {
            if (e instanceof RunEvent.TokenChunk t) {
                if (!t.nodeId().equals(streamingNode) && streamingNode != null) {
                    out.add("streamed|" + streamingNode + "|" + streamed);
                    streamed.setLength(0);
                }
                streamingNode = t.nodeId();
                streamed.append(t.text());
                continue;
            }
            if (streamingNode != null) {
                out.add("streamed|" + streamingNode + "|" + streamed);
                streamed.setLength(0);
                streamingNode = null;
            }
            out.add(canonical(e));
        }
        return out;
    }

    @Test
    void sameSeedSameFlowSameInputGivesTheSameEvents() throws Exception {
        List<RunResult> results = new ArrayList<>();
        List<String> first = canonical(run(7, "Heat pumps in cold climates, for homeowners, 800 words", results));
        List<String> second = canonical(run(7, "Heat pumps in cold climates, for homeowners, 800 words", results));

        assertThat(results).allMatch(r -> r.status() == RunStatus.SUCCEEDED);
        assertThat(second).isEqualTo(first);
        assertThat(results.get(0).output()).isEqualTo(results.get(1).output());
    }

    @Test
    void differentSeedsDiffer() throws Exception {
        List<RunResult> results = new ArrayList<>();
        run(1, "Heat pumps in cold climates", results);
        run(2, "Heat pumps in cold climates", results);
        assertThat(results.get(0).output()).isNotEqualTo(results.get(1).output());
    }

    @Test
    void outputsAreRoleAwareLabelledAndPassTheSampleCritic() throws Exception {
        List<RunResult> results = new ArrayList<>();
        List<RunEvent> events = run(3, "Heat pumps in cold climates", results);

        String article = results.get(0).output();
        assertThat(article).startsWith(SimulatedModel.LABEL + "\n# Heat Pumps in Cold Climates").contains("## ");
        assertThat(article.length()).isBetween(400, 12000);
        String notes = events.stream().filter(e -> e instanceof RunEvent.AgentFinished && e.nodeId().equals("researcher"))
                .map(e -> ((RunEvent.AgentFinished) e).output()).findFirst().orElseThrow();
        assertThat(notes).startsWith(SimulatedModel.LABEL).contains("## Research notes").contains("(source:");
        assertThat(events).filteredOn(e -> e instanceof RunEvent.ModelResponded)
                .allSatisfy(e -> {
                    RunEvent.ModelResponded r = (RunEvent.ModelResponded) e;
                    assertThat(r.simulated()).isTrue();
                    assertThat(r.tokensReported()).isFalse();
                    assertThat(r.provider()).isEqualTo("simulated");
                });
        assertThat(events).filteredOn(e -> e instanceof RunEvent.CriticVerdict).isNotEmpty()
                .last().extracting(e -> ((RunEvent.CriticVerdict) e).pass()).isEqualTo(true);
    }

    @Test
    void aCriticThatAlwaysRejectsFirstMakesTheEditorRevise() throws Exception {
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(
                SimulatedModel.Settings.DEFAULT.withCriticFailRate(1.0)), RunnerOptions.DEFAULT);
        RunHandle h = runner.start(SampleFlows.blogChain(), RunRequest.of("Solar roofs"), events::add);
        RunResult r = h.result().get(10, TimeUnit.SECONDS);
        h.awaitEventsDelivered(Duration.ofSeconds(5));

        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.CriticVerdict)
                .extracting(e -> ((RunEvent.CriticVerdict) e).pass()).containsExactly(false, true);
        assertThat(r.output()).contains("Revised after feedback");
    }

    @Test
    void supervisorDelegatesToRelevantWorkersInOneTurn() throws Exception {
        SimulatedModel model = new SimulatedModel(SimulatedModel.Settings.DEFAULT, "sim-1");
        List<ToolSpec> tools = List.of(
                new ToolSpec("delegate_to_flights", "Delegate a sub-task to Flights: finds flights and airfares",
                        Map.of("task", "t")),
                new ToolSpec("delegate_to_hotels", "Delegate a sub-task to Hotels: books hotels and rooms",
                        Map.of("task", "t")),
                new ToolSpec("delegate_to_poetry", "Delegate a sub-task to Poet: writes sonnets",
                        Map.of("task", "t")));
        ModelRequest r = new ModelRequest("sup", List.of(new ChatMessage.System("You are Planner.\nKind: SUPERVISOR"),
                new ChatMessage.User("Find flights and a hotel room in Lisbon")), tools, false);
        ModelReply reply = model.chat(r, TokenSink.NONE);

        assertThat(reply.toolCalls()).extracting(ToolCall::name)
                .containsExactly("delegate_to_flights", "delegate_to_hotels");
        assertThat(reply.toolCalls().get(0).argument("task")).contains("Lisbon");
        assertThat(reply.simulated()).isTrue();
    }

    @Test
    void swarmAgentHandsOffOnlyWhenAPeerFitsClearlyBetterAndHasNotHadIt() throws Exception {
        SimulatedModel model = new SimulatedModel(SimulatedModel.Settings.DEFAULT, "sim-1");
        List<ToolSpec> tools = List.of(new ToolSpec("handoff_to_billing",
                "Hand the conversation off to Billing: handles invoices, refunds and payments", Map.of()));
        String system = "You are Triage.\nKind: AGENT\nRole: routes customer questions";
        ModelReply handoff = model.chat(new ModelRequest("triage", List.of(new ChatMessage.System(system),
                new ChatMessage.User("I want a refund for my last invoice")), tools, false), TokenSink.NONE);
        ModelReply answer = model.chat(new ModelRequest("triage", List.of(new ChatMessage.System(system),
                new ChatMessage.User("I want a refund for my last invoice\n\nAlready handled by: triage, billing")),
                tools, false), TokenSink.NONE);

        assertThat(handoff.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("handoff_to_billing");
            assertThat(c.argument("reason")).contains("refund").contains("invoice");
        });
        assertThat(answer.toolCalls()).isEmpty();
        assertThat(answer.text()).startsWith(SimulatedModel.LABEL);
    }

    @Test
    void latencySleepIsInterruptible() throws Exception {
        SimulatedModel model = new SimulatedModel(SimulatedModel.Settings.DEFAULT.withLatency(Duration.ofSeconds(30),
                0), "sim-1");
        Thread.currentThread().interrupt();
        try {
            model.chat(new ModelRequest("a", List.of(new ChatMessage.User("x")), List.of(), false), TokenSink.NONE);
            throw new AssertionError("expected an interruption");
        } catch (ModelException e) {
            assertThat(e.kind()).isEqualTo(ModelException.Kind.CANCELLED);
        } finally {
            Thread.interrupted();
        }
    }
}

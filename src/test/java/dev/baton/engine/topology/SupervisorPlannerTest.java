package dev.baton.engine.topology;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.AgentCall;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor's deciding code on its own, with no engine, thread or model: fed replies and results, it says what
 * to do next, the same actions for the same inputs.
 */
class SupervisorPlannerTest {

    private static final Flow FLOW = Flow.empty("s", "S")
            .addNode(AgentNode.of("boss", NodeKind.SUPERVISOR, "Boss"))
            .addNode(AgentNode.of("flights", NodeKind.AGENT, "Flights").withRole("Flight finder"))
            .addNode(AgentNode.of("hotels", NodeKind.AGENT, "Hotels").withRole("Hotel finder"))
            .addEdge(Edge.delegates("d1", "boss", "flights"))
            .addEdge(Edge.delegates("d2", "boss", "hotels"));

    private static ModelReply text(String text) {
        return new ModelReply(text, List.of(), 10, 5, true, "fake", "fake-1", false);
    }

    private static ModelReply calls(ToolCall... calls) {
        return new ModelReply("", List.of(calls), 10, 5, true, "fake", "fake-1", false);
    }

    private static SupervisorPlanner planner(int maxTurns) throws StepException {
        Limits limits = new Limits(maxTurns, 20, 3, Duration.ofSeconds(30), Duration.ofMinutes(1), null);
        return new SupervisorPlanner(FLOW.nodesById().get("boss"), new FlowIndex(FLOW), limits, "Plan a trip");
    }

    /** Runs a planner over fixed replies and results; returns every action it gave. */
    private static List<Action> script(SupervisorPlanner p, List<ModelReply> replies,
                                       List<List<AgentCall.Result>> results) {
        List<Action> seen = new ArrayList<>();
        Action next = p.start();
        int r = 0;
        int w = 0;
        while (true) {
            seen.add(next);
            if (next instanceof Action.AskModel) {
                next = p.onReply(replies.get(r++));
            } else if (next instanceof Action.CallAgents) {
                next = p.onResults(results.get(w++));
            } else {
                return seen;
            }
        }
    }

    @Test
    void delegatesTheCallsOfATurnTogetherAndAnswersWhenTheModelDoes() throws Exception {
        List<ModelReply> replies = List.of(
                calls(new ToolCall("c1", "delegate_to_flights", Map.of("task", "find flights")),
                        new ToolCall("c2", "delegate_to_trains", Map.of("task", "find trains"))),
                text("Here is the plan"));
        List<List<AgentCall.Result>> results = List.of(List.of(new AgentCall.Result("LH 714", null),
                new AgentCall.Result("Error: there is no tool named 'delegate_to_trains'.", null)));

        List<Action> actions = script(planner(8), replies, results);

        assertThat(actions).hasSize(4);
        Action.AskModel first = (Action.AskModel) actions.get(0);
        assertThat(first.turn()).isEqualTo(1);
        assertThat(first.tools()).extracting(t -> t.name()).containsExactly("delegate_to_flights", "delegate_to_hotels");
        Action.CallAgents call = (Action.CallAgents) actions.get(1);
        assertThat(call.calls()).hasSize(2);
        assertThat(call.calls().get(0).edge().to()).isEqualTo("flights");
        assertThat(call.calls().get(0).instruction()).isEqualTo("find flights");
        assertThat(call.calls().get(1).refused()).isTrue();
        assertThat(call.calls().get(1).refusal()).contains("no tool named 'delegate_to_trains'");
        Action.AskModel second = (Action.AskModel) actions.get(2);
        assertThat(second.turn()).isEqualTo(2);
        assertThat(second.messages()).filteredOn(m -> m instanceof ChatMessage.ToolResult)
                .extracting(m -> ((ChatMessage.ToolResult) m).text()).first().isEqualTo("LH 714");
        assertThat(actions.get(3)).isEqualTo(new Action.Done("Here is the plan"));

        // deterministic: the same inputs give the same actions
        assertThat(script(planner(8), replies, results)).isEqualTo(actions);
    }

    @Test
    void answeringWhenEveryDelegationFailedFailsAndSaysWhatFollowedTheFailure() throws Exception {
        SupervisorPlanner p = planner(8);
        p.start();
        p.onReply(calls(new ToolCall("c1", "delegate_to_hotels", Map.of("task", "find a hotel"))));
        Action afterFailure = p.onResults(List.of(new AgentCall.Result(null, "failed: HTTP 500")));
        assertThat(afterFailure).isInstanceOf(Action.AskModel.class);

        Action end = p.onReply(text("I could not book anything"));

        assertThat(end).isInstanceOf(Action.Fail.class);
        assertThat(((Action.Fail) end).reason().getMessage()).contains("nothing it delegated succeeded")
                .contains("HTTP 500");
        assertThat(p.takeHandled()).singleElement().satisfies(h -> {
            assertThat(h.edge().to()).isEqualTo("hotels");
            assertThat(h.action()).isEqualTo("failed the run");
        });
    }

    @Test
    void runningOutOfTurnsIsALimit() throws Exception {
        SupervisorPlanner p = planner(1);
        p.start();
        p.onReply(calls(new ToolCall("c1", "delegate_to_flights", Map.of("task", "again"))));

        Action end = p.onResults(List.of(new AgentCall.Result("LH 714", null)));

        assertThat(end).isInstanceOf(Action.Fail.class);
        StepException why = ((Action.Fail) end).reason();
        assertThat(why.kind()).isEqualTo(StepException.Kind.LIMIT_REACHED);
        assertThat(why.limit()).isEqualTo("maxTurnsPerAgent");
    }
}

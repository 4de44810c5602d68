package dev.baton.engine.topology;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.RetryReason;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.NodeKind;
import dev.baton.flow.OnExhausted;
import dev.baton.flow.ReviewPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The critic loop's deciding code on its own, with no engine, thread or model: fed the reviewed node's outputs, the
 * checks' failures, the critics' replies and a person's answers, it says what to do next and what to record, the same
 * for the same inputs.
 */
class CriticPlannerTest {

    private static final CriticSpec RUBRIC = new CriticSpec("must cite a source", List.of());
    private static final AgentNode WRITER = AgentNode.of("writer", NodeKind.AGENT, "Writer");

    private static Flow flow(CriticSpec spec, ReviewPolicy policy) {
        return Flow.empty("c", "C").addNode(WRITER)
                .addNode(AgentNode.of("critic", NodeKind.CRITIC, "Critic").withCritic(spec))
                .addEdge(Edge.reviews("r1", "critic", "writer", policy));
    }

    private static CriticPlanner planner(Flow flow, int maxCriticRetries) {
        Limits limits = new Limits(8, 20, maxCriticRetries, Duration.ofSeconds(30), Duration.ofMinutes(1), null);
        return new CriticPlanner(WRITER, "Write about heat pumps", new FlowIndex(flow), limits);
    }

    private static ModelReply reply(String text) {
        return new ModelReply(text, List.of(), 10, 5, true, "fake", "fake-1", false);
    }

    /** One step of a script: the action the planner gave and the notes it had to record before it. */
    private record Seen(Action action, List<CriticPlanner.Note> notes) { }

    /**
     * Runs a planner from its start, feeding each action the next of the given results in order (an output, a list of
     * check failures, a reply text or a person's answer, by the action's kind); returns every action and its notes.
     */
    @SuppressWarnings("unchecked")
    private static List<Seen> script(CriticPlanner p, String firstOutput, Object... fed) {
        Deque<Object> results = new ArrayDeque<>(List.of(fed));
        List<Seen> seen = new ArrayList<>();
        Action next = p.start(firstOutput);
        while (true) {
            seen.add(new Seen(next, p.takeNotes()));
            if (next instanceof Action.Activate) {
                next = p.onOutput((String) results.pop());
            } else if (next instanceof Action.RunChecks) {
                next = p.onChecks((List<String>) results.pop());
            } else if (next instanceof Action.AskModel) {
                next = p.onReply(reply((String) results.pop()));
            } else if (next instanceof Action.AskHuman) {
                next = p.onAnswer((String) results.pop());
            } else {
                assertThat(results).as("results left unfed").isEmpty();
                return seen;
            }
        }
    }

    private static List<Action> actions(List<Seen> seen) {
        return seen.stream().map(Seen::action).toList();
    }

    @Test
    void aRejectionRunsTheNodeAgainWithTheFeedbackAndThePassingOutputIsDone() {
        Flow f = flow(RUBRIC, ReviewPolicy.DEFAULT);
        Object[] fed = {"draft 1", "{\"pass\": false, \"feedback\": \"add a source\"}", "draft 2",
                "```json\n{\"pass\": true, \"feedback\": \"ok\"}\n```"};

        List<Seen> seen = script(planner(f, 3), null, fed);

        assertThat(actions(seen)).hasSize(5);
        assertThat(seen.get(0).action()).isEqualTo(new Action.Activate(WRITER, "Write about heat pumps", 1));
        Action.AskModel ask = (Action.AskModel) seen.get(1).action();
        assertThat(ask.turn()).isEqualTo(1);
        assertThat(ask.json()).isTrue();
        assertThat(ask.tools()).isEmpty();
        assertThat(((ChatMessage.User) ask.messages().get(1)).text()).startsWith("Rubric: must cite a source")
                .contains("=== Output of").contains("draft 1").endsWith("Write about heat pumps");
        Action.Activate again = (Action.Activate) seen.get(2).action();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.input()).startsWith("Write about heat pumps\n\n=== Feedback from")
                .contains("add a source").contains("=== Your previous output ===\ndraft 1");
        assertThat(seen.get(2).notes()).containsExactly(
                new CriticPlanner.Verdict("critic", "r1", "writer", false, "add a source", List.of(), 1),
                new CriticPlanner.Retry("writer", "r1", RetryReason.REVIEW, 2, "add a source"));
        // the critic is shown what the retry was given: the input with the feedback
        assertThat(((ChatMessage.User) ((Action.AskModel) seen.get(3).action()).messages().get(1)).text())
                .contains("draft 2").endsWith("Revise your previous output to address the feedback.");
        assertThat(seen.get(4).action()).isEqualTo(new Action.Done("draft 2"));
        assertThat(seen.get(4).notes()).containsExactly(
                new CriticPlanner.Verdict("critic", "r1", "writer", true, "ok", List.of(), 2));

        // deterministic: the same inputs give the same actions and notes
        assertThat(script(planner(f, 3), null, fed)).isEqualTo(seen);
    }

    @Test
    void failedChecksRejectWithoutAskingTheModelAndPassingChecksLeadToTheRubric() {
        List<Check> checks = List.of(new Check.MustContain(List.of("Sources")), new Check.Length(10, null));
        Flow f = flow(new CriticSpec("also a rubric", checks), ReviewPolicy.DEFAULT);

        List<Seen> seen = script(planner(f, 3), null, "short",
                List.of("mustContain: missing [Sources]", "length: 5 characters, fewer than 10"),
                "# Title\n\nSources: a", List.of(), "{\"pass\": true}");

        assertThat(actions(seen)).extracting(a -> a.getClass().getSimpleName())
                .containsExactly("Activate", "RunChecks", "Activate", "RunChecks", "AskModel", "Done");
        Action.RunChecks first = (Action.RunChecks) seen.get(1).action();
        assertThat(first.critic().id()).isEqualTo("critic");
        assertThat(first.checks()).isEqualTo(checks);
        assertThat(first.output()).isEqualTo("short");
        assertThat(seen.get(2).notes().get(0)).isEqualTo(new CriticPlanner.Verdict("critic", "r1", "writer", false,
                "Failed checks: mustContain: missing [Sources]; length: 5 characters, fewer than 10",
                List.of("mustContain: missing [Sources]", "length: 5 characters, fewer than 10"), 1));
        assertThat(((Action.Activate) seen.get(2).action()).input()).contains("Failed checks: mustContain");
    }

    @Test
    void checksOnlyPassWithoutAModel() {
        Flow f = flow(new CriticSpec(null, List.of(new Check.Length(1, null))), ReviewPolicy.DEFAULT);

        List<Seen> seen = script(planner(f, 3), null, "fine", List.of());

        assertThat(actions(seen)).extracting(a -> a.getClass().getSimpleName())
                .containsExactly("Activate", "RunChecks", "Done");
        assertThat(seen.get(2).notes()).containsExactly(
                new CriticPlanner.Verdict("critic", "r1", "writer", true, "all checks passed", List.of(), 1));
    }

    @Test
    void exhaustedWithFailFailsNamingTheCriticAndTheAttempts() {
        List<Seen> seen = script(planner(flow(RUBRIC, new ReviewPolicy(1, OnExhausted.FAIL)), 3), null,
                "draft 1", "{\"pass\": false, \"feedback\": \"still wrong\"}",
                "draft 2", "{\"pass\": false, \"feedback\": \"still wrong\"}");

        Action.Fail fail = (Action.Fail) seen.get(seen.size() - 1).action();
        assertThat(fail.reason().nodeId()).isEqualTo("critic");
        assertThat(fail.reason().kind()).isEqualTo(StepException.Kind.FAILED);
        assertThat(fail.reason().getMessage()).isEqualTo(
                "critic 'critic' rejected the output of 'writer' 2 time(s): still wrong");
        assertThat(seen.get(seen.size() - 1).notes()).singleElement()
                .isInstanceOfSatisfying(CriticPlanner.Verdict.class, v -> assertThat(v.attempt()).isEqualTo(2));
    }

    @Test
    void theFlowsMaxCriticRetriesCapsTheEdgesRetries() {
        List<Seen> seen = script(planner(flow(RUBRIC, new ReviewPolicy(5, OnExhausted.FAIL)), 1), null,
                "draft 1", "{\"pass\": false, \"feedback\": \"no\"}", "draft 2", "{\"pass\": false, \"feedback\": \"no\"}");

        assertThat(actions(seen)).filteredOn(a -> a instanceof Action.Activate).hasSize(2);
        assertThat(seen.get(seen.size() - 1).action()).isInstanceOf(Action.Fail.class);
    }

    @Test
    void exhaustedWithContinueWarnsAndKeepsTheLastOutput() {
        List<Seen> seen = script(planner(flow(RUBRIC, new ReviewPolicy(0, OnExhausted.CONTINUE_WITH_WARNING)), 3),
                null, "draft 1", "{\"pass\": false, \"feedback\": \"thin\"}");

        assertThat(seen.get(seen.size() - 1).action()).isEqualTo(new Action.Done("draft 1"));
        assertThat(seen.get(seen.size() - 1).notes()).hasSize(2).last().isEqualTo(new CriticPlanner.Warning("critic",
                "critic 'critic' rejected the output of 'writer' 1 time(s): thin (continuing with it)"));
    }

    @Test
    void exhaustedWithAskHumanAsksAndFollowsTheAnswer() {
        Flow f = flow(RUBRIC, new ReviewPolicy(0, OnExhausted.ASK_HUMAN));
        String no = "{\"pass\": false, \"feedback\": \"thin\"}";

        List<Seen> retryThenFail = script(planner(f, 3), null, "draft 1", no, "r", "draft 2", no, "f");

        assertThat(actions(retryThenFail)).extracting(a -> a.getClass().getSimpleName())
                .containsExactly("Activate", "AskModel", "AskHuman", "Activate", "AskModel", "AskHuman", "Fail");
        Action.AskHuman ask = (Action.AskHuman) retryThenFail.get(2).action();
        assertThat(ask.node().id()).isEqualTo("critic");
        assertThat(ask.context()).isEqualTo("draft 1");
        assertThat(ask.question()).isEqualTo("critic 'critic' rejected the output of 'writer' 1 time(s): thin\n"
                + "Accept the output as it is (a), retry once more (r), or fail the run (f)?");
        assertThat(retryThenFail.get(3).notes()).containsExactly(
                new CriticPlanner.Retry("writer", "r1", RetryReason.REVIEW, 2, "thin"));
        assertThat(((Action.Fail) retryThenFail.get(6).action()).reason().getMessage())
                .endsWith("2 time(s): thin (a person chose to fail the run)");

        List<Seen> accepted = script(planner(f, 3), null, "draft 1", no, "  Accept ");
        assertThat(accepted.get(3).action()).isEqualTo(new Action.Done("draft 1"));
        assertThat(accepted.get(3).notes()).containsExactly(new CriticPlanner.Warning("critic",
                "critic 'critic' rejected the output of 'writer' 1 time(s): thin (accepted by a person)"));
    }

    @Test
    void aReplyThatIsNotTheVerdictIsAskedForOnceMoreThenFails() {
        List<Seen> recovered = script(planner(flow(RUBRIC, ReviewPolicy.DEFAULT), 3), null, "draft",
                "{\"pass\": tru}", "{\"pass\": true}");

        Action.AskModel second = (Action.AskModel) recovered.get(2).action();
        assertThat(second.turn()).isEqualTo(2);
        assertThat(((ChatMessage.User) second.messages().get(second.messages().size() - 1)).text())
                .contains("could not be read as a JSON verdict").contains("invalid JSON");
        assertThat(recovered.get(2).notes()).singleElement().isInstanceOfSatisfying(CriticPlanner.Retry.class,
                r -> {
                    assertThat(r.nodeId()).isEqualTo("critic");
                    assertThat(r.reason()).isEqualTo(RetryReason.FORMAT);
                    assertThat(r.attempt()).isEqualTo(2);
                });
        assertThat(recovered.get(3).action()).isEqualTo(new Action.Done("draft"));

        List<Seen> failed = script(planner(flow(RUBRIC, ReviewPolicy.DEFAULT), 3), null, "draft",
                "looks fine", "still fine");
        Action.Fail fail = (Action.Fail) failed.get(failed.size() - 1).action();
        assertThat(fail.reason().nodeId()).isEqualTo("critic");
        assertThat(fail.reason().getMessage()).contains("JSON verdict").contains("asked twice");
    }

    @Test
    void criticsReviewInEdgeOrderAndARetryIsRecheckedOnlyByTheCriticThatRejectedIt() {
        Flow f = flow(RUBRIC, ReviewPolicy.DEFAULT)
                .addNode(AgentNode.of("editor", NodeKind.CRITIC, "Editor").withCritic(RUBRIC))
                .addEdge(Edge.reviews("r2", "editor", "writer", ReviewPolicy.DEFAULT));
        CriticPlanner p = planner(f, 3);

        // the first output is given (a swarm's answer): the review starts at once
        List<Seen> seen = script(p, "answer 1", "{\"pass\": true}", "{\"pass\": false, \"feedback\": \"tighten\"}",
                "answer 2", "{\"pass\": true}");

        assertThat(actions(seen)).extracting(a -> a.getClass().getSimpleName())
                .containsExactly("AskModel", "AskModel", "Activate", "AskModel", "Done");
        assertThat(seen.get(1).notes()).extracting(n -> ((CriticPlanner.Verdict) n).criticId())
                .containsExactly("critic");
        assertThat(seen.get(4).notes()).singleElement().isEqualTo(
                new CriticPlanner.Verdict("editor", "r2", "writer", true, "", List.of(), 2));
        assertThat(p.critic().id()).isEqualTo("editor");
    }

    @Test
    void aNodeNobodyReviewsIsDoneWithItsOutput() {
        Flow f = Flow.empty("c", "C").addNode(WRITER);

        List<Seen> seen = script(planner(f, 3), null, "draft");

        assertThat(actions(seen)).containsExactly(new Action.Activate(WRITER, "Write about heat pumps", 1),
                new Action.Done("draft"));
        assertThat(seen).allSatisfy(s -> assertThat(s.notes()).isEmpty());
    }
}

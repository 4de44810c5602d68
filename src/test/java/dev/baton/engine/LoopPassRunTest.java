package dev.baton.engine;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.Limits;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouteCondition;
import dev.baton.flow.RouteOp;
import dev.baton.flow.RouteSpec;
import dev.baton.flow.RouterMode;
import dev.baton.flow.RouterSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routers and bounded loops: a forward route into a loop body is a route like any other (skipped when not taken),
 * and each pass of a loop waits only for that pass's inputs. Before, a route was taken for a route back whenever its
 * target could reach its router, so a node waiting on it waited until the run's deadline (Flowise's "Supervisor
 * Worker" template imported), and a node after a loop counted the dead inputs of every pass against one wait.
 */
class LoopPassRunTest {

    /** Short, so that a run that hangs on the old code ends as a failed test in seconds, not at 15 minutes. */
    private static final Limits LIMITS = new Limits(8, 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(6), null);

    private static AgentNode agent(String id) {
        return AgentNode.of(id, NodeKind.AGENT, id).withRole(id);
    }

    private static AgentNode rules(String id) {
        return AgentNode.of(id, NodeKind.ROUTER, id).withRouter(new RouterSpec(RouterMode.RULE));
    }

    private static RouteSpec when(RouteOp op, String value) {
        return RouteSpec.EMPTY.withCondition(new RouteCondition(op, "", value));
    }

    private static RouteSpec always(int maxVisits) {
        return when(RouteOp.REGEX, "(?s).*").withMaxVisits(maxVisits);
    }

    private static RouteSpec otherwise() {
        return RouteSpec.EMPTY.withDefault(true);
    }

    private static List<String> started(Runs.Outcome out) {
        return out.events(RunEvent.AgentStarted.class).stream().map(RunEvent.AgentStarted::nodeId).toList();
    }

    private static Runs.Outcome run(Flow flow, ScriptedModel model) throws Exception {
        assertThat(FlowValidator.isValid(flow)).as(FlowValidator.validate(flow).toString()).isTrue();
        Runs.Outcome out = Runs.run(model, flow, "Write a function that reverses a string");
        assertThat(out.result().status()).as(out.result().toString()).isEqualTo(RunStatus.SUCCEEDED);
        return out;
    }

    /**
     * Flowise's Supervisor Worker as `baton import` makes it: a supervisor names the next worker, a rule router sends
     * the work to the software engineer, the code reviewer or the final answer; after each worker a loop router goes
     * back to the supervisor (at most 5 times) or on to the output.
     */
    private static Flow supervisorWorker() {
        return Flow.empty("supervisor-worker", "Supervisor Worker").withLimits(LIMITS)
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(agent("supervisor"))
                .addNode(rules("next-worker"))
                .addNode(agent("engineer"))
                .addNode(agent("reviewer"))
                .addNode(agent("final"))
                .addNode(rules("loop-engineer"))
                .addNode(rules("loop-reviewer"))
                .addNode(AgentNode.of("output", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("start-supervisor", "start", "supervisor"))
                // the router reads only the supervisor's last answer (FULL would carry every earlier answer as well)
                .addEdge(Edge.next("supervisor-next", "supervisor", "next-worker").withContext(ContextPolicy.LAST))
                .addEdge(Edge.route("to-engineer", "next-worker", "engineer",
                        when(RouteOp.CONTAINS, "SOFTWARE")))
                .addEdge(Edge.route("to-reviewer", "next-worker", "reviewer",
                        when(RouteOp.CONTAINS, "REVIEWER")))
                .addEdge(Edge.route("to-final", "next-worker", "final", otherwise()))
                .addEdge(Edge.next("engineer-loop", "engineer", "loop-engineer"))
                .addEdge(Edge.next("reviewer-loop", "reviewer", "loop-reviewer"))
                .addEdge(Edge.route("engineer-back", "loop-engineer", "supervisor", always(5)))
                .addEdge(Edge.route("engineer-done", "loop-engineer", "output", otherwise()))
                .addEdge(Edge.route("reviewer-back", "loop-reviewer", "supervisor", always(5)))
                .addEdge(Edge.route("reviewer-done", "loop-reviewer", "output", otherwise()))
                .addEdge(Edge.next("final-output", "final", "output"));
    }

    @Test
    void theSupervisorWorkerShapeRunsEachWorkerTheSupervisorNamesThenTheFinalAnswer() throws Exception {
        String[] plan = {"SOFTWARE", "REVIEWER", "FINISH"};
        ScriptedModel model = new ScriptedModel()
                .on("supervisor", (r, n) -> ScriptedModel.text(plan[Math.min(n, plan.length) - 1]))
                .answer("final", "the reviewed function");

        Runs.Outcome out = run(supervisorWorker(), model);

        assertThat(started(out)).containsExactly("start", "supervisor", "next-worker", "engineer", "loop-engineer",
                "supervisor", "next-worker", "reviewer", "loop-reviewer", "supervisor", "next-worker", "final",
                "output");
        assertThat(out.events(RunEvent.RouteDecision.class)).extracting(RunEvent.RouteDecision::edgeId)
                .containsExactly("to-engineer", "engineer-back", "to-reviewer", "reviewer-back", "to-final");
        assertThat(out.result().output()).contains("the reviewed function");
    }

    @Test
    void aForwardRouteIntoALoopBodyThatIsNotTakenIsSkipped() throws Exception {
        // the supervisor answers at once: the routes into both workers are not taken, so the loops never run and
        // the output must not wait for their "done" routes
        ScriptedModel model = new ScriptedModel().answer("supervisor", "FINISH").answer("final", "done at once");

        Runs.Outcome out = run(supervisorWorker(), model);

        assertThat(started(out)).containsExactly("start", "supervisor", "next-worker", "final", "output");
        assertThat(out.result().output()).contains("done at once");
    }

    @Test
    void aNodeAfterTheLoopWaitsForEachPassOnlyForThatPassesInputs() throws Exception {
        // draft -> triage: "ESCAPE" goes to the escalation desk, anything else to the editor; after the editor the
        // loop goes back to the draft twice, then on to the output, which also follows the escalation desk
        Flow flow = Flow.empty("after-loop", "After the loop").withLimits(LIMITS)
                .addNode(AgentNode.of("in", NodeKind.START, "In"))
                .addNode(agent("draft"))
                .addNode(rules("triage"))
                .addNode(agent("escalation"))
                .addNode(agent("editor"))
                .addNode(rules("again"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("in-draft", "in", "draft"))
                .addEdge(Edge.next("draft-triage", "draft", "triage"))
                .addEdge(Edge.route("escape", "triage", "escalation", when(RouteOp.CONTAINS, "ESCAPE")))
                .addEdge(Edge.route("edit", "triage", "editor", otherwise()))
                .addEdge(Edge.next("editor-again", "editor", "again"))
                .addEdge(Edge.route("redo", "again", "draft", always(2)))
                .addEdge(Edge.route("finished", "again", "out", otherwise()))
                .addEdge(Edge.next("escalation-out", "escalation", "out"));
        ScriptedModel model = new ScriptedModel().on("draft", (r, n) -> ScriptedModel.text("draft " + n))
                .on("editor", (r, n) -> ScriptedModel.text("edited " + n));

        Runs.Outcome out = run(flow, model);

        assertThat(started(out).stream().filter("draft"::equals)).hasSize(3);
        assertThat(started(out)).doesNotContain("escalation").endsWith("again", "out");
        assertThat(out.result().output()).contains("edited 3");
    }

    @Test
    void aLoopInsideALoopRunsBothToTheirBounds() throws Exception {
        // outline -> section -> inner check (back to the section once) -> outer check (back to the outline once)
        Flow flow = Flow.empty("nested", "Nested loops").withLimits(LIMITS)
                .addNode(AgentNode.of("in", NodeKind.START, "In"))
                .addNode(agent("outline"))
                .addNode(agent("section"))
                .addNode(rules("inner"))
                .addNode(rules("outer"))
                .addNode(agent("polish"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("in-outline", "in", "outline"))
                .addEdge(Edge.next("outline-section", "outline", "section"))
                .addEdge(Edge.next("section-inner", "section", "inner"))
                .addEdge(Edge.route("inner-back", "inner", "section", always(1)))
                .addEdge(Edge.route("inner-on", "inner", "outer", otherwise()))
                .addEdge(Edge.route("outer-back", "outer", "outline", always(1)))
                .addEdge(Edge.route("outer-on", "outer", "polish", otherwise()))
                .addEdge(Edge.next("polish-out", "polish", "out"))
                // the outline also goes straight to the polish: a join of a node before both loops and the loops' end
                .addEdge(Edge.next("outline-polish", "outline", "polish"));
        ScriptedModel model = new ScriptedModel();

        Runs.Outcome out = run(flow, model);

        assertThat(out.events(RunEvent.RouteDecision.class)).extracting(RunEvent.RouteDecision::edgeId)
                .containsExactly("inner-back", "inner-on", "outer-back", "inner-on", "outer-on");
        assertThat(started(out).stream().filter("polish"::equals)).hasSize(1);
        assertThat(started(out)).endsWith("polish", "out");
    }
}

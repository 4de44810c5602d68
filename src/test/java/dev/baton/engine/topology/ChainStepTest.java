package dev.baton.engine.topology;

import dev.baton.engine.step.FlowIndex;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouteSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain's bookkeeping on its own: which edges are routes back, and what each pass of a loop waits for. */
class ChainStepTest {

    /** start -> sup -> pick; pick routes to a worker (whose loop goes back to sup, or on to out) or to final -> out. */
    private static final Flow SHAPE = Flow.empty("sw", "SW")
            .addNode(AgentNode.of("start", NodeKind.START, "Start"))
            .addNode(AgentNode.of("sup", NodeKind.AGENT, "Sup"))
            .addNode(AgentNode.of("pick", NodeKind.ROUTER, "Pick"))
            .addNode(AgentNode.of("worker", NodeKind.AGENT, "Worker"))
            .addNode(AgentNode.of("loop", NodeKind.ROUTER, "Loop"))
            .addNode(AgentNode.of("final", NodeKind.AGENT, "Final"))
            .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
            .addEdge(Edge.next("start-sup", "start", "sup"))
            .addEdge(Edge.next("sup-pick", "sup", "pick"))
            .addEdge(Edge.route("to-worker", "pick", "worker", RouteSpec.EMPTY))
            .addEdge(Edge.route("to-final", "pick", "final", RouteSpec.EMPTY.withDefault(true)))
            .addEdge(Edge.next("worker-loop", "worker", "loop"))
            .addEdge(Edge.route("back", "loop", "sup", RouteSpec.EMPTY.withMaxVisits(2)))
            .addEdge(Edge.route("done", "loop", "out", RouteSpec.EMPTY.withDefault(true)))
            .addEdge(Edge.next("final-out", "final", "out"));

    private static Edge edge(String id) {
        return SHAPE.edges().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    private static ChainStep.Plan plan() {
        return new ChainStep.Plan(SHAPE, new FlowIndex(SHAPE));
    }

    @Test
    void onlyTheEdgeBackToANodeOnTheWayFromStartIsARouteBack() {
        ChainStep.Plan plan = plan();

        // the route into the loop's body reaches its router again, but only through the loop: it is a forward route
        assertThat(plan.backEdges).containsExactly("back");
        assertThat(plan.incoming.get("worker")).extracting(Edge::id).containsExactly("to-worker");
        assertThat(plan.passBodies.get("sup")).containsExactlyInAnyOrder("sup", "pick", "worker", "loop", "final",
                "out");
    }

    @Test
    void aRouteNotTakenIntoTheLoopIsDeadAndTheOutputRunsOnTheOtherWay() {
        ChainStep chain = new ChainStep(plan());
        assertThat(chain.completed("start")).containsExactly("sup");
        assertThat(chain.completed("sup")).containsExactly("pick");

        // worker skipped, so loop skipped, so "done" is dead: the output waits for final only
        assertThat(chain.routed("pick", edge("to-final"))).containsExactly("final");
        assertThat(chain.completed("final")).containsExactly("out");
        assertThat(chain.incoming("out")).extracting(Edge::id).containsExactly("final-out");
    }

    @Test
    void eachPassWaitsOnlyForItsOwnInputs() {
        ChainStep chain = new ChainStep(plan());
        chain.completed("start");
        chain.completed("sup");
        // pass 0: the worker; final is dead, so the output has one dead input already
        assertThat(chain.routed("pick", edge("to-worker"))).containsExactly("worker");
        assertThat(chain.completed("worker")).containsExactly("loop");
        // back to sup: a new pass; the output's dead input of pass 0 no longer counts
        assertThat(chain.routed("loop", edge("back"))).containsExactly("sup");
        assertThat(chain.idle()).isFalse();
        assertThat(chain.completed("sup")).containsExactly("pick");
        assertThat(chain.routed("pick", edge("to-worker"))).containsExactly("worker");
        assertThat(chain.completed("worker")).containsExactly("loop");
        // the output runs only when this pass's "done" arrives with work
        assertThat(chain.routed("loop", edge("done"))).containsExactly("out");
        assertThat(chain.incoming("out")).extracting(Edge::id).containsExactly("done");
        assertThat(chain.outputUnreachable()).isFalse();
    }
}

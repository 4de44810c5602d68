package dev.baton.flow;

import static dev.baton.flow.TestFlows.agent;
import static dev.baton.flow.TestFlows.chain;
import static dev.baton.flow.TestFlows.none;
import static dev.baton.flow.TestFlows.single;
import static dev.baton.flow.TestFlows.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ids, names, START/OUTPUT counts, edge ends and which edge kinds may join which node kinds. */
class FlowValidatorStructureTest {

    @Test
    void theTestFlowsAreValidWithoutWarnings() {
        for (Flow flow : List.of(chain(), TestFlows.supervisor(), TestFlows.swarm(), TestFlows.judge())) {
            assertThat(FlowValidator.validate(flow)).as(flow.id()).isEmpty();
            assertThat(FlowValidator.isValid(flow)).isTrue();
        }
    }

    @Test
    void isValidIgnoresWarningsButNotErrors() {
        Flow warnedOnly = chain().addNode(AgentNode.of("ask", NodeKind.HUMAN, "Ask"))
                .addEdge(Edge.next("e3", "writer", "ask")).addEdge(Edge.next("e4", "ask", "out"));
        assertThat(FlowValidator.validate(warnedOnly)).extracting(Problem::code).containsExactly("human-empty-question");
        assertThat(FlowValidator.isValid(warnedOnly)).isTrue();
        assertThat(FlowValidator.isValid(chain().removeEdge("e2"))).isFalse();
    }

    @Test
    void invalidIds() {
        Flow flow = chain().updateNode("writer", n -> n.withId("bad id"))
                .replaceEdge(Edge.next("e1", "start", "bad id"))
                .replaceEdge(Edge.next("e2", "bad id", "out"));
        flow = renameEdge(flow, "e2", "");
        List<Problem> found = withCode(flow, "invalid-id");
        assertThat(found).extracting(Problem::pointer).containsExactly("/nodes/1/id", "/edges/1/id");
        assertThat(found.get(0).message()).contains("'bad id'", "(Writer)", "letters, digits");
        assertThat(found.get(1).message()).contains("no id");
        none(chain(), "invalid-id");
        assertThat(single(Flow.empty("", "x"), "invalid-id").pointer()).isEqualTo("/id");
    }

    @Test
    void duplicateIdsAcrossNodesAndEdges() {
        Flow flow = renameEdge(chain().addNode(agent("writer", "Second writer")), "e2", "start");
        List<Problem> found = withCode(flow, "duplicate-id");
        assertThat(found).extracting(Problem::pointer).containsExactly("/nodes/3/id", "/edges/1/id");
        assertThat(found.get(0).message()).contains("'writer'", "Second writer", "node #2");
        assertThat(found.get(1).message()).contains("node #1");
        none(chain(), "duplicate-id");
    }

    private static Flow renameEdge(Flow flow, String id, String newId) {
        return flow.withEdges(flow.edges().stream().map(e -> e.id().equals(id) ? e.withId(newId) : e).toList());
    }

    @Test
    void emptyNames() {
        Problem p = single(chain().updateNode("writer", n -> n.withName("  ")), "empty-name");
        assertThat(p.pointer()).isEqualTo("/nodes/1/name");
        assertThat(p.elementId()).isEqualTo("writer");
        none(chain(), "empty-name");
    }

    @Test
    void exactlyOneStart() {
        Problem missing = single(chain().removeNode("start"), "start-count");
        assertThat(missing.pointer()).isEqualTo("/nodes");
        Flow two = chain().addNode(AgentNode.of("start2", NodeKind.START, "Other input"))
                .addEdge(Edge.next("e3", "start2", "writer"));
        Problem twice = single(two, "start-count");
        assertThat(twice.pointer()).isEqualTo("/nodes/3/kind");
        assertThat(twice.message()).contains("2 START nodes", "'start'", "'start2'");
        none(chain(), "start-count");
    }

    @Test
    void exactlyOneOutput() {
        single(chain().removeNode("out"), "output-count");
        Flow two = chain().addNode(AgentNode.of("out2", NodeKind.OUTPUT, "Other"))
                .addEdge(Edge.next("e3", "writer", "out2"));
        assertThat(single(two, "output-count").message()).contains("2 OUTPUT nodes");
        none(chain(), "output-count");
    }

    @Test
    void danglingEdges() {
        Flow flow = chain().addEdge(Edge.next("e3", "writer", "ghost")).addEdge(Edge.next("e4", "nobody", "out"));
        List<Problem> found = withCode(flow, "dangling-edge");
        assertThat(found).extracting(Problem::pointer).containsExactly("/edges/2/to", "/edges/3/from");
        assertThat(found.get(0).message()).contains("'e3'", "'ghost'");
        none(chain(), "dangling-edge");
    }

    @Test
    void selfLoops() {
        Problem p = single(chain().addEdge(Edge.handoff("h", "writer", "writer")), "self-loop");
        assertThat(p.pointer()).isEqualTo("/edges/2/to");
        assertThat(p.message()).contains("agent 'writer' (Writer) to itself");
        none(chain(), "self-loop");
    }

    @Test
    void duplicateEdges() {
        Problem p = single(chain().addEdge(Edge.next("again", "writer", "out")), "duplicate-edge");
        assertThat(p.elementId()).isEqualTo("again");
        assertThat(p.message()).contains("repeats edge 'e2'");
        // same ends, different kind: not a duplicate
        none(TestFlows.swarm().addEdge(Edge.next("e3", "triage", "billing")), "duplicate-edge");
    }

    static Stream<Arguments> forbiddenEdges() {
        return Stream.of(
                Arguments.of(Edge.next("x", "writer", "crit"), "edge-kind-not-allowed", "/edges/2/to"),
                Arguments.of(Edge.next("x", "crit", "writer"), "edge-kind-not-allowed", "/edges/2/from"),
                Arguments.of(Edge.delegates("x", "writer", "helper"), "edge-kind-not-allowed", "/edges/2/from"),
                Arguments.of(Edge.delegates("x", "boss", "ask"), "edge-kind-not-allowed", "/edges/2/to"),
                Arguments.of(Edge.handoff("x", "writer", "boss"), "edge-kind-not-allowed", "/edges/2/to"),
                Arguments.of(Edge.handoff("x", "ask", "writer"), "edge-kind-not-allowed", "/edges/2/from"),
                Arguments.of(Edge.reviews("x", "writer", "helper", ReviewPolicy.DEFAULT),
                        "edge-kind-not-allowed", "/edges/2/from"),
                Arguments.of(Edge.reviews("x", "crit", "ask", ReviewPolicy.DEFAULT),
                        "edge-kind-not-allowed", "/edges/2/to"),
                Arguments.of(Edge.next("x", "writer", "start"), "edge-into-start", "/edges/2/to"),
                Arguments.of(Edge.handoff("x", "out", "writer"), "edge-out-of-output", "/edges/2/from"));
    }

    @ParameterizedTest
    @MethodSource("forbiddenEdges")
    void edgeKindsAreCheckedAgainstNodeKinds(Edge edge, String code, String pointer) {
        Flow base = chain()
                .addNode(TestFlows.critic("crit", "Critic", "ok"))
                .addNode(agent("helper", "Helper"))
                .addNode(AgentNode.of("boss", NodeKind.SUPERVISOR, "Boss"))
                .addNode(AgentNode.of("ask", NodeKind.HUMAN, "Ask").withInstructions("Approve?"));
        Problem p = single(base.addEdge(edge), code);
        assertThat(p.pointer()).isEqualTo(pointer);
        assertThat(p.message()).contains("'x' (" + edge.kind() + ")");
        for (String c : List.of("edge-kind-not-allowed", "edge-into-start", "edge-out-of-output")) {
            none(base, c);
        }
    }

    @Test
    void problemsComeFlowFirstThenNodesThenEdgesInOrder() {
        Flow flow = chain()
                .withLimits(new Limits(0, 5, 3, Limits.DEFAULT.agentTimeout(), Limits.DEFAULT.runDeadline(), null))
                .addEdge(Edge.next("e3", "writer", "ghost"))
                .updateNode("out", n -> n.withName(""))
                .updateNode("start", n -> n.withName(""));
        assertThat(FlowValidator.validate(flow)).extracting(Problem::pointer)
                .containsExactly("/limits/maxTurnsPerAgent", "/nodes/0/name", "/nodes/2/name", "/edges/2/to");
        assertThat(FlowValidator.validate(flow)).isEqualTo(FlowValidator.validate(flow));
    }
}

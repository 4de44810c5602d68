package dev.baton.flow;

import static dev.baton.flow.TestFlows.agent;
import static dev.baton.flow.TestFlows.chain;
import static dev.baton.flow.TestFlows.none;
import static dev.baton.flow.TestFlows.single;
import static dev.baton.flow.TestFlows.supervisor;
import static dev.baton.flow.TestFlows.swarm;
import static dev.baton.flow.TestFlows.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Supervisors and workers, NEXT cycles, swarms and reachability. */
class FlowValidatorTopologyTest {

    @Test
    void aWorkerAnswersToOneSupervisor() {
        Flow flow = supervisor()
                .addNode(AgentNode.of("second", NodeKind.SUPERVISOR, "Second lead"))
                .addEdge(Edge.next("e3", "lead", "second"))
                .addEdge(Edge.next("e4", "second", "out"))
                .addEdge(Edge.delegates("e7", "second", "legal"));
        Problem p = single(flow, "worker-multiple-supervisors");
        assertThat(p.elementId()).isEqualTo("e7");
        assertThat(p.pointer()).isEqualTo("/edges/7");
        assertThat(p.message()).isEqualTo("edge 'e7' (DELEGATES): worker 'legal' (Legal Analyst) already reports to"
                + " supervisor 'lead' (Lead) over edge 'd2'; a worker answers to one supervisor");
        none(supervisor(), "worker-multiple-supervisors");
    }

    @Test
    void aSupervisorMayBeAWorkerInAHierarchy() {
        Flow flow = supervisor()
                .addNode(AgentNode.of("sub", NodeKind.SUPERVISOR, "Sub lead"))
                .addNode(agent("clerk", "Clerk"))
                .addEdge(Edge.delegates("d3", "lead", "sub"))
                .addEdge(Edge.delegates("d4", "sub", "clerk"));
        assertThat(FlowValidator.validate(flow)).isEmpty();
    }

    @Test
    void aWorkerHasNoNextOrHandoffEdges() {
        Flow flow = supervisor()
                .addEdge(Edge.next("n", "legal", "out"))
                .addEdge(Edge.handoff("h", "research", "legal"));
        List<Problem> found = withCode(flow, "worker-with-chain-edge");
        assertThat(found).extracting(Problem::elementId).containsExactly("n", "h");
        assertThat(found).extracting(Problem::pointer).containsExactly("/edges/5/from", "/edges/6/from");
        assertThat(found.get(0).message()).contains("'legal' (Legal Analyst) is a worker of supervisor 'lead'");
        none(supervisor(), "worker-with-chain-edge");
    }

    @Test
    void aSupervisorWithoutWorkersIsWarnedAbout() {
        Flow flow = chain().addNode(AgentNode.of("boss", NodeKind.SUPERVISOR, "Boss"))
                .addEdge(Edge.next("e3", "writer", "boss")).addEdge(Edge.next("e4", "boss", "out"));
        Problem p = single(flow, "supervisor-without-workers");
        assertThat(p.isError()).isFalse();
        assertThat(p.pointer()).isEqualTo("/nodes/3");
        none(supervisor(), "supervisor-without-workers");
    }

    @Test
    void nextCyclesAreNamed() {
        Flow flow = chain().addNode(agent("editor", "Editor"))
                .addEdge(Edge.next("e3", "writer", "editor"))
                .addEdge(Edge.next("e4", "editor", "writer"));
        Problem p = single(flow, "next-cycle");
        assertThat(p.elementId()).isEqualTo("writer");
        assertThat(p.message()).contains("'writer' (Writer) -> 'editor' (Editor) -> 'writer' (Writer)");
        // a diamond joins but does not loop
        Flow diamond = chain().addNode(agent("editor", "Editor"))
                .addEdge(Edge.next("e3", "start", "editor")).addEdge(Edge.next("e4", "editor", "out"));
        none(diamond, "next-cycle");
    }

    @Test
    void aSwarmNeedsAnEntry() {
        Flow flow = swarm().removeEdge("e1").addEdge(Edge.next("e1", "start", "out"));
        Problem p = single(flow, "swarm-no-entry");
        assertThat(p.elementId()).isEqualTo("triage");
        assertThat(p.message()).contains("'triage' (Triage), 'billing' (Billing)");
        none(swarm(), "swarm-no-entry");
    }

    @Test
    void aSwarmHasOnlyOneEntry() {
        Problem p = single(swarm().addEdge(Edge.next("e3", "start", "billing")), "swarm-multiple-entries");
        assertThat(p.elementId()).isEqualTo("billing");
        assertThat(p.message()).contains("2 entries");
        none(swarm(), "swarm-multiple-entries");
    }

    @Test
    void onlyTheEntryOfASwarmHasNextEdges() {
        Problem p = single(swarm().addEdge(Edge.next("e3", "billing", "out")), "swarm-member-with-next");
        assertThat(p.pointer()).isEqualTo("/edges/4/from");
        assertThat(p.message()).contains("'billing' (Billing)");
        none(swarm(), "swarm-member-with-next");
    }

    @Test
    void aHandoffCycleNeedsMaxHandoffs() {
        Limits unbounded = new Limits(8, null, 3, Limits.DEFAULT.agentTimeout(), Limits.DEFAULT.runDeadline(), null);
        Problem p = single(swarm().withLimits(unbounded), "handoff-cycle-unbounded");
        assertThat(p.pointer()).isEqualTo("/limits/maxHandoffs");
        assertThat(p.message()).contains("'triage' (Triage) -> 'billing' (Billing) -> 'triage' (Triage)");
        none(swarm(), "handoff-cycle-unbounded");
        // without a cycle handoffs end by themselves
        none(swarm().withLimits(unbounded).removeEdge("h2"), "handoff-cycle-unbounded");
    }

    @Test
    void anEdgeOfTheWrongKindIsReportedOnceNotAsABrokenSwarm() {
        Flow flow = chain().addEdge(Edge.handoff("h", "writer", "start"));
        assertThat(FlowValidator.validate(flow)).extracting(Problem::code).containsExactly("edge-into-start");
        Flow delegation = chain().addNode(agent("helper", "Helper")).addEdge(Edge.delegates("d", "writer", "helper"));
        assertThat(FlowValidator.validate(delegation)).extracting(Problem::code)
                .containsExactly("edge-kind-not-allowed");
    }

    @Test
    void nodesOffThePathFromStartAreUnreachable() {
        Flow flow = chain().addNode(agent("stray", "Stray"))
                .addNode(agent("stray2", "Second stray"))
                .addEdge(Edge.next("e3", "stray", "stray2"))
                .addEdge(Edge.next("e4", "stray2", "out"));
        assertThat(withCode(flow, "unreachable")).extracting(Problem::elementId).containsExactly("stray", "stray2");
        assertThat(single(chain().removeEdge("e2"), "unreachable").message())
                .contains("output 'out' (Answer)", "no answer");
        none(chain(), "unreachable");
    }

    @Test
    void reachabilityFollowsDelegationsHandoffsCriticsAndVerifiers() {
        none(supervisor(), "unreachable");
        none(swarm(), "unreachable");
        none(TestFlows.judge(), "unreachable");
        // a critic of an unreachable node is unreachable too
        Flow flow = chain().addNode(agent("stray", "Stray")).addNode(TestFlows.critic("c", "Critic", "ok"))
                .addEdge(Edge.reviews("r", "c", "stray", ReviewPolicy.DEFAULT));
        assertThat(withCode(flow, "unreachable")).extracting(Problem::elementId).containsExactly("stray", "c");
        // a verifier only counts as reached when its judge re-verifies
        Flow noVerify = TestFlows.judge().updateNode("judge", n -> n.withJudge(JudgeSpec.of(JudgeStrategy.LLM_JUDGE)));
        assertThat(single(noVerify, "unreachable").elementId()).isEqualTo("verifier");
    }

    @Test
    void withoutStartNothingIsCalledUnreachable() {
        none(chain().removeNode("start"), "unreachable");
    }
}

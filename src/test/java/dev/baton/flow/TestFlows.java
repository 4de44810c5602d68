package dev.baton.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Small valid flows for validator tests, each showing one topology; tests break them one rule at a time. */
final class TestFlows {

    private TestFlows() {
    }

    static AgentNode agent(String id, String name) {
        return AgentNode.of(id, NodeKind.AGENT, name).withRole(name + " role").withGoal(name + " goal");
    }

    static AgentNode critic(String id, String name, String rubric) {
        return AgentNode.of(id, NodeKind.CRITIC, name).withCritic(new CriticSpec(rubric, List.of()));
    }

    /** start -> writer -> out. */
    static Flow chain() {
        return Flow.empty("chain", "Chain")
                .addNode(AgentNode.of("start", NodeKind.START, "Input"))
                .addNode(agent("writer", "Writer"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Answer"))
                .addEdge(Edge.next("e1", "start", "writer"))
                .addEdge(Edge.next("e2", "writer", "out"));
    }

    /** start -> lead -> out; lead delegates to research and legal; a critic reviews legal. */
    static Flow supervisor() {
        return Flow.empty("supervised", "Supervised")
                .addNode(AgentNode.of("start", NodeKind.START, "Input"))
                .addNode(AgentNode.of("lead", NodeKind.SUPERVISOR, "Lead"))
                .addNode(agent("research", "Researcher"))
                .addNode(agent("legal", "Legal Analyst"))
                .addNode(critic("check", "Checker", "Cites the law"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Answer"))
                .addEdge(Edge.next("e1", "start", "lead"))
                .addEdge(Edge.delegates("d1", "lead", "research"))
                .addEdge(Edge.delegates("d2", "lead", "legal"))
                .addEdge(Edge.reviews("r1", "check", "legal", ReviewPolicy.DEFAULT))
                .addEdge(Edge.next("e2", "lead", "out"));
    }

    /** start -> triage; triage and billing hand off to each other; triage -> out; maxHandoffs 5. */
    static Flow swarm() {
        return Flow.empty("swarm", "Swarm")
                .withLimits(new Limits(8, 5, 3, Limits.DEFAULT.agentTimeout(), Limits.DEFAULT.runDeadline(), null))
                .addNode(AgentNode.of("start", NodeKind.START, "Input"))
                .addNode(agent("triage", "Triage"))
                .addNode(agent("billing", "Billing"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Answer"))
                .addEdge(Edge.next("e1", "start", "triage"))
                .addEdge(Edge.handoff("h1", "triage", "billing"))
                .addEdge(Edge.handoff("h2", "billing", "triage"))
                .addEdge(Edge.next("e2", "triage", "out"));
    }

    /** start -> legal, finance (parallel) -> judge (RE_VERIFY by verifier) -> out. */
    static Flow judge() {
        JudgeSpec spec = new JudgeSpec(JudgeStrategy.RE_VERIFY, Map.of("legal", 0.8, "finance", 0.6), "verifier");
        return Flow.empty("judged", "Judged")
                .addNode(AgentNode.of("start", NodeKind.START, "Input"))
                .addNode(agent("legal", "Legal"))
                .addNode(agent("finance", "Finance"))
                .addNode(AgentNode.of("judge", NodeKind.JUDGE, "Judge").withJudge(spec))
                .addNode(agent("verifier", "Verifier"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Answer"))
                .addEdge(Edge.next("e1", "start", "legal"))
                .addEdge(Edge.next("e2", "start", "finance"))
                .addEdge(Edge.next("e3", "legal", "judge"))
                .addEdge(Edge.next("e4", "finance", "judge"))
                .addEdge(Edge.next("e5", "judge", "out"));
    }

    /** The problems of a flow with this code. */
    static List<Problem> withCode(Flow flow, String code) {
        return FlowValidator.validate(flow).stream().filter(p -> p.code().equals(code)).toList();
    }

    /** The one problem with this code; fails the test when there is none or more than one. */
    static Problem single(Flow flow, String code) {
        List<Problem> found = withCode(flow, code);
        assertThat(found).as("problems %s in %s", code, FlowValidator.validate(flow)).hasSize(1);
        return found.get(0);
    }

    /** Asserts that the flow has no problem with this code. */
    static void none(Flow flow, String code) {
        assertThat(withCode(flow, code)).as("problems %s", code).isEmpty();
    }
}

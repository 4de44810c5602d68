package dev.baton.engine;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.NodeKind;

import java.time.Duration;

/** Small builders for flows in tests. */
final class Flows {

    private Flow flow;
    private int edges;

    private Flows(String id) {
        flow = Flow.empty(id, id).addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"));
    }

    static Flows flow() {
        return new Flows("test");
    }

    Flows agent(String id) {
        return node(AgentNode.of(id, NodeKind.AGENT, id).withRole("role of " + id));
    }

    Flows node(AgentNode node) {
        flow = flow.addNode(node);
        return this;
    }

    Flows next(String from, String to) {
        return edge(Edge.next("e" + (++edges), from, to));
    }

    Flows next(String from, String to, ContextPolicy policy) {
        return edge(Edge.next("e" + (++edges), from, to).withContext(policy));
    }

    Flows edge(Edge edge) {
        flow = flow.addEdge(edge);
        return this;
    }

    /** A chain start → ids… → out with FULL edges. */
    Flows chain(String... ids) {
        String prev = "start";
        for (String id : ids) {
            if (flow.node(id).isEmpty()) {
                agent(id);
            }
            next(prev, id);
            prev = id;
        }
        return next(prev, "out");
    }

    Flows limits(Limits limits) {
        flow = flow.withLimits(limits);
        return this;
    }

    Flows agentTimeout(Duration d) {
        Limits l = flow.limits();
        return limits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(), l.maxCriticRetries(), d, l.runDeadline(),
                l.tokenBudget()));
    }

    Flows deadline(Duration d) {
        Limits l = flow.limits();
        return limits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(), l.maxCriticRetries(), l.agentTimeout(), d,
                l.tokenBudget()));
    }

    Flows tokenBudget(long budget) {
        Limits l = flow.limits();
        return limits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(), l.maxCriticRetries(), l.agentTimeout(),
                l.runDeadline(), budget));
    }

    Flows maxHandoffs(Integer max) {
        Limits l = flow.limits();
        return limits(new Limits(l.maxTurnsPerAgent(), max, l.maxCriticRetries(), l.agentTimeout(), l.runDeadline(),
                l.tokenBudget()));
    }

    Flows maxTurns(int turns) {
        Limits l = flow.limits();
        return limits(new Limits(turns, l.maxHandoffs(), l.maxCriticRetries(), l.agentTimeout(), l.runDeadline(),
                l.tokenBudget()));
    }

    Flow build() {
        return flow;
    }
}

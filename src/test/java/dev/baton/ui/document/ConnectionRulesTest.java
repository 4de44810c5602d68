package dev.baton.ui.document;

import dev.baton.ui.shell.UiFlows;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator's rules decide which connections a drag may make. */
class ConnectionRulesTest {

    private final ConnectionRules rules = new ConnectionRules();
    private final Flow flow = UiFlows.small();

    @Test
    void chainAndDelegationAreAllowedWithTheirKind() {
        ConnectionRules.Verdict next = rules.check(flow, EdgeKind.NEXT, "writer", "editor");
        assertThat(next.allowed()).isTrue();
        assertThat(next.edge().kind()).isEqualTo(EdgeKind.NEXT);
        ConnectionRules.Verdict delegates = rules.check(flow, EdgeKind.DELEGATES, "lead", "editor");
        assertThat(delegates.allowed()).isTrue();
        assertThat(delegates.edge().context()).isNotNull();
    }

    @Test
    void swarmCanBeBuiltOneEdgeAtATime() {
        assertThat(rules.check(flow, EdgeKind.HANDOFF, "writer", "editor").allowed()).isTrue();
    }

    @Test
    void nextIntoAWorkerIsRefusedWithTheValidatorsReason() {
        ConnectionRules.Verdict v = rules.check(flow, EdgeKind.NEXT, "writer", "worker");
        assertThat(v.allowed()).isFalse();
        assertThat(v.refusal()).hasValueSatisfying(r -> assertThat(r).contains("worker"));
    }

    @Test
    void nextCycleIsRefused() {
        assertThat(rules.check(flow, EdgeKind.NEXT, "out", "start").allowed()).isFalse();
        assertThat(rules.check(flow, EdgeKind.NEXT, "writer", "start").allowed()).isFalse();
    }

    @Test
    void delegatingToAWorkerOfAnotherSupervisorIsRefused() {
        Flow two = flow.addNode(dev.baton.flow.AgentNode.of("lead2", dev.baton.flow.NodeKind.SUPERVISOR, "Lead 2"));
        assertThat(rules.check(two, EdgeKind.DELEGATES, "lead2", "worker").allowed()).isFalse();
    }

    @Test
    void duplicateEdgeIsRefused() {
        assertThat(rules.check(flow, EdgeKind.NEXT, "start", "writer").allowed()).isFalse();
    }
}

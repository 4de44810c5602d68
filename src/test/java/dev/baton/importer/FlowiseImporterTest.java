package dev.baton.importer;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouteOp;
import dev.baton.flow.RouterMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Flowise Agentflow V2 export: routers from condition nodes, positions kept, the rest reported. */
class FlowiseImporterTest {

    @Test
    void anAgentflowWithConditionsHumanInputAndOtherNodes() throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("flowise/support-agentflow.json"), null);
        assertThat(r.format()).isEqualTo("flowise");
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        Flow f = r.flow();

        AgentNode classify = f.node("conditionagentagentflow-0").orElseThrow();
        assertThat(classify.kind()).isEqualTo(NodeKind.ROUTER);
        assertThat(classify.router().mode()).isEqualTo(RouterMode.LLM);
        assertThat(classify.model().label()).isEqualTo("openai/gpt-4o-mini");
        List<Edge> routes = f.outgoing(classify.id(), EdgeKind.ROUTE);
        assertThat(routes).extracting(Edge::to).containsExactly("agentagentflow-0", "llmagentflow-0");
        assertThat(routes.get(0).route().description()).isEqualTo("The user has a billing or invoice question");

        AgentNode billing = f.node("agentagentflow-0").orElseThrow();
        assertThat(billing.instructions()).isEqualTo("You answer billing questions & fix invoices.");
        assertThat(billing.model().label()).isEqualTo("anthropic/claude-3-5-haiku-latest");
        assertThat(billing.position().x()).isEqualTo(560);
        assertThat(billing.position().y()).isEqualTo(20);
        assertThat(f.node("llmagentflow-0").orElseThrow().model().label()).isEqualTo("ollama/llama3.1");
        // Flowise's calculator is offered as Baton's own (the report says so below)
        assertThat(f.node("agentagentflow-0").orElseThrow().tools()).containsExactly("calculator");
        assertThat(f.node("humanInputagentflow-0".toLowerCase()).orElseThrow().instructions())
                .startsWith("Is this answer right?").contains("'ok' to proceed");
        // its reject branch leads back to the helper: a bounded route of the router after the human input
        Edge reject = f.outgoing("humaninputagentflow-0-choice", EdgeKind.ROUTE).stream()
                .filter(e -> e.route().isDefault()).findFirst().orElseThrow();
        assertThat(reject.to()).isEqualTo("llmagentflow-0");
        assertThat(reject.route().maxVisits()).isEqualTo(FlowiseHumanChoice.MAX_REJECTS);

        // one condition row has no Baton rule: the router lets the model judge the rows' descriptions
        AgentNode refund = f.node("conditionagentflow-0").orElseThrow();
        assertThat(refund.router().mode()).isEqualTo(RouterMode.LLM);
        List<Edge> refundRoutes = f.outgoing(refund.id(), EdgeKind.ROUTE);
        assertThat(refundRoutes.get(0).route().condition().op()).isEqualTo(RouteOp.CONTAINS);
        assertThat(refundRoutes.get(0).route().condition().value()).isEqualTo("refund");
        assertThat(refundRoutes.get(2).route().isDefault()).isTrue();
        assertThat(refundRoutes.get(2).to()).isEqualTo("output");

        List<String> report = r.notes().stream().map(ImportNote::line).toList();
        assertThat(report).anyMatch(l -> l.contains("/nodes/2/data/inputs/agentTools/0")
                        && l.contains("offered as Baton's built-in 'calculator'"))
                .anyMatch(l -> l.contains("chatMistralAI"))
                .anyMatch(l -> l.contains("/nodes/7") && l.contains("toolAgentflow"))
                .anyMatch(l -> l.contains("sticky note"))
                .anyMatch(l -> l.contains("reject branch"))
                .anyMatch(l -> l.contains("switched to llm mode"));
        assertThat(dev.baton.flow.io.FlowJson.write(f)).doesNotContain("cred-123");
    }

    @Test
    void aChatflowIsRefusedWithOneLine() {
        assertThatThrownBy(() -> Importers.importFrom(ImportFixtures.of("flowise/chatflow-v1.json"), "flowise"))
                .isInstanceOf(ImportException.class).hasMessageContaining("a Flowise chatflow (")
                .hasMessageContaining("not chatflows")
                .hasMessageNotContaining("\n");
    }

    /** Agentflow V1's Sequential Agents: a chain with routers the model decides, tool nodes folded into their caller. */
    @Test
    void aSequentialAgentsFlowBecomesAChainWithRoutersAndABoundedLoop() throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("flowise/sequential-v1.json"), null);
        Flow f = r.flow();
        AgentNode triage = node(f, "Triage");
        AgentNode router = node(f, "Router");
        AgentNode billing = node(f, "Billing");
        AgentNode output = f.nodes().stream().filter(n -> n.kind() == NodeKind.OUTPUT).findFirst().orElseThrow();
        AgentNode start = f.nodes().stream().filter(n -> n.kind() == NodeKind.START).findFirst().orElseThrow();
        assertThat(triage.instructions()).isEqualTo("You triage requests for Baton Hardware.\n\nSay whether the"
                + " request is about billing.");
        assertThat(triage.model().provider()).isEqualTo("ollama");
        assertThat(triage.model().name()).isEqualTo("llama3.2");
        assertThat(triage.tools()).as("the tool node's tools go to the LLM node it serves").containsExactly(
                "calculator");
        assertThat(router.kind()).isEqualTo(NodeKind.ROUTER);
        assertThat(router.router().mode()).isEqualTo(RouterMode.LLM);
        assertThat(billing.instructions()).isEqualTo("You handle invoices for Baton Hardware.");
        assertThat(f.edges()).anySatisfy(e -> assertThat(List.of(e.from(), e.to(), e.kind()))
                .containsExactly(start.id(), triage.id(), EdgeKind.NEXT));
        assertThat(f.edges()).as("the tool node's place is taken by its caller").anySatisfy(e -> assertThat(List.of(
                e.from(), e.to())).containsExactly(triage.id(), router.id()));
        Edge toBilling = f.edges().stream().filter(e -> e.from().equals(router.id()) && e.to().equals(billing.id()))
                .findFirst().orElseThrow();
        assertThat(toBilling.route().description()).isEqualTo("Go to Billing Team when output.route is 'BILLING'");
        assertThat(toBilling.route().isDefault()).isFalse();
        Edge end = f.edges().stream().filter(e -> e.from().equals(router.id()) && e.to().equals(output.id()))
                .findFirst().orElseThrow();
        assertThat(end.route().isDefault()).isTrue();
        AgentNode loop = f.nodes().stream().filter(n -> n.name().equals("Loop to Triage")).findFirst().orElseThrow();
        Edge back = f.edges().stream().filter(e -> e.from().equals(loop.id()) && e.to().equals(triage.id()))
                .findFirst().orElseThrow();
        assertThat(back.route().maxVisits()).isEqualTo(FlowiseSequential.LOOP_PASSES);
        assertThat(f.edges()).anySatisfy(e -> assertThat(List.of(e.from(), e.to())).containsExactly(loop.id(),
                output.id()));
        assertThat(r.notes()).extracting(n -> n.path() + " " + n.what() + " " + n.action())
                .anySatisfy(n -> assertThat(n).contains("structured output"))
                .anySatisfy(n -> assertThat(n).contains("{case} = $flow.state.case"))
                .anySatisfy(n -> assertThat(n).contains("approval before its tool calls"))
                .anySatisfy(n -> assertThat(n).contains("the flow's state"));
        assertThat(dev.baton.flow.FlowValidator.validate(f)).noneMatch(dev.baton.flow.Problem::isError);
        dev.baton.engine.model.ModelProvider simulated = dev.baton.engine.model.provider.ModelProviders.routing(
                dev.baton.engine.model.simulated.SimulatedModel.Settings.DEFAULT);
        dev.baton.engine.model.ModelProvider everyAgentSimulated = dev.baton.testing.StubProviders.answering(
                simulated.model(dev.baton.flow.ModelRef.SIMULATED_DEFAULT));
        dev.baton.engine.RunResult run = dev.baton.engine.FlowRunner.create(everyAgentSimulated,
                dev.baton.engine.RunnerOptions.DEFAULT).run(f, dev.baton.engine.RunRequest.of("My invoice is wrong"));
        assertThat(run.status()).as(String.valueOf(run.cause())).isEqualTo(dev.baton.engine.RunStatus.SUCCEEDED);
    }

    /** Agentflow V1's multi-agent team: Baton's supervisor topology, models and tools from the wired nodes. */
    @Test
    void aV1TeamBecomesASupervisorDelegatingToItsWorkers() throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("flowise/team-v1.json"), null);
        Flow f = r.flow();
        assertThat(r.format()).isEqualTo("flowise");
        AgentNode editor = f.nodes().stream().filter(n -> n.kind() == NodeKind.SUPERVISOR).findFirst().orElseThrow();
        assertThat(editor.name()).isEqualTo("Editor in chief");
        assertThat(editor.instructions()).contains("workers: Researcher, Writer")
                .contains("delegate to the worker that should act next").doesNotContain("FINISH");
        assertThat(editor.model().provider()).isEqualTo("openai");
        assertThat(editor.model().name()).isEqualTo("gpt-4o");
        AgentNode researcher = node(f, "Researcher");
        AgentNode writer = node(f, "Writer");
        assertThat(researcher.instructions()).isEqualTo("You research heat pumps for The Daily Baton. Use the figures in"
                + " {sources}.");
        assertThat(researcher.model().name()).as("a worker without a model uses its supervisor's").isEqualTo("gpt-4o");
        assertThat(researcher.tools()).containsExactly("calculator");
        assertThat(writer.model().provider()).isEqualTo("anthropic");
        assertThat(writer.model().temperature()).isEqualTo(0.7);
        assertThat(writer.tools()).isEmpty();
        List<Edge> delegations = f.edges().stream().filter(e -> e.kind() == EdgeKind.DELEGATES).toList();
        assertThat(delegations).extracting(Edge::to).containsExactlyInAnyOrder(researcher.id(), writer.id());
        assertThat(delegations).allSatisfy(e -> assertThat(e.from()).isEqualTo(editor.id()));
        assertThat(r.notes()).extracting(n -> n.path() + " " + n.what() + " " + n.action()).anySatisfy(n -> assertThat(n).contains("{sources}")
                .contains("another Flowise node computes")).anySatisfy(n -> assertThat(n).contains("customTool")
                .contains("not carried over")).anySatisfy(n -> assertThat(n).contains("credential")
                .contains("ANTHROPIC_API_KEY")).anySatisfy(n -> assertThat(n).contains("{audience}"))
                .anySatisfy(n -> assertThat(n).contains("sticky note"));
        assertThat(dev.baton.flow.FlowValidator.validate(f)).noneMatch(dev.baton.flow.Problem::isError);
    }

    private static AgentNode node(Flow f, String name) {
        return f.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void branchIndexesOfHandles() {
        assertThat(FlowiseImporter.branch("conditionAgentflow_0-output-2")).isEqualTo(2);
        assertThat(FlowiseImporter.branch("conditionAgentflow_0-output-false")).isEqualTo(1);
        assertThat(FlowiseImporter.branch("agentAgentflow_0")).isEqualTo(-1);
    }

    // ---- shapes of the real Flowise marketplace templates (fixtures written for these tests) ----------------------

    @Test
    void edgesIntoADirectReplyFromPlaceholderNodesLeadToTheOutput() throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("flowise/direct-reply-after-tools.json"), null);
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        Flow f = r.flow();
        assertThat(f.outgoing("toolagentflow-0", EdgeKind.NEXT)).extracting(Edge::to).containsExactly("output");
        assertThat(f.outgoing("toolagentflow-1", EdgeKind.NEXT)).extracting(Edge::to).containsExactly("output");
        assertThat(r.notes()).anyMatch(n -> n.line().contains("direct reply 'Reply'"));
    }

    @Test
    void aHumanInputsRejectBranchGoesThroughARuleRouterToItsLoop() throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("flowise/human-reject-loop.json"), null);
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        Flow f = r.flow();
        List<Edge> out = f.outgoing("humaninputagentflow-0", EdgeKind.NEXT);
        assertThat(out).hasSize(1);
        AgentNode choice = f.node(out.get(0).to()).orElseThrow();
        assertThat(choice.kind()).isEqualTo(NodeKind.ROUTER);
        assertThat(choice.router().mode()).isEqualTo(RouterMode.RULE);
        List<Edge> routes = f.outgoing(choice.id(), EdgeKind.ROUTE);
        Edge proceed = routes.stream().filter(e -> e.to().equals("llmagentflow-0")).findFirst().orElseThrow();
        Edge reject = routes.stream().filter(e -> e.to().equals("loopagentflow-0")).findFirst().orElseThrow();
        assertThat(proceed.route().condition().op()).isEqualTo(RouteOp.REGEX);
        assertThat(java.util.regex.Pattern.compile(proceed.route().condition().value()).matcher("OK, send it").find())
                .isTrue();
        assertThat(java.util.regex.Pattern.compile(proceed.route().condition().value()).matcher("too formal").find())
                .isFalse();
        assertThat(reject.route().isDefault()).isTrue();
        // the loop still goes back to the drafter, at most three times
        assertThat(f.outgoing("loopagentflow-0", EdgeKind.ROUTE)).anyMatch(e -> e.to().equals("agentagentflow-0")
                && Integer.valueOf(3).equals(e.route().maxVisits()));
        assertThat(f.node("humaninputagentflow-0").orElseThrow().instructions()).startsWith("Send this draft?")
                .contains("'ok' to proceed");
    }

    @Test
    void anIterationsChildrenRunInSequenceInItsPlace() throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("flowise/iteration-children.json"), null);
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        Flow f = r.flow();
        assertThat(f.node("iterationagentflow-0")).isEmpty();
        assertThat(f.outgoing("startagentflow-0", EdgeKind.NEXT)).extracting(Edge::to).containsExactly("llmagentflow-0");
        assertThat(f.outgoing("llmagentflow-0", EdgeKind.NEXT)).extracting(Edge::to).containsExactly("llmagentflow-1");
        assertThat(f.outgoing("llmagentflow-1", EdgeKind.NEXT)).extracting(Edge::to)
                .containsExactly("agentagentflow-0");
        // a child's position is the absolute one, not the one relative to the iteration
        assertThat(f.node("llmagentflow-0").orElseThrow().position().x()).isEqualTo(240);
        assertThat(r.notes()).anyMatch(n -> n.line().contains("/nodes/1") && n.line().contains("For each item")
                && n.line().contains("runs once over the input, not once per item"));
    }

    @Test
    void aSingleChildIterationInsideARouterLoopIsReachable() throws Exception {
        ImportResult r = Importers.importFrom(ImportFixtures.of("flowise/iteration-subagent-loop.json"), null);
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        Flow f = r.flow();
        assertThat(f.outgoing("llmagentflow-0", EdgeKind.NEXT)).extracting(Edge::to).containsExactly("agentagentflow-0");
        assertThat(f.outgoing("agentagentflow-0", EdgeKind.NEXT)).extracting(Edge::to)
                .containsExactly("agentagentflow-1");
        assertThat(f.outgoing("loopagentflow-0", EdgeKind.ROUTE)).anyMatch(e -> e.to().equals("llmagentflow-0"));
    }
}

package dev.baton.engine;

import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouteCondition;
import dev.baton.flow.RouteOp;
import dev.baton.flow.RouteSpec;
import dev.baton.flow.RouterMode;
import dev.baton.flow.RouterSpec;
import dev.baton.flow.io.FlowFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The router node on the engine: exactly one route taken, the others skipped, loops bounded by maxVisits. */
class RouterRunTest {

    private static final SimulatedProvider SIM = new SimulatedProvider(SimulatedModel.Settings.DEFAULT);

    private static List<String> started(Runs.Outcome out) {
        return out.events(RunEvent.AgentStarted.class).stream().map(RunEvent.AgentStarted::nodeId).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "I was charged twice on my last invoice                       | billing           | route-billing",
            "The app crashes with an error after installation              | technical-support | route-technical",
            "Hello, what are your opening hours?                           | front-desk        | route-front-desk",
            "Good morning                                                  | front-desk        | route-front-desk"})
    void theSimulatedModelRoutesTheSampleByTheRoutesDescriptions(String input, String target, String edge)
            throws Exception {
        Flow flow = FlowFiles.load(Path.of("sample-flows", "router-support-intake.json")).flow();
        Runs.Outcome out = Runs.run(SIM, flow, input);

        assertThat(out.result().status()).as(out.result().toString()).isEqualTo(RunStatus.SUCCEEDED);
        List<RunEvent.RouteDecision> decisions = out.events(RunEvent.RouteDecision.class);
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).edgeId()).isEqualTo(edge);
        assertThat(decisions.get(0).target()).isEqualTo(target);
        assertThat(decisions.get(0).mode()).isEqualTo(RouterMode.LLM);
        assertThat(decisions.get(0).reason()).isNotBlank();
        assertThat(decisions.get(0).routesConsidered()).hasSize(4);
        // exactly one branch ran; the others were skipped and the join ran on the one live input
        List<String> ran = started(out);
        assertThat(ran).contains(target);
        assertThat(ran).doesNotContainAnyElementsOf(
                List.of("billing", "technical-support", "support-lead", "front-desk").stream()
                        .filter(n -> !n.equals(target)).toList());
        assertThat(out.result().output()).startsWith(SimulatedModel.LABEL);
    }

    private static Flow ruleFlow() {
        return Flow.empty("rules", "Rules")
                .addNode(AgentNode.of("in", NodeKind.START, "In"))
                .addNode(AgentNode.of("r", NodeKind.ROUTER, "Rules").withRouter(new RouterSpec(RouterMode.RULE)))
                .addNode(AgentNode.of("refunds", NodeKind.AGENT, "Refunds").withRole("Refund clerk"))
                .addNode(AgentNode.of("errors", NodeKind.AGENT, "Errors").withRole("Error analyst"))
                .addNode(AgentNode.of("big", NodeKind.AGENT, "Big orders").withRole("Key account manager"))
                .addNode(AgentNode.of("vip", NodeKind.AGENT, "VIP").withRole("VIP desk"))
                .addNode(AgentNode.of("other", NodeKind.AGENT, "Other").withRole("General clerk"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("in-r", "in", "r"))
                .addEdge(Edge.route("to-refunds", "r", "refunds", RouteSpec.EMPTY
                        .withCondition(new RouteCondition(RouteOp.CONTAINS, "", "REFUND"))))
                .addEdge(Edge.route("to-errors", "r", "errors", RouteSpec.EMPTY
                        .withCondition(new RouteCondition(RouteOp.REGEX, "", "(?i)error \\d{3}"))))
                .addEdge(Edge.route("to-big", "r", "big", RouteSpec.EMPTY
                        .withCondition(new RouteCondition(RouteOp.JSON_GREATER, "order.amount", "1000"))))
                .addEdge(Edge.route("to-vip", "r", "vip", RouteSpec.EMPTY
                        .withCondition(new RouteCondition(RouteOp.JSON_EQUALS, "tier", "gold"))))
                .addEdge(Edge.route("to-other", "r", "other", RouteSpec.EMPTY.withDefault(true)))
                .addEdge(Edge.next("refunds-out", "refunds", "out"))
                .addEdge(Edge.next("errors-out", "errors", "out"))
                .addEdge(Edge.next("big-out", "big", "out"))
                .addEdge(Edge.next("vip-out", "vip", "out"))
                .addEdge(Edge.next("other-out", "other", "out"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "'I want a refund please'                           | refunds",
            "'Got Error 503 on checkout'                        | errors",
            "'{\"order\": {\"amount\": 2500}, \"tier\": \"gold\"}' | big",
            "'{\"order\": {\"amount\": 20}, \"tier\": \"gold\"}'   | vip",
            "'{\"order\": {\"amount\": 20}}'                     | other",
            "'nothing matches here'                             | other"})
    void aRuleRouterTakesTheFirstConditionThatHoldsElseTheDefault(String input, String target) throws Exception {
        Flow flow = ruleFlow();
        assertThat(FlowValidator.isValid(flow)).as(FlowValidator.validate(flow).toString()).isTrue();
        Runs.Outcome out = Runs.run(SIM, flow, input);

        assertThat(out.result().status()).as(out.result().toString()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.RouteDecision d = out.events(RunEvent.RouteDecision.class).get(0);
        assertThat(d.target()).isEqualTo(target);
        assertThat(d.mode()).isEqualTo(RouterMode.RULE);
        assertThat(d.reason()).isNotBlank();
        assertThat(started(out)).containsExactly("in", "r", target, "out");
    }

    @Test
    void aCatastrophicRegexGivesUpAndTheDefaultRouteIsTaken() throws Exception {
        Flow flow = ruleFlow().replaceEdge(Edge.route("to-errors", "r", "errors", RouteSpec.EMPTY
                .withCondition(new RouteCondition(RouteOp.REGEX, "", "(a+)+$"))));
        long t0 = System.nanoTime();
        Runs.Outcome out = Runs.run(SIM, flow, "a".repeat(40) + "!");

        assertThat(out.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(out.events(RunEvent.RouteDecision.class).get(0).target()).isEqualTo("other");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void aRouteBackRunsTheEarlierNodeAgainUntilItsVisitsAreUsedUp() throws Exception {
        Flow flow = Flow.empty("loop", "Loop")
                .addNode(AgentNode.of("in", NodeKind.START, "In"))
                .addNode(AgentNode.of("research", NodeKind.AGENT, "Research").withRole("Researcher"))
                .addNode(AgentNode.of("check", NodeKind.ROUTER, "Enough?").withRouter(new RouterSpec(RouterMode.RULE)))
                .addNode(AgentNode.of("write", NodeKind.AGENT, "Write").withRole("Writer"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("in-research", "in", "research"))
                .addEdge(Edge.next("research-check", "research", "check"))
                .addEdge(Edge.route("more", "check", "research", RouteSpec.EMPTY.withMaxVisits(2)
                        .withCondition(new RouteCondition(RouteOp.REGEX, "", "."))))
                .addEdge(Edge.route("enough", "check", "write", RouteSpec.EMPTY.withDefault(true)))
                .addEdge(Edge.next("write-out", "write", "out"));
        assertThat(FlowValidator.isValid(flow)).as(FlowValidator.validate(flow).toString()).isTrue();

        Runs.Outcome out = Runs.run(SIM, flow, "Heat pumps in cold climates");

        assertThat(out.result().status()).as(out.result().toString()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(out.events(RunEvent.RouteDecision.class)).extracting(RunEvent.RouteDecision::edgeId)
                .containsExactly("more", "more", "enough");
        assertThat(started(out).stream().filter("research"::equals)).hasSize(3);
        // the third decision no longer offered the exhausted route
        assertThat(out.events(RunEvent.RouteDecision.class).get(2).routesConsidered()).containsExactly("enough");
    }
}

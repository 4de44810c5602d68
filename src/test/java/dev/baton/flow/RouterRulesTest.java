package dev.baton.flow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the validator says about routers and loops through routes. */
class RouterRulesTest {

    private static Flow loop(Integer maxVisits) {
        return Flow.empty("loop", "Loop")
                .addNode(AgentNode.of("in", NodeKind.START, "In"))
                .addNode(AgentNode.of("research", NodeKind.AGENT, "Research"))
                .addNode(AgentNode.of("check", NodeKind.ROUTER, "Enough?"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("in-research", "in", "research"))
                .addEdge(Edge.next("research-check", "research", "check"))
                .addEdge(Edge.route("more", "check", "research",
                        new RouteSpec("needs more research", null, false, maxVisits)))
                .addEdge(Edge.route("done", "check", "out", new RouteSpec("enough", null, true, null)));
    }

    private static List<String> codes(Flow flow) {
        return FlowValidator.validate(flow).stream().map(Problem::code).toList();
    }

    @Test
    void anUnboundedLoopThroughARouteIsRefusedAndNamed() {
        List<Problem> problems = FlowValidator.validate(loop(null));
        Problem p = problems.stream().filter(x -> x.code().equals("route-cycle-unbounded")).findFirst().orElseThrow();
        assertThat(p.isError()).isTrue();
        assertThat(p.elementId()).isEqualTo("more");
        assertThat(p.pointer()).isEqualTo("/edges/2/route/maxVisits");
        assertThat(p.message()).contains("'research' (Research) -> 'check' (Enough?) -> 'research' (Research)");
    }

    @Test
    void nodesReachedOnlyThroughRoutesAreReachableAndTheMessageNamesRoutes() {
        // a router reached only through another router's route, and an agent reached only through its route
        Flow flow = loop(2)
                .addNode(AgentNode.of("again", NodeKind.ROUTER, "Again?"))
                .addNode(AgentNode.of("fix", NodeKind.AGENT, "Fix"))
                .addEdge(Edge.route("to-again", "check", "again", new RouteSpec("unsure", null, false, null)))
                .addEdge(Edge.route("again-fix", "again", "fix", new RouteSpec("fix it", null, false, null)))
                .addEdge(Edge.route("again-out", "again", "out", new RouteSpec("else", null, true, null)))
                .addEdge(Edge.next("fix-out", "fix", "out"));
        assertThat(codes(flow)).doesNotContain("unreachable");
        // cut the router off: what is said must name ROUTE edges as a way in, since they are one
        Flow cut = flow.removeEdge("to-again");
        List<Problem> unreachable = FlowValidator.validate(cut).stream()
                .filter(p -> p.code().equals("unreachable")).toList();
        assertThat(unreachable).extracting(Problem::elementId).containsExactly("again", "fix");
        assertThat(unreachable.get(0).message()).contains("over NEXT, ROUTE, DELEGATES or HANDOFF edges");
        Flow noAnswer = loop(2).removeEdge("done").addEdge(Edge.route("done", "check", "research",
                new RouteSpec("enough", null, true, null)));
        assertThat(FlowValidator.validate(noAnswer).stream().filter(p -> p.code().equals("unreachable"))
                .map(Problem::message)).anyMatch(m -> m.contains("over NEXT or ROUTE edges"));
    }

    @Test
    void aLoopWithMaxVisitsIsValid() {
        assertThat(FlowValidator.validate(loop(2))).filteredOn(Problem::isError).isEmpty();
    }

    @Test
    void aRouterNeedsRoutesAndARuleRouterADefault() {
        Flow noRoutes = Flow.empty("f", "F")
                .addNode(AgentNode.of("in", NodeKind.START, "In"))
                .addNode(AgentNode.of("r", NodeKind.ROUTER, "R"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("in-r", "in", "r"));
        assertThat(codes(noRoutes)).contains("router-without-routes");

        Flow rule = loop(2).updateNode("check", n -> n.withRouter(new RouterSpec(RouterMode.RULE)))
                .replaceEdge(Edge.route("done", "check", "out", new RouteSpec("enough", null, false, null)));
        assertThat(codes(rule)).contains("router-no-default", "route-without-condition");
    }

    @Test
    void badConditionsAreReportedWhereTheyAre() {
        Flow flow = loop(2).updateNode("check", n -> n.withRouter(new RouterSpec(RouterMode.RULE)))
                .replaceEdge(Edge.route("more", "check", "research", new RouteSpec("", new RouteCondition(
                        RouteOp.REGEX, "", "(unclosed"), false, 2)));
        Problem p = FlowValidator.validate(flow).stream()
                .filter(x -> x.code().equals("route-condition-regex-invalid")).findFirst().orElseThrow();
        assertThat(p.pointer()).isEqualTo("/edges/2/route/when/value");

        Flow greater = loop(2).updateNode("check", n -> n.withRouter(new RouterSpec(RouterMode.RULE)))
                .replaceEdge(Edge.route("more", "check", "research", new RouteSpec("", new RouteCondition(
                        RouteOp.JSON_GREATER, "", "many"), false, 2)));
        assertThat(codes(greater)).contains("route-condition-not-a-number", "route-condition-field-missing");
    }

    @Test
    void onlyARouterMayStartARouteAndARouterHasNoNextOut() {
        Flow flow = loop(2).addEdge(new Edge("bad", EdgeKind.ROUTE, "research", "out", null, null, ""))
                .addEdge(Edge.next("bad2", "check", "out"));
        assertThat(FlowValidator.validate(flow)).filteredOn(p -> p.code().equals("edge-kind-not-allowed"))
                .extracting(Problem::elementId).containsExactlyInAnyOrder("bad", "bad2");
    }
}

package dev.baton.engine;

import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouteSpec;
import dev.baton.testing.StubProviders;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An llm router reads a model that answers with JSON instead of a tool call, takes the default route when the reply
 * names no route, and fails with a clear cause when there is no default. The model is a stub that answers routers
 * with a fixed text and every other node with "done".
 */
class RouterModelReplyTest {

    private static ModelProvider answering(Function<Boolean, String> routerReply) {
        return StubProviders.answering((request, sink) -> {
            boolean router = request.tools().stream().anyMatch(t -> t.name().startsWith("route_to_"));
            return new ModelReply(router ? routerReply.apply(true) : "done by " + request.nodeId(),
                    List.of(), 10, 5, true, "stub", "stub-1", false);
        });
    }

    private static Flow flow(boolean withDefault) {
        return Flow.empty("f", "F").withDefaultModel(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "stub-1",
                        "http://127.0.0.1:9/v1", null))
                .addNode(AgentNode.of("in", NodeKind.START, "In"))
                .addNode(AgentNode.of("r", NodeKind.ROUTER, "Router"))
                .addNode(AgentNode.of("a", NodeKind.AGENT, "A"))
                .addNode(AgentNode.of("b", NodeKind.AGENT, "B"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("in-r", "in", "r"))
                .addEdge(Edge.route("to-a", "r", "a", new RouteSpec("apples", null, withDefault, null)))
                .addEdge(Edge.route("to-b", "r", "b", new RouteSpec("bananas", null, false, null)))
                .addEdge(Edge.next("a-out", "a", "out"))
                .addEdge(Edge.next("b-out", "b", "out"));
    }

    @Test
    void aJsonReplyNamingARouteIsFollowedWithItsReason() throws Exception {
        Runs.Outcome out = Runs.run(answering(r -> "```json\n{\"route\": \"route_to_b\", \"reason\": \"it is about"
                + " bananas\"}\n```"), flow(true), "bananas please");

        assertThat(out.result().status()).as(out.result().toString()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(out.result().output()).endsWith("done by b").doesNotContain("done by a");
        RunEvent.RouteDecision d = out.events(RunEvent.RouteDecision.class).get(0);
        assertThat(d.target()).isEqualTo("b");
        assertThat(d.reason()).isEqualTo("it is about bananas");
    }

    @Test
    void aReplyNamingNoRouteTakesTheDefault() throws Exception {
        Runs.Outcome out = Runs.run(answering(r -> "I am not sure."), flow(true), "cherries");

        assertThat(out.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(out.events(RunEvent.RouteDecision.class).get(0).reason()).contains("default route");
        assertThat(out.result().output()).endsWith("done by a").doesNotContain("done by b");
    }

    @Test
    void withoutADefaultTheRunFailsAtTheRouterAndSaysWhy() throws Exception {
        Runs.Outcome out = Runs.run(answering(r -> "{\"route\": \"nowhere\"}"), flow(false), "cherries");

        assertThat(out.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(out.result().nodeId()).isEqualTo("r");
        assertThat(out.result().cause()).contains("named no route").contains("no default route");
    }
}

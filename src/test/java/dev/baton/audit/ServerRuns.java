package dev.baton.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.testing.ScriptedOpenAiServer;
import dev.baton.testing.ScriptedRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Flows run through Baton's real openai-compatible provider against a {@link ScriptedOpenAiServer}, recorded by the
 * real audit writer into an H2 file; then read back from the database.
 */
final class ServerRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerRuns() {
    }

    /** A small flow builder: every node uses the server's model. */
    static final class FlowBuilder {
        private Flow flow;
        private int edges;

        FlowBuilder(ScriptedOpenAiServer server) {
            flow = Flow.empty("server-flow", "server flow")
                    .withDefaultModel(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", server.baseUrl(), null))
                    .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                    .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"));
        }

        FlowBuilder node(String id, NodeKind kind) {
            return node(AgentNode.of(id, kind, id));
        }

        FlowBuilder node(AgentNode node) {
            flow = flow.addNode(node);
            return this;
        }

        FlowBuilder next(String from, String to, ContextPolicy policy) {
            return edge(Edge.next("e" + (++edges), from, to).withContext(policy));
        }

        FlowBuilder edge(Edge edge) {
            flow = flow.addEdge(edge);
            return this;
        }

        Flow build() {
            return flow;
        }
    }

    /** The server's requests whose system prompt is that of node {@code name} ("You are name."). */
    static Predicate<ScriptedRequest> from(String name) {
        return ScriptedOpenAiServer.systemContains("You are " + name + ".");
    }

    static List<ScriptedRequest> requestsOf(ScriptedOpenAiServer server, String name) {
        return server.chatRequests().stream().filter(from(name)).toList();
    }

    /** A runner whose models are real LangChain4j clients of the server. */
    static FlowRunner runner(Path home) {
        return FlowRunner.create(new ChatModelFactory(new Credentials(Map.<String, String>of()::get, home),
                Duration.ofSeconds(5)), AuditTestRuns.FAST);
    }

    /** The payloads of a run's stored events of one kind, read back from the database. */
    static List<JsonNode> stored(Path db, String runId, String kind) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            for (AuditStore.StoredEvent e : store.events(runId)) {
                if (e.kind().equals(kind)) {
                    JsonNode p = JSON.readTree(e.payload());
                    ((com.fasterxml.jackson.databind.node.ObjectNode) p).put("nodeId", e.nodeId());
                    out.add(p);
                }
            }
        }
        return out;
    }
}

package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowFiles;
import dev.baton.flow.io.FlowLoadException;

import java.nio.file.Path;
import java.util.List;

/** Flows for the designer's tests: a small chain with a spare agent, a supervisor, the sample files. */
public final class UiFlows {

    public static final List<String> SAMPLES = List.of("supervisor-market-entry-japan.json",
            "chain-blog-article.json", "swarm-customer-support.json", "parallel-contract-review.json");

    private UiFlows() {
    }

    /** start -> writer -> out, plus an unconnected editor and a supervisor with one worker. */
    public static Flow small() {
        return Flow.empty("small", "Small")
                .addNode(AgentNode.of("start", NodeKind.START, "Input").withPosition(0, 0))
                .addNode(AgentNode.of("writer", NodeKind.AGENT, "Writer").withRole("writes").withPosition(300, 0))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Answer").withPosition(600, 0))
                .addNode(AgentNode.of("editor", NodeKind.AGENT, "Editor").withPosition(300, 200))
                .addNode(AgentNode.of("lead", NodeKind.SUPERVISOR, "Lead").withPosition(0, 400))
                .addNode(AgentNode.of("worker", NodeKind.AGENT, "Worker").withPosition(0, 600))
                .addEdge(Edge.next("e1", "start", "writer"))
                .addEdge(Edge.next("e2", "writer", "out"))
                .addEdge(Edge.delegates("d1", "lead", "worker"));
    }

    public static Flow sample(String name) {
        try {
            return FlowFiles.load(Path.of("sample-flows", name)).flow();
        } catch (FlowLoadException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }
}

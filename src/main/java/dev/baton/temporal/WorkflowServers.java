package dev.baton.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolRisk;
import dev.baton.tool.ToolSchemas;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The MCP servers of a run on Temporal, from the workflow's side: a worker starts the servers the nodes use and lists
 * their tools (one activity, its answer in the history, so a replay offers the same tools); the engine gets them as
 * tools whose calls go through the host, each one activity on a worker ({@link WorkflowHost#callTool}).
 */
final class WorkflowServers {

    /** Starting a server may take its start timeout; a worker that cannot start one says so at once. */
    private static final ActivityOptions LISTING = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
            .build();

    private WorkflowServers() {
    }

    /** The declared servers some node names a tool of, in declaration order. */
    static List<McpServerDecl> used(Flow flow) {
        Set<String> names = new LinkedHashSet<>();
        for (AgentNode n : flow.nodes()) {
            for (String t : n.tools()) {
                int slash = t.indexOf(BuiltInToolNames.SERVER_SEPARATOR);
                if (slash > 0) {
                    names.add(t.substring(0, slash));
                }
            }
        }
        return flow.tools().mcpServers().stream().filter(d -> names.contains(d.name())).toList();
    }

    /**
     * The tools of the servers {@code flow}'s nodes use, started on a worker; {@code host} learns the servers.
     *
     * @throws ApplicationFailure (not retried) when a server cannot be started there: the run does not start
     */
    static List<Tool> tools(Flow flow, WorkflowHost host) {
        List<McpServerDecl> used = used(flow);
        if (used.isEmpty()) {
            return List.of();
        }
        host.withServers(used);
        List<Wire.ServerTool> listed;
        try {
            listed = Workflow.newActivityStub(McpActivities.class, LISTING)
                    .listServerTools(used.stream().map(Wire.McpServer::of).toList());
        } catch (ActivityFailure e) {
            throw ApplicationFailure.newNonRetryableFailure("the run's MCP servers did not start on a worker: "
                    + ModelActivity.reason(e), "baton.mcp");
        }
        List<Tool> tools = new ArrayList<>(listed.size());
        for (Wire.ServerTool t : listed) {
            tools.add(new Listed(new ToolDescriptor(t.name(), t.description(), schema(t.parametersJson()),
                    ToolRisk.valueOf(t.risk()), ApprovalPolicy.valueOf(t.defaultPolicy()), t.server())));
        }
        return tools;
    }

    private static ObjectNode schema(String json) {
        try {
            JsonNode node = ToolSchemas.MAPPER.readTree(json);
            return node instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null; // an empty object schema: the worker's runner checks the arguments against the real one
        }
    }

    /** A tool a worker listed: offered to the model here, called on a worker through the host. */
    private record Listed(ToolDescriptor descriptor) implements Tool {
        @Override
        public String call(JsonNode arguments) {
            throw new IllegalStateException("a hosted run calls an MCP tool through its host");
        }
    }
}

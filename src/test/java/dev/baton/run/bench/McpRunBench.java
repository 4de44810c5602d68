package dev.baton.run.bench;

import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.run.AuditedRun;
import dev.baton.run.RunOptions;
import dev.baton.run.RunService;
import dev.baton.secret.Redactor;
import dev.baton.tool.mcp.McpServerGroup;
import dev.baton.tool.mcp.McpServerSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MCP inside runs, on the simulated model with no latency: (1) one call of server-everything's {@code echo} over stdio
 * as a run makes it (from the ToolCallRequested event to the ToolCallFinished event: the engine's hand-off, schema
 * check, the JSON-RPC round trip, cap and redaction), the server started once and its tools given to every run;
 * (2) what starting the servers adds to a run: {@code RunService.launch} to the run's end, with the server against
 * the same flow without it. Needs .ci/install-mcp-servers. Run with the test classpath.
 */
public final class McpRunBench {

    private McpRunBench() {
    }

    public static void main(String[] args) throws Exception {
        Path script = Path.of(System.getProperty("baton.mcpServers", "target/mcp-servers"),
                "node_modules/@modelcontextprotocol/server-everything/dist/index.js").toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            System.out.println("skipped: " + script + " missing (run .ci/install-mcp-servers)");
            return;
        }
        int runs = Integer.getInteger("bench.runs", 400);
        int starts = Integer.getInteger("bench.starts", 8);
        McpServerDecl decl = new McpServerDecl("ev", "node", List.of(script.toString(), "stdio"), List.of(), null,
                Map.of());
        Flow withServer = flow(List.of("ev/echo"), decl);

        ModelProvider models = ModelProviders.routing(SimulatedModel.Settings.DEFAULT, () -> {
            throw new IllegalStateException("simulated only");
        });
        FlowRunner runner = FlowRunner.create(models, RunnerOptions.DEFAULT);
        try (McpServerGroup group = McpServerGroup.start(List.of(McpServerSpec.stdio("ev",
                List.of("node", script.toString(), "stdio"), Map.of())), Redactor.shapesOnly())) {
            RunRequest request = RunRequest.of("Please echo \"bench\"").withServerTools(
                    group.connections().values().stream().flatMap(c -> c.tools().stream()).toList());
            long[] warm = calls(runner, withServer, request, Math.min(100, runs));
            long[] ns = calls(runner, withServer, request, runs);
            report("MCP stdio echo inside a run (requested -> finished event), " + runs + " runs", ns);
            if (warm.length == 0) {
                throw new IllegalStateException("no warm-up");
            }
        }

        RunService service = new RunService(Redactor.shapesOnly()).withVariables(name -> null);
        Flow without = flow(List.of(), decl);
        long[] with = new long[starts];
        long[] plain = new long[starts];
        for (int i = -1; i < starts; i++) { // the first pair warms up
            long a = launch(service, withServer);
            long b = launch(service, without);
            if (i >= 0) {
                with[i] = a;
                plain[i] = b;
            }
        }
        report("run with the stdio server (spawn, initialize, tools/list, one call)", with);
        report("same run without the server", plain);
    }

    private static Flow flow(List<String> tools, McpServerDecl decl) {
        return Flow.empty("bench", "bench")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("agent", NodeKind.AGENT, "Agent").withRole("assistant").withTools(tools))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "agent"))
                .addEdge(Edge.next("e2", "agent", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(decl), null, Map.of()));
    }

    private static long[] calls(FlowRunner runner, Flow flow, RunRequest request, int n) throws Exception {
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            List<RunEvent> events = new ArrayList<>();
            RunListener.Inline keep = events::add;
            RunResult r = runner.run(flow, request, keep);
            if (r.status() != RunStatus.SUCCEEDED) {
                throw new IllegalStateException(r.cause());
            }
            RunEvent.ToolCallRequested asked = events.stream().filter(RunEvent.ToolCallRequested.class::isInstance)
                    .map(RunEvent.ToolCallRequested.class::cast).findFirst().orElseThrow();
            RunEvent.ToolCallFinished done = events.stream().filter(RunEvent.ToolCallFinished.class::isInstance)
                    .map(RunEvent.ToolCallFinished.class::cast).findFirst().orElseThrow();
            if (done.error()) {
                throw new IllegalStateException(done.content());
            }
            ns[i] = Duration.between(asked.time(), done.time()).toNanos();
        }
        return ns;
    }

    private static long launch(RunService service, Flow flow) throws Exception {
        long t0 = System.nanoTime();
        AuditedRun run = service.launch(flow, "Please echo \"bench\"", RunOptions.DEFAULT.withoutAudit(), List.of());
        RunResult r = run.handle().result().get(60, TimeUnit.SECONDS);
        run.close(Duration.ZERO);
        if (r.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException(r.cause());
        }
        return System.nanoTime() - t0;
    }

    private static void report(String what, long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: median %.2f ms, p95 %.2f ms%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6);
    }
}

package dev.baton.engine;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.flow.ToolSettings;
import dev.baton.secret.Redactor;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import dev.baton.tool.ToolSchemas;
import dev.baton.tool.builtin.BuiltInTools;
import dev.baton.tool.builtin.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plain tools of one run: built once from the flow's tool settings and the request's workspace, offered to an
 * agent as {@link ToolSpec}s with their JSON-Schema parameters, and called through the one {@link ToolRunner} (schema
 * check, time limit, size cap, redaction). The calls of one reply run in parallel; each is reported as
 * ToolCallRequested / ToolCallFinished. MCP tools ({@code server/tool}) are not offered yet.
 */
final class ToolCalls {

    /** The threads tool calls run on: shared by every run, daemon, so that a run never has to close them. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(daemon());

    private final RunContext run;
    private final ToolRegistry registry = new ToolRegistry();
    private final ToolRunner runner;

    ToolCalls(RunContext run) {
        this.run = run;
        ToolSettings settings = run.flow.tools();
        Workspace workspace = workspace(run, settings);
        BuiltInTools.registerAll(registry, BuiltInTools.Settings.defaults(workspace, settings.httpAllowHosts()));
        this.runner = new ToolRunner(registry, Redactor.shapesOnly(), THREADS, ToolRunner.DEFAULT_TIMEOUT,
                ToolRunner.DEFAULT_MAX_RESULT_CHARS);
    }

    private static Workspace workspace(RunContext run, ToolSettings settings) {
        Path folder = run.request.workspace();
        if (folder == null && settings.workspace() != null && !settings.workspace().isBlank()) {
            Path declared = Path.of(settings.workspace());
            folder = declared.isAbsolute() ? declared : null;
        }
        if (folder == null) {
            return null;
        }
        try {
            return new Workspace(folder);
        } catch (IOException e) {
            run.warn("", "no file tools in this run: " + e.getMessage());
            return null;
        }
    }

    /** The node's tools that this run can call, in the node's order, as the model is offered them. */
    List<ToolSpec> offered(AgentNode node) {
        List<ToolSpec> specs = new ArrayList<>();
        for (String name : node.tools()) {
            Optional<Tool> tool = registry.find(name);
            if (tool.isEmpty()) {
                if (name.indexOf(BuiltInToolNames.SERVER_SEPARATOR) < 0) {
                    run.warn(node.id(), "agent '" + node.id() + "': tool '" + name
                            + "' is not available in this run (no workspace or no allowed host) and is not offered");
                }
                continue;
            }
            ToolDescriptor d = tool.get().descriptor();
            specs.add(ToolSpec.withSchema(d.name(), d.description(), d.parameters().toString()));
        }
        return specs;
    }

    /** Runs {@code calls} in parallel; one tool message per call, in call order. Never fails for a tool's sake. */
    List<ChatMessage.ToolResult> call(AgentNode node, List<ToolCall> calls) throws StepException {
        String runId = run.runId;
        String nodeId = node.id();
        List<CompletableFuture<ToolResult>> futures = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            String args = arguments(call);
            String server = server(call.name());
            run.emit((seq, t) -> new RunEvent.ToolCallRequested(runId, seq, t, nodeId, "", call.id(), call.name(),
                    server, args));
            futures.add(BuiltInToolNames.ASK_HUMAN.equals(call.name())
                    ? CompletableFuture.completedFuture(askHuman(node, call))
                    : run.host != null ? CompletableFuture.completedFuture(run.host.callTool(nodeId, call.name(), args))
                    : CompletableFuture.supplyAsync(() -> runner.call(call.name(), args), THREADS));
        }
        List<ChatMessage.ToolResult> results = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            ToolResult r = await(node, futures, i, call);
            String server = server(call.name());
            run.emit((seq, t) -> new RunEvent.ToolCallFinished(runId, seq, t, nodeId, "", call.id(), call.name(),
                    server, r.error(), r.content(), r.duration().toMillis(), r.bytes(), r.truncated()));
            results.add(new ChatMessage.ToolResult(call.id(), call.name(),
                    r.error() ? "Error: " + r.content() : r.content()));
        }
        run.checkStopped(nodeId);
        return results;
    }

    private ToolResult await(AgentNode node, List<CompletableFuture<ToolResult>> futures, int i, ToolCall call)
            throws StepException {
        try {
            // every call is bounded by the runner's time limit; this waits no longer than the slowest call
            return futures.get(i).get();
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw StepException.cancelled(node.id(), "the run was cancelled during tool '" + call.name() + "'");
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ToolResult.failure(call.name(), Redactor.shapesOnly().forMessage(String.valueOf(cause.getMessage())),
                    Duration.ZERO);
        }
    }

    /** ask_human goes through the run's human-input gate, as a HUMAN node does. */
    private ToolResult askHuman(AgentNode node, ToolCall call) {
        long t0 = System.nanoTime();
        String question = call.argument("question");
        try {
            if (question.isBlank()) {
                return ToolResult.failure(call.name(), "invalid arguments: question is required", Duration.ZERO);
            }
            String answer = run.askHuman(node, question, "");
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            return new ToolResult(call.name(), false, answer, took,
                    answer.getBytes(StandardCharsets.UTF_8).length, false);
        } catch (StepException e) {
            return ToolResult.failure(call.name(), e.getMessage(), Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    private static String arguments(ToolCall call) {
        if (!call.argumentsJson().isBlank()) {
            return call.argumentsJson();
        }
        return ToolSchemas.MAPPER.valueToTree(call.arguments()).toString();
    }

    private String server(String tool) {
        return registry.find(tool).map(t -> t.descriptor().server()).orElse("");
    }

    private static ThreadFactory daemon() {
        ThreadFactory base = Executors.defaultThreadFactory();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = base.newThread(r);
            t.setDaemon(true);
            t.setName("baton-tool-call-" + n.incrementAndGet());
            return t;
        };
    }
}

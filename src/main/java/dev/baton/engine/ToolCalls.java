package dev.baton.engine;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plain tools of one run: built once from the flow's tool settings and the request's workspace, offered to an
 * agent as {@link ToolSpec}s with their JSON-Schema parameters, and called through the one {@link ToolRunner} (schema
 * check, time limit, size cap, redaction with the run's redactor) after {@link ToolApprovals} let them through. The
 * calls of one reply run in parallel (a call waiting for approval holds only itself); each is reported as
 * ToolCallRequested / ToolCallFinished. The tools of the MCP servers started for the run ({@link RunRequest#serverTools})
 * go the same way, under the names {@link ServerTools} gives them, with their server's call timeout.
 */
final class ToolCalls {

    /** The threads tool calls run on: shared by every run, daemon, so that a run never has to close them. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(daemon());

    private final RunContext run;
    private final ToolRegistry registry = new ToolRegistry();
    private final ToolRunner runner;
    private final Redactor redactor;
    private final java.util.Map<Tool, ToolDescriptor> descriptors = new java.util.concurrent.ConcurrentHashMap<>();
    final ToolApprovals approvals;
    private final ServerTools serverTools;

    ToolCalls(RunContext run) {
        this.run = run;
        this.redactor = run.request.redactor();
        this.approvals = new ToolApprovals(run);
        ToolSettings settings = run.flow.tools();
        Workspace workspace = workspace(run, settings);
        BuiltInTools.registerAll(registry, BuiltInTools.Settings.defaults(workspace, settings.httpAllowHosts()));
        this.serverTools = new ServerTools(registry, run.request.serverTools());
        // the run's redactor knows the environment's key values: a key a tool read reaches no model and no sink
        this.runner = new ToolRunner(registry, redactor, THREADS, ToolRunner.DEFAULT_TIMEOUT,
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
            boolean ofServer = name.indexOf(BuiltInToolNames.SERVER_SEPARATOR) >= 0;
            Optional<Tool> tool = ofServer ? serverTools.modelName(name).flatMap(registry::find)
                    : registry.find(name);
            if (tool.isEmpty()) {
                run.warn(node.id(), "agent '" + node.id() + "': tool '" + name + "' is not available in this run ("
                        + (ofServer ? "its MCP server was not started" : "no workspace or no allowed host")
                        + ") and is not offered");
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
        // hosted: the approvals of the calls, each performed in the second loop once its approval came
        List<CompletableFuture<ToolApproval>> hosted = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            String args = arguments(call);
            String server = server(call.name());
            String tool = serverTools.ownName(call.name());
            run.emit((seq, t) -> new RunEvent.ToolCallRequested(runId, seq, t, nodeId, "", call.id(), tool,
                    server, args));
            hosted.add(null);
            if (BuiltInToolNames.ASK_HUMAN.equals(call.name())) {
                futures.add(CompletableFuture.completedFuture(askHuman(node, call)));
                continue;
            }
            // a node and a flow name an MCP tool's policy as server/tool, like the node's tools list
            String policyName = server.isEmpty() ? tool : server + BuiltInToolNames.SERVER_SEPARATOR + tool;
            ApprovalPolicy policy = policy(node, call.name(), policyName, args);
            CompletableFuture<ToolApproval> approval = approvals.decide(node, call, tool, server, args, policy);
            boolean decided = approval.isDone() && !approval.isCompletedExceptionally();
            if (run.host != null) {
                // hosted (Temporal): the host's gate waits for a person's answer durably; each call is an activity
                // started from the workflow's own thread, one after the other, in the second loop
                hosted.set(i, approval);
                futures.add(null);
            } else if (decided && i == calls.size() - 1) {
                // decided and last (most replies hold one call): this thread would only wait for it, so it runs
                // it; the others of the reply are already under way in parallel
                futures.add(CompletableFuture.completedFuture(perform(nodeId, call, args, approval.join())));
            } else {
                futures.add(approval.thenApplyAsync(a -> perform(nodeId, call, args, a), THREADS));
            }
        }
        List<ChatMessage.ToolResult> results = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            ToolResult r = hosted.get(i) != null ? performHosted(node, call, hosted.get(i))
                    : await(node, futures, i, call);
            String server = server(call.name());
            String tool = serverTools.ownName(call.name());
            run.emit((seq, t) -> new RunEvent.ToolCallFinished(runId, seq, t, nodeId, "", call.id(), tool,
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
            // every call is bounded by the runner's time limit, a call waiting for approval by the run deadline
            return futures.get(i).get(run.remainingDeadlineNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            cancelAll(futures);
            approvals.abandon();
            Thread.currentThread().interrupt();
            throw run.stopCause(node.id());
        } catch (TimeoutException e) {
            cancelAll(futures);
            approvals.abandon();
            throw StepException.limit(node.id(), "runDeadline", "run deadline reached while tool '" + call.name()
                    + "' waited for approval");
        } catch (java.util.concurrent.ExecutionException | CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedException || cause instanceof CancellationException) {
                approvals.abandon();
                throw run.stopCause(node.id());
            }
            return ToolResult.failure(call.name(), redactor.forMessage(String.valueOf(cause.getMessage())),
                    Duration.ZERO);
        }
    }

    private static void cancelAll(List<CompletableFuture<ToolResult>> futures) {
        for (CompletableFuture<ToolResult> f : futures) {
            if (f != null) {
                f.cancel(true);
            }
        }
    }

    /**
     * A hosted call: waits for its approval through the host (a person may answer hours later; the host leaves the
     * deadline to its own timeout), then performs it there. A run stopped meanwhile ends here with its cause.
     */
    private ToolResult performHosted(AgentNode node, ToolCall call, CompletableFuture<ToolApproval> approval)
            throws StepException {
        ToolApproval a;
        try {
            if (!run.host.await(approval, run.remainingDeadlineNanos())) {
                approvals.abandon();
                throw StepException.limit(node.id(), "runDeadline", "run deadline reached while tool '"
                        + call.name() + "' waited for approval");
            }
            a = approval.join();
        } catch (InterruptedException e) {
            approvals.abandon();
            throw run.stopCause(node.id());
        } catch (CompletionException | CancellationException e) {
            approvals.abandon();
            throw run.stopCause(node.id());
        }
        return perform(node.id(), call, arguments(call), a);
    }

    private ToolResult perform(String nodeId, ToolCall call, String args, ToolApproval a) {
        if (!a.approved()) {
            return denial(call.name(), a);
        }
        String effective = a.editedArguments() != null ? a.editedArguments() : args;
        if (run.host == null) {
            return runner.call(call.name(), effective);
        }
        // the host calls an MCP server's tool by the flow's name for it (server/tool), a built-in by its name
        String server = server(call.name());
        if (server.isEmpty() && call.name().indexOf(BuiltInToolNames.SERVER_SEPARATOR) >= 0) {
            // a name the model was not offered that looks like server/tool: no tool, answered here as locally,
            // never handed to the host (whose server would run it past the approval policy)
            return runner.call(call.name(), effective);
        }
        String hostName = server.isEmpty() ? call.name()
                : server + BuiltInToolNames.SERVER_SEPARATOR + serverTools.ownName(call.name());
        return run.host.callTool(nodeId, hostName, effective);
    }

    /** The call's policy: the node's, the flow's, else the tool's default for these arguments. */
    private ApprovalPolicy policy(AgentNode node, String tool, String policyName, String argumentsJson) {
        Optional<Tool> t = registry.find(tool);
        if (t.isEmpty()) {
            return ApprovalPolicy.AUTO; // nothing to approve: the runner answers "no such tool"
        }
        ApprovalPolicy toolDefault = descriptor(t.get()).defaultPolicy();
        try {
            toolDefault = t.get().defaultPolicy(ToolSchemas.MAPPER.readTree(argumentsJson)).orElse(toolDefault);
        } catch (IOException | RuntimeException e) {
            // unreadable arguments: the runner refuses them; the descriptor's default stands
        }
        return ToolApprovals.policy(node, run.flow.tools(), policyName, toolDefault);
    }

    /** What the model reads for a call that was not approved. */
    private ToolResult denial(String tool, ToolApproval a) {
        String why = a.reason().isBlank() ? "" : ": " + a.reason();
        return ToolResult.failure(tool, redactor.forMessage("the call of '" + tool + "' was denied by " + a.by() + why
                + "; it was not run"), Duration.ZERO);
    }

    /** ask_human goes through the run's human-input gate, as a HUMAN node does. */
    private ToolResult askHuman(AgentNode node, ToolCall call) {
        long t0 = System.nanoTime();
        String question = question(call);
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

    /** The question from the string arguments, or from the JSON when only that was sent. */
    private static String question(ToolCall call) {
        String q = call.argument("question");
        if (!q.isBlank() || call.argumentsJson().isBlank()) {
            return q;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode v = ToolSchemas.MAPPER.readTree(call.argumentsJson()).get("question");
            return v != null && v.isTextual() ? v.asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String arguments(ToolCall call) {
        if (!call.argumentsJson().isBlank()) {
            return call.argumentsJson();
        }
        return ToolSchemas.MAPPER.valueToTree(call.arguments()).toString();
    }

    private String server(String tool) {
        return registry.find(tool).map(t -> descriptor(t).server()).orElse("");
    }

    /** A tool's descriptor, made once per run (a built-in makes a new one, schema and all, on every ask). */
    private ToolDescriptor descriptor(Tool tool) {
        return descriptors.computeIfAbsent(tool, Tool::descriptor);
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

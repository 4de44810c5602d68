package dev.baton.engine;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.baton.tool.ToolArguments;
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
    private final java.util.Map<String, Target> targets = new java.util.concurrent.ConcurrentHashMap<>();
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
        int n = calls.size();
        // a call this thread ran (or answered) has its result here; one under way elsewhere has its future
        ToolResult[] done = new ToolResult[n];
        List<CompletableFuture<ToolResult>> futures = new ArrayList<>(n);
        // hosted: the approvals of the calls, each performed in the second loop once its approval came
        List<CompletableFuture<ToolApproval>> hosted = run.host == null ? null
                : new ArrayList<>(java.util.Collections.nCopies(n, null));
        for (int i = 0; i < n; i++) {
            ToolCall call = calls.get(i);
            futures.add(null);
            String args = arguments(call);
            Target target = target(call.name());
            run.emit((seq, t) -> new RunEvent.ToolCallRequested(runId, seq, t, nodeId, "", call.id(),
                    target.ownName, target.server, args));
            if (BuiltInToolNames.ASK_HUMAN.equals(call.name())) {
                done[i] = askHuman(node, call);
                continue;
            }
            // parsed once here for the policy and the runner (null: not JSON, the runner says so to the model)
            JsonNode parsed = parse(args);
            ApprovalPolicy policy = policy(node, target, parsed);
            CompletableFuture<ToolApproval> approval = approvals.decide(node, call, target.ownName, target.server,
                    args, policy);
            boolean decided = approval.isDone() && !approval.isCompletedExceptionally();
            if (hosted != null) {
                // hosted (Temporal): the host's gate waits for a person's answer durably; each call is an activity
                // started from a workflow thread, all of the reply's at once (performAllHosted)
                hosted.set(i, approval);
            } else if (decided && i == n - 1) {
                // decided and last (most replies hold one call): this thread would only wait for it, so it runs
                // it; the others of the reply are already under way in parallel
                done[i] = perform(nodeId, call, target, args, parsed, approval.join());
            } else {
                futures.set(i, approval.thenApplyAsync(a -> perform(nodeId, call, target, args, parsed, a),
                        THREADS));
            }
        }
        if (hosted != null) {
            performAllHosted(node, calls, hosted, done);
        }
        List<ChatMessage.ToolResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ToolCall call = calls.get(i);
            Target target = target(call.name());
            ToolResult r = done[i] != null ? done[i] : await(node, futures, i, call);
            run.emit((seq, t) -> new RunEvent.ToolCallFinished(runId, seq, t, nodeId, "", call.id(),
                    target.ownName, target.server, r.error(), r.content(), r.duration().toMillis(), r.bytes(),
                    r.truncated()));
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
            cancel(futures);
            approvals.abandon();
            Thread.currentThread().interrupt();
            throw run.stopCause(node.id());
        } catch (TimeoutException e) {
            cancel(futures);
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

    private static void cancel(List<CompletableFuture<ToolResult>> futures) {
        for (CompletableFuture<ToolResult> f : futures) {
            if (f != null) {
                f.cancel(true);
            }
        }
    }

    /**
     * The hosted calls of one reply, into {@code done}: at once, each on a thread of the host's executor (a Temporal
     * workflow thread starting its own activity), when the host allows it and there is more than one; else one after
     * the other. The first call that ends the run (stopped, deadline) ends the wait.
     */
    private void performAllHosted(AgentNode node, List<ToolCall> calls, List<CompletableFuture<ToolApproval>> hosted,
                                  ToolResult[] done) throws StepException {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (done[i] == null && hosted.get(i) != null) {
                pending.add(i);
            }
        }
        if (pending.size() < 2 || !run.host.parallelToolCalls()) {
            for (int i : pending) {
                done[i] = performHosted(node, calls.get(i), target(calls.get(i).name()), hosted.get(i));
            }
            return;
        }
        List<CompletableFuture<ToolResult>> running = new ArrayList<>(pending.size());
        for (int i : pending) {
            CompletableFuture<ToolResult> f = new CompletableFuture<>();
            ToolCall call = calls.get(i);
            CompletableFuture<ToolApproval> approval = hosted.get(i);
            run.executor.execute(() -> {
                try {
                    f.complete(performHosted(node, call, target(call.name()), approval));
                } catch (StepException | RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            running.add(f);
        }
        List<ToolResult> results = run.awaitAll(node.id(), running);
        for (int k = 0; k < pending.size(); k++) {
            done[pending.get(k)] = results.get(k);
        }
    }

    /**
     * A hosted call: waits for its approval through the host (a person may answer hours later; the host leaves the
     * deadline to its own timeout), then performs it there. A run stopped meanwhile ends here with its cause.
     */
    private ToolResult performHosted(AgentNode node, ToolCall call, Target target,
                                     CompletableFuture<ToolApproval> approval) throws StepException {
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
        return perform(node.id(), call, target, arguments(call), null, a);
    }

    private ToolResult perform(String nodeId, ToolCall call, Target target, String args, JsonNode parsed,
                               ToolApproval a) {
        if (!a.approved()) {
            return denial(call.name(), a);
        }
        if (run.host == null) {
            if (a.editedArguments() != null) {
                return runner.call(call.name(), a.editedArguments());
            }
            return parsed != null ? runner.call(call.name(), target.tool, parsed) : runner.call(call.name(), args);
        }
        String effective = a.editedArguments() != null ? a.editedArguments() : args;
        if (target.server.isEmpty() && call.name().indexOf(BuiltInToolNames.SERVER_SEPARATOR) >= 0) {
            // a name the model was not offered that looks like server/tool: no tool, answered here as locally,
            // never handed to the host (whose server would run it past the approval policy)
            return runner.call(call.name(), effective);
        }
        // the host calls an MCP server's tool by the flow's name for it (server/tool), a built-in by its name
        return run.host.callTool(nodeId, target.server.isEmpty() ? call.name() : target.policyName, effective);
    }

    /** The call's policy: the node's, the flow's, else the tool's default for these arguments. */
    private ApprovalPolicy policy(AgentNode node, Target target, JsonNode arguments) {
        if (target.tool == null) {
            return ApprovalPolicy.AUTO; // nothing to approve: the runner answers "no such tool"
        }
        ApprovalPolicy toolDefault = target.defaultPolicy;
        if (arguments != null) {
            try {
                toolDefault = target.tool.defaultPolicy(arguments).orElse(toolDefault);
            } catch (RuntimeException e) {
                // arguments the tool cannot read: the runner refuses them; the descriptor's default stands
            }
        }
        return ToolApprovals.policy(node, run.flow.tools(), target.policyName, toolDefault);
    }

    /** The arguments as JSON, or null when they are not JSON (the runner then tells the model what is wrong). */
    private static JsonNode parse(String argumentsJson) {
        try {
            return ToolArguments.read(argumentsJson);
        } catch (IOException e) {
            return null;
        }
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

    /**
     * What a tool name the model called stands for in this run: the tool, its server's own name for it, its server,
     * the name its policy goes by, its default policy. Made once per name and run (a descriptor is built, schema and
     * all, on every ask); a name that is no tool is not kept, so that a model's inventions do not pile up.
     */
    private Target target(String callName) {
        Target known = targets.get(callName);
        if (known != null) {
            return known;
        }
        Tool tool = registry.find(callName).orElse(null);
        ToolDescriptor d = tool == null ? null : tool.descriptor();
        String server = d == null ? "" : d.server();
        String own = serverTools.ownName(callName);
        // a node and a flow name an MCP tool's policy as server/tool, like the node's tools list
        String policyName = server.isEmpty() ? own : server + BuiltInToolNames.SERVER_SEPARATOR + own;
        Target t = new Target(tool, own, server, policyName, d == null ? ApprovalPolicy.AUTO : d.defaultPolicy());
        if (tool != null) {
            targets.putIfAbsent(callName, t);
        }
        return t;
    }

    /** See {@link #target}; {@code tool} is null when no tool has the name. */
    private record Target(Tool tool, String ownName, String server, String policyName, ApprovalPolicy defaultPolicy) {
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

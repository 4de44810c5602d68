package dev.baton.engine;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelPrices;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.step.RetryReason;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ModelRef;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One model call as the engine makes it: events before and after, streamed chunks as (coalesced) events, retries
 * of retryable provider errors with bounded exponential backoff and jitter, and the run's token budget.
 */
final class ModelCaller {

    private final RunContext run;
    private final Map<ModelRef, AgentModel> models = new ConcurrentHashMap<>();
    private final Random jitter;
    /** The coalescing buffers of calls in progress (parallel branches stream at once). */
    private final Set<ChunkCoalescer> streaming = ConcurrentHashMap.newKeySet();

    ModelCaller(RunContext run) {
        this.run = run;
        this.jitter = new Random(run.options.seed());
    }

    ModelRef refOf(AgentNode node) {
        return node.effectiveModel(run.flow.defaultModel());
    }

    ModelReply call(AgentNode node, List<ChatMessage> messages, List<ToolSpec> tools, boolean json, int turn)
            throws StepException {
        String nodeId = node.id();
        String runId = run.runId;
        run.checkStopped(nodeId);
        ModelRef ref = refOf(node);
        AgentModel model;
        try {
            model = models.computeIfAbsent(ref, run.provider::model);
        } catch (RuntimeException e) {
            throw StepException.failed(nodeId, "no model for " + ref.label() + ": " + e.getMessage(), e);
        }
        ModelRequest request = new ModelRequest(nodeId, messages, tools, json);
        List<String> toolNames = tools.isEmpty() ? List.of() : tools.stream().map(ToolSpec::name).toList();
        List<RunEvent.PromptMessage> prompt = prompt(nodeId, messages);
        run.emit((seq, t) -> new RunEvent.ModelRequested(runId, seq, t, nodeId, "", messages.size(), toolNames, turn,
                prompt));
        for (int attempt = 1; ; attempt++) {
            long t0 = System.nanoTime();
            ModelReply reply;
            try {
                reply = chatStreaming(model, request);
            } catch (ModelException e) {
                if (e.kind() == ModelException.Kind.CANCELLED || Thread.currentThread().isInterrupted()
                        || run.stopped()) {
                    throw run.stopCause(nodeId);
                }
                if (e.retryable() && attempt < run.options.providerAttempts()) {
                    long delay = backoffMillis(attempt);
                    int n = attempt;
                    String cause = e.kind() + (e.httpStatus() > 0 ? " (HTTP " + e.httpStatus() + ")" : "") + ": "
                            + e.getMessage();
                    run.emit((seq, t) -> new RunEvent.Retried(runId, seq, t, nodeId, "", RetryReason.PROVIDER, n,
                            delay, cause));
                    sleep(nodeId, delay);
                    continue;
                }
                String why = e.retryable() ? " after " + attempt + " attempts" : "";
                throw StepException.failed(nodeId, ref.label() + " failed" + why + ": " + e.kind()
                        + (e.httpStatus() > 0 ? " (HTTP " + e.httpStatus() + ")" : "") + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw StepException.failed(nodeId, ref.label() + " failed: " + e, e);
            }
            if (reply == null) {
                throw StepException.failed(nodeId, ref.label() + " returned no reply");
            }
            // before the reply event: an oversized reply must not reach the events file or the audit database
            TextCaps.reply(nodeId, reply.text());
            long latency = (System.nanoTime() - t0) / 1_000_000;
            ModelReply r = reply;
            List<String> calls = r.toolCalls().isEmpty() ? List.of()
                    : r.toolCalls().stream().map(ToolCall::name).toList();
            run.modelCalls.incrementAndGet();
            run.emit((seq, t) -> new RunEvent.ModelResponded(runId, seq, t, nodeId, "", r.inputTokens(),
                    r.outputTokens(), r.tokensReported(), latency, r.provider(), r.modelName(), r.simulated(), calls,
                    r.text(), costOf(r)));
            run.countActivationTokens(r.inputTokens(), r.outputTokens());
            long in = run.inputTokens.addAndGet(r.inputTokens());
            long out = run.outputTokens.addAndGet(r.outputTokens());
            Long budget = run.limits().tokenBudget();
            if (budget != null && in + out > budget) {
                String detail = "the run spent " + (in + out) + " tokens, over its budget of " + budget;
                throw StepException.limit(nodeId, "tokenBudget", detail);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw run.stopCause(nodeId);
            }
            return r;
        }
    }

    /**
     * One attempt, its streamed chunks joined by a {@link ChunkCoalescer}; the buffer is emitted before this returns
     * or throws, so no streamed text is held back or lands after the reply, retry or failure event.
     */
    private ModelReply chatStreaming(AgentModel model, ModelRequest request) throws ModelException {
        String runId = run.runId;
        String nodeId = request.nodeId();
        // a stream past the cap on one reply stops reaching listeners; the reply itself is then refused (TextCaps)
        long[] streamed = new long[1];
        ChunkCoalescer chunks = ChunkCoalescer.of(text -> {
            if ((streamed[0] += text.length()) <= dev.baton.flow.FlowBounds.MAX_OUTPUT_CHARS) {
                run.emit((seq, t) -> new RunEvent.TokenChunk(runId, seq, t, nodeId, "", text));
            }
        }, run.options.tokenChunkWindow());
        streaming.add(chunks);
        try {
            return model.chat(request, chunks);
        } finally {
            streaming.remove(chunks);
            chunks.close();
        }
    }

    /** Emits what every call in progress has buffered: the run is stopping and its last event comes next. */
    void flushStreams() {
        for (ChunkCoalescer chunks : streaming) {
            chunks.flush();
        }
    }

    /** The prompt as the event records it: the engine's messages in a provider-neutral, serialisable form. */
    /** The messages of each node's last call and their event form: a tool loop's prompt grows by appending. */
    private final Map<String, PromptMemo> prompts = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class PromptMemo {
        List<ChatMessage> source = List.of();
        final List<RunEvent.PromptMessage> converted = new java.util.ArrayList<>();
    }

    /**
     * {@link #promptOf} with the messages this node's last call already had (the same message objects, in the same
     * places) converted once: a loop of N turns converts N messages, not N² (the event still gets the whole prompt).
     */
    private List<RunEvent.PromptMessage> prompt(String nodeId, List<ChatMessage> messages) {
        PromptMemo memo = prompts.computeIfAbsent(nodeId, k -> new PromptMemo());
        synchronized (memo) {
            int same = 0;
            int max = Math.min(memo.converted.size(), messages.size());
            while (same < max && memo.source.get(same) == messages.get(same)) {
                same++;
            }
            memo.converted.subList(same, memo.converted.size()).clear();
            memo.converted.addAll(promptOf(messages.subList(same, messages.size())));
            memo.source = messages;
            return List.copyOf(memo.converted);
        }
    }

    static List<RunEvent.PromptMessage> promptOf(List<ChatMessage> messages) {
        List<RunEvent.PromptMessage> out = new java.util.ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            if (m instanceof ChatMessage.System s) {
                out.add(new RunEvent.PromptMessage("system", "", s.text()));
            } else if (m instanceof ChatMessage.User u) {
                out.add(new RunEvent.PromptMessage("user", "", u.text()));
            } else if (m instanceof ChatMessage.Assistant a) {
                StringBuilder text = new StringBuilder(a.text());
                for (ToolCall call : a.toolCalls()) {
                    text.append(text.length() == 0 ? "" : "\n").append("[tool call] ").append(call.name()).append(' ')
                            .append(call.arguments());
                }
                out.add(new RunEvent.PromptMessage("assistant", "", text.toString()));
            } else if (m instanceof ChatMessage.ToolResult tr) {
                out.add(new RunEvent.PromptMessage("tool", tr.toolName(), tr.text()));
            }
        }
        return List.copyOf(out);
    }

    /** The call's cost at list price; null when the model has no known price. */
    private static Double costOf(ModelReply r) {
        // the simulated model is priced at 0 in the table itself, like ollama
        return ModelPrices.standard().cost(r.provider(), r.modelName(), r.inputTokens(), r.outputTokens())
                .orElse(null);
    }

    private long backoffMillis(int attempt) {
        long base = run.options.backoffBase().toMillis();
        long max = run.options.backoffMax().toMillis();
        long exp = Math.min(max, base << Math.min(20, attempt - 1));
        double factor;
        synchronized (jitter) {
            factor = 0.5 + 0.5 * jitter.nextDouble();
        }
        return Math.max(0, Math.round(exp * factor));
    }

    private void sleep(String nodeId, long millis) throws StepException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw run.stopCause(nodeId);
        }
    }
}

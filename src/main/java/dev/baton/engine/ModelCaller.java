package dev.baton.engine;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.AppendOnlyList;
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

import java.time.Duration;
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

    /** The longest {@code retry-after} honoured by waiting; a provider asking for more fails the call at once. */
    static final Duration MAX_RETRY_AFTER = ModelException.LONGEST_RETRY_AFTER;

    private final RunContext run;
    private final Map<ModelRef, AgentModel> models = new ConcurrentHashMap<>();
    private final Random jitter;
    /** The coalescing buffers of calls in progress (parallel branches stream at once). */
    private final Set<ChunkCoalescer> streaming = ConcurrentHashMap.newKeySet();
    /** The model found last (see {@link #modelFor}). */
    private volatile ResolvedModel lastModel;
    /** The names of the tools offered last (see {@link #toolNames}). */
    private volatile OfferedNames lastOffered;
    /** The price of the model that answered last (see {@link #costOf}). */
    private volatile PriceFound lastPrice;

    ModelCaller(RunContext run) {
        this.run = run;
        this.jitter = new Random(run.options.seed());
    }

    /**
     * A provider's message without what the engine's line already says: providers name the model, their kind of
     * failure and the HTTP status ("model 'openai/gpt-4o' authentication failed: HTTP 401: …"), and the engine's
     * "openai/gpt-4o failed: AUTHENTICATION (HTTP 401): " before it would say each twice.
     */
    static String providerWords(ModelException e, ModelRef ref) {
        String s = String.valueOf(e.getMessage());
        String own = "model '" + ref.label() + "' ";
        if (s.startsWith(own)) {
            int colon = s.indexOf(": ", own.length());
            s = colon < 0 ? s.substring(own.length()) : s.substring(colon + 2);
        }
        String status = "HTTP " + e.httpStatus() + ": ";
        return e.httpStatus() > 0 && s.startsWith(status) ? s.substring(status.length()) : s;
    }

    /** "KIND (HTTP n): the provider's words", the part every failure and retry line of a provider error shares. */
    private static String failure(ModelException e, ModelRef ref) {
        return e.kind() + (e.httpStatus() > 0 ? " (HTTP " + e.httpStatus() + ")" : "") + ": " + providerWords(e, ref);
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
            model = modelFor(ref);
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            throw StepException.failed(nodeId, why.startsWith("model '" + ref.label() + "' ") ? why
                    : "no model for " + ref.label() + ": " + why, e);
        }
        ModelRequest request = new ModelRequest(nodeId, messages, tools, json);
        List<String> toolNames = toolNames(tools);
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
                Duration asked = e.retryAfter();
                if (e.retryable() && asked != null && asked.compareTo(MAX_RETRY_AFTER) > 0) {
                    // a quota reset in an hour: waiting that long inside a run helps nobody, say so at once
                    throw StepException.failed(nodeId, ref.label() + " failed: " + failure(e, ref)
                            + "; the provider asks to wait " + asked.toSeconds() + " s before retrying, longer than "
                            + MAX_RETRY_AFTER.toSeconds() + " s", e);
                }
                if (e.retryable() && attempt < run.options.providerAttempts()) {
                    // the provider's retry-after, when it gave one, is the least we wait
                    long delay = Math.max(backoffMillis(attempt), asked == null ? 0 : asked.toMillis());
                    int n = attempt;
                    String cause = failure(e, ref) + (asked == null ? "" : " (the provider asked to wait "
                            + asked.toMillis() + " ms)");
                    run.emit((seq, t) -> new RunEvent.Retried(runId, seq, t, nodeId, "", RetryReason.PROVIDER, n,
                            delay, cause));
                    sleep(nodeId, delay);
                    continue;
                }
                String why = e.retryable() ? " after " + attempt + " attempts" : "";
                throw StepException.failed(nodeId, ref.label() + " failed" + why + ": " + failure(e, ref), e);
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
            List<String> calls = callNames(r.toolCalls());
            run.modelCalls.incrementAndGet();
            run.emit((seq, t) -> new RunEvent.ModelResponded(runId, seq, t, nodeId, "", r.inputTokens(),
                    r.outputTokens(), r.tokensReported(), latency, r.provider(), r.modelName(), r.simulated(), calls,
                    r.text(), costOf(r)));
            if (r.cut()) {
                run.warn(nodeId, "the answer of '" + nodeId + "' (" + ref.label() + ") was cut at the model's output"
                        + " limit (" + r.outputTokens() + " tokens) and is passed on unfinished; raise"
                        + " model.maxOutputTokens");
            }
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
     * The model of {@code ref}, made once per run; the last one found is kept by identity (a node's ref is the same
     * object on every turn of its loop), since a record's hash over its six fields costs a lookup on every call.
     */
    private AgentModel modelFor(ModelRef ref) {
        ResolvedModel last = lastModel;
        if (last != null && last.ref == ref) {
            return last.model;
        }
        AgentModel model = models.computeIfAbsent(ref, run.provider::model);
        lastModel = new ResolvedModel(ref, model);
        return model;
    }

    private record ResolvedModel(ModelRef ref, AgentModel model) {
    }

    /**
     * One attempt, its streamed chunks joined by a {@link ChunkCoalescer}; the buffer is emitted before this returns
     * or throws, so no streamed text is held back or lands after the reply, retry or failure event.
     */
    private ModelReply chatStreaming(AgentModel model, ModelRequest request) throws ModelException {
        Stream stream = new Stream(request.nodeId(), System.nanoTime());
        try {
            return model.chat(request, stream);
        } finally {
            stream.close();
        }
    }

    /**
     * One attempt's token sink. Its coalescer is made, and listed for {@link #flushStreams}, at the first chunk: a
     * model that answers without streaming (a non-streaming provider, a stub) costs no buffer and no registration.
     * The coalescer's first window still starts with the call, so a first chunk that comes late goes out at once.
     */
    private final class Stream implements dev.baton.engine.model.TokenSink {
        private final String nodeId;
        private final long startNanos;
        private ChunkCoalescer chunks;
        private boolean closed;
        /** Characters streamed: past the cap on one reply, chunks stop reaching listeners (TextCaps refuses it). */
        private long streamed;

        Stream(String nodeId, long startNanos) {
            this.nodeId = nodeId;
            this.startNanos = startNanos;
        }

        @Override
        public void onToken(String chunk) {
            if (chunk == null || chunk.isEmpty()) {
                return;
            }
            ChunkCoalescer c;
            synchronized (this) {
                if (chunks == null) {
                    if (closed) {
                        // a provider that keeps streaming after the call ended: pass through rather than lose text
                        emitChunk(chunk);
                        return;
                    }
                    chunks = ChunkCoalescer.of(this::emitChunk, run.options.tokenChunkWindow(), startNanos);
                    streaming.add(chunks);
                }
                c = chunks;
            }
            c.onToken(chunk);
        }

        private void emitChunk(String text) {
            synchronized (this) {
                streamed += text.length();
                if (streamed > dev.baton.flow.FlowBounds.MAX_OUTPUT_CHARS) {
                    return;
                }
            }
            String runId = run.runId;
            run.emit((seq, t) -> new RunEvent.TokenChunk(runId, seq, t, nodeId, "", text));
        }

        void close() {
            ChunkCoalescer c;
            synchronized (this) {
                closed = true;
                c = chunks;
            }
            if (c != null) {
                streaming.remove(c);
                c.close();
            }
        }
    }

    /** Emits what every call in progress has buffered: the run is stopping and its last event comes next. */
    void flushStreams() {
        for (ChunkCoalescer chunks : streaming) {
            chunks.flush();
        }
    }

    /** Each node's last conversation and its conversions: a tool loop's prompt grows by appending. */
    private final Map<String, PromptMemo> prompts = new ConcurrentHashMap<>();

    private static final class PromptMemo {
        List<ChatMessage> source = List.of();
        PromptView.Conversion conversion = new PromptView.Conversion();
    }

    /**
     * The event's view of {@code messages} ({@link PromptView}), converted only when read. Calls on snapshots of the
     * same conversation as this node's last call share its conversions; any other list gets conversions of its own.
     */
    private List<RunEvent.PromptMessage> prompt(String nodeId, List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        PromptMemo memo = prompts.computeIfAbsent(nodeId, k -> new PromptMemo());
        synchronized (memo) {
            if (!AppendOnlyList.isPrefixSnapshot(memo.source, messages)
                    && !AppendOnlyList.isPrefixSnapshot(messages, memo.source)) {
                memo.conversion = new PromptView.Conversion();
            }
            memo.source = messages;
            return new PromptView(memo.conversion, messages);
        }
    }

    /** The offered tools' names; the last list's names are kept, a loop offers the same list on every turn. */
    private List<String> toolNames(List<ToolSpec> tools) {
        if (tools.isEmpty()) {
            return List.of();
        }
        // the same list when it is immutable already (an AskModel's is), so that a list changed later never matches
        List<ToolSpec> stable = List.copyOf(tools);
        OfferedNames last = lastOffered;
        if (last != null && last.tools == stable) {
            return last.names;
        }
        List<String> names = new java.util.ArrayList<>(stable.size());
        for (ToolSpec t : stable) {
            names.add(t.name());
        }
        last = new OfferedNames(stable, List.copyOf(names));
        lastOffered = last;
        return last.names;
    }

    private record OfferedNames(List<ToolSpec> tools, List<String> names) {
    }

    private static List<String> callNames(List<ToolCall> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        if (calls.size() == 1) {
            return List.of(calls.get(0).name());
        }
        String[] names = new String[calls.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = calls.get(i).name();
        }
        return List.of(names);
    }

    /** One message as the event records it (every kind of message has one: the interface is sealed). */
    static RunEvent.PromptMessage promptMessage(ChatMessage m) {
        if (m instanceof ChatMessage.System s) {
            return new RunEvent.PromptMessage("system", "", s.text());
        } else if (m instanceof ChatMessage.User u) {
            return new RunEvent.PromptMessage("user", "", u.text());
        } else if (m instanceof ChatMessage.Assistant a) {
            StringBuilder text = new StringBuilder(a.text().length() + 64 * a.toolCalls().size());
            text.append(a.text());
            for (ToolCall call : a.toolCalls()) {
                text.append(text.length() == 0 ? "" : "\n").append("[tool call] ").append(call.name()).append(' ');
                appendArguments(text, call.arguments());
            }
            return new RunEvent.PromptMessage("assistant", "", text.toString());
        } else if (m instanceof ChatMessage.ToolResult tr) {
            return new RunEvent.PromptMessage("tool", tr.toolName(), tr.text());
        }
        throw new IllegalArgumentException("no event form for " + m.getClass().getName());
    }

    /** The arguments as {@code Map.toString} writes them ({key=value, …}), straight into {@code text}. */
    private static void appendArguments(StringBuilder text, Map<String, String> arguments) {
        text.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : arguments.entrySet()) {
            if (!first) {
                text.append(", ");
            }
            first = false;
            text.append(e.getKey()).append('=').append(e.getValue());
        }
        text.append('}');
    }

    /** The call's cost at list price; null when the model has no known price. */
    private Double costOf(ModelReply r) {
        // the simulated model is priced at 0 in the table itself, like ollama
        PriceFound last = lastPrice;
        if (last == null || !last.provider.equals(r.provider()) || !last.model.equals(r.modelName())) {
            // looked up once per model and run rather than per call (two lower-casings, a prefix search)
            last = new PriceFound(String.valueOf(r.provider()), String.valueOf(r.modelName()),
                    ModelPrices.standard().find(r.provider(), r.modelName()).orElse(null));
            lastPrice = last;
        }
        return last.price == null ? null : last.price.cost(r.inputTokens(), r.outputTokens());
    }

    /** The price found last ({@link #costOf}); {@code price} null when the model has none. */
    private record PriceFound(String provider, String model, ModelPrices.Price price) {
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

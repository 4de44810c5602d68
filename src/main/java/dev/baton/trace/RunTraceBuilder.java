package dev.baton.trace;

import dev.baton.secret.Redactor;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one run's events, in sequence order, into spans following the GenAI conventions, handing each span to the
 * sink when the event that ends it arrives (so the same builder serves a live run and a recorded one):
 * <ul>
 *   <li>the run: the root span, {@code run <flow name>}, ended by RunFinished, RunFailed or RunCancelled;</li>
 *   <li>each activation (AgentStarted … AgentFinished/AgentFailed): {@code invoke_agent <name>}, under the
 *       delegation that started it, else under the root; an agent handed to links to the handoff;</li>
 *   <li>a critic's review (its model calls up to its verdict; no AgentStarted is recorded for it): an
 *       {@code invoke_agent} span too, with the verdict as a span event;</li>
 *   <li>each model call (ModelRequested … ModelResponded): {@code chat <model>}, under its node's activation;</li>
 *   <li>each tool call, delegation (ToolCalled/Delegated … DelegationReturned) and handoff:
 *       {@code execute_tool <tool>};</li>
 *   <li>critic verdicts, judge decisions, retries, questions to a person, limits and warnings: span events.</li>
 * </ul>
 * Span ids are the sequence numbers of the opening events ({@link TraceIds}), times the recorded ones.
 */
public final class RunTraceBuilder {

    /** Span ids of critic reviews sit above every event sequence number, beside the chat span of the same event. */
    private static final long REVIEW_ID_OFFSET = 1L << 40;

    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final Consumer<RecordedSpan> sink;
    private String traceId;
    private OpenSpan root;
    private boolean finished;
    private Instant lastTime = Instant.EPOCH;
    private long lastSeq;
    private int emitted;

    /** Open activations per node, latest last. */
    private final Map<String, Deque<OpenSpan>> activations = new HashMap<>();
    private final Map<String, OpenSpan> chats = new HashMap<>();
    /** Open tool spans by call id; delegations among them close on their return. */
    private final Map<String, OpenSpan> tools = new LinkedHashMap<>();
    /** Plain tool calls per node, closed when the node next asks its model (which reads their results). */
    private final Map<String, List<String>> plainTools = new HashMap<>();
    /** Delegations whose worker has not started yet, per worker. */
    private final Map<String, Deque<OpenSpan>> pendingDelegations = new HashMap<>();
    private final Map<String, List<RunEvent.ContextPassed>> pendingContexts = new HashMap<>();
    private final Map<String, SpanContext> pendingHandoffs = new HashMap<>();
    private final Redactor redactor;

    public RunTraceBuilder(Resource resource, InstrumentationScopeInfo scope, Consumer<RecordedSpan> sink,
                           Redactor redactor) {
        this.redactor = redactor;
        this.resource = resource;
        this.scope = scope;
        this.sink = sink;
    }

    /** Every text a span carries goes through it (names, attributes, statuses, events). */
    String redact(String s) {
        return OpenSpan.redact(redactor, s);
    }

    /** How many spans went to the sink so far. */
    public int emitted() {
        return emitted;
    }

    /** Each event type's span work, checked by the compiler for every type. */
    private final SpanEvents events = new SpanEvents(this);

    /** Feeds one event; events after the run's end are ignored. */
    public void accept(RunEvent e) {
        if (finished) {
            return;
        }
        lastTime = e.time();
        lastSeq = e.seq();
        if (root == null) {
            startRoot(e);
        }
        e.accept(events);
    }

    void contextPassed(RunEvent.ContextPassed c) {
        pendingContexts.computeIfAbsent(c.nodeId(), k -> new ArrayList<>()).add(c);
    }

    void delegationReturned(RunEvent.DelegationReturned d) {
        OpenSpan span = tools.remove(d.callId());
        if (span != null) {
            Deque<OpenSpan> pending = pendingDelegations.get(d.worker());
            if (pending != null) {
                pending.remove(span);
            }
            emit(span.ok(), d);
        }
    }

    void agentFinished(RunEvent.AgentFinished f) {
        agentEnded(f.nodeId(), f, span -> span.put(GenAi.INPUT_TOKENS, f.inputTokens())
                .put(GenAi.OUTPUT_TOKENS, f.outputTokens()).put("baton.latency_ms", f.latencyMs()).put("baton.waited_ms", f.waitedMs()).ok());
    }

    void agentFailed(RunEvent.AgentFailed f) {
        agentEnded(f.nodeId(), f, span -> span.error("agent_failed", f.cause()));
    }

    void runFinished(RunEvent.RunFinished f) {
        endRun(f, f.totals(), span -> span.ok());
    }

    void runFailed(RunEvent.RunFailed f) {
        endRun(f, f.totals(), span -> span.put("baton.run.status", f.status().name())
                .error(f.status().name(), f.cause()));
    }

    void runCancelled(RunEvent.RunCancelled c) {
        endRun(c, c.totals(), span -> span.put("baton.run.status", "CANCELLED").error("cancelled", c.reason()));
    }

    /** Ends what is still open at the last event seen (a run recorded up to a crash); nothing when the run ended. */
    public void finish() {
        if (!finished && root != null) {
            endRun(null, null, span -> span.error("incomplete", "the recording stops at event " + lastSeq));
        }
    }

    // --- the spans -------------------------------------------------------------------------------------------------

    private void startRoot(RunEvent e) {
        traceId = TraceIds.traceId(e.runId());
        String flowName = e instanceof RunEvent.RunStarted s ? s.flowName() : "";
        root = new OpenSpan(redactor, "run " + (flowName.isEmpty() ? e.runId() : flowName), SpanKind.INTERNAL, traceId,
                TraceIds.spanId(e.seq()), null, e.time(), "", false);
        root.put(GenAi.CONVERSATION_ID, e.runId()).put("baton.run.id", e.runId()).put(GenAi.BATON_EVENT_SEQ, e.seq());
        if (e instanceof RunEvent.RunStarted s) {
            root.put("baton.flow.id", s.flowId()).put("baton.flow.name", s.flowName())
                    .put("baton.simulated", s.simulated()).put("baton.providers", s.providers());
        }
    }

    void agentStarted(RunEvent.AgentStarted a) {
        Deque<OpenSpan> delegations = pendingDelegations.get(a.nodeId());
        OpenSpan delegation = delegations == null ? null : delegations.pollFirst();
        SpanContext parent = delegation != null ? delegation.context() : root.context();
        OpenSpan span = new OpenSpan(redactor, GenAi.INVOKE_AGENT + " " + a.name(), SpanKind.INTERNAL, traceId,
                TraceIds.spanId(a.seq()), parent, a.time(), a.nodeId(), false)
                .put(GenAi.OPERATION, GenAi.INVOKE_AGENT).put(GenAi.AGENT_ID, a.nodeId())
                .put(GenAi.AGENT_NAME, a.name()).put("baton.node.kind", a.kind().name())
                .put("baton.attempt", a.attempt())
                .put(GenAi.BATON_EVENT_SEQ, a.seq());
        List<RunEvent.ContextPassed> contexts = pendingContexts.remove(a.nodeId());
        if (contexts != null) {
            span.put("baton.context.policy", contexts.stream().map(c -> c.mode().name()).distinct().toList());
            span.put("baton.context.tokens", contexts.stream().mapToLong(RunEvent.ContextPassed::tokens).sum());
            for (RunEvent.ContextPassed c : contexts) {
                span.event("baton.context_passed", c.time(), Attributes.builder()
                        .put("baton.context.from", redact(c.fromNode()))
                        .put("baton.edge.id", redact(c.edgeId()))
                        .put("baton.context.policy", c.mode().name()).put("baton.context.tokens", c.tokens())
                        .put("baton.context.truncated", c.truncated()).put(GenAi.BATON_EVENT_SEQ, c.seq()).build());
            }
        }
        SpanContext handoff = pendingHandoffs.remove(a.nodeId());
        if (handoff != null) {
            span.link(handoff, Attributes.of(AttributeKey.stringKey("baton.link"), "handoff"));
        }
        activations.computeIfAbsent(a.nodeId(), k -> new ArrayDeque<>()).addLast(span);
    }

    void modelRequested(RunEvent.ModelRequested m) {
        OpenSpan activation = activation(m.nodeId());
        if (activation == null) {
            activation = review(m.nodeId(), m);
        }
        endPlainTools(m.nodeId(), m);
        OpenSpan stale = chats.remove(m.nodeId());
        if (stale != null) {
            emit(stale.error("no_response", "the model call got no reply"), m);
        }
        OpenSpan chat = new OpenSpan(redactor, GenAi.CHAT, SpanKind.CLIENT, traceId, TraceIds.spanId(m.seq()),
                activation.context(), m.time(), m.nodeId(), false)
                .put(GenAi.OPERATION, GenAi.CHAT).put(GenAi.AGENT_ID, m.nodeId()).put("baton.turn", m.turn())
                .put("baton.prompt.messages", m.messages()).put("baton.tools.offered", m.toolsOffered())
                .put(GenAi.BATON_EVENT_SEQ, m.seq());
        chats.put(m.nodeId(), chat);
    }

    void modelResponded(RunEvent.ModelResponded m) {
        OpenSpan chat = chats.remove(m.nodeId());
        if (chat == null) {
            // a reply without its request (recorded before requests were): the call began latencyMs earlier
            OpenSpan activation = activation(m.nodeId());
            chat = new OpenSpan(redactor, GenAi.CHAT, SpanKind.CLIENT, traceId, TraceIds.spanId(m.seq()),
                    activation != null ? activation.context() : root.context(), m.time().minusMillis(m.latencyMs()),
                    m.nodeId(), false).put(GenAi.OPERATION, GenAi.CHAT).put(GenAi.AGENT_ID, m.nodeId())
                    .put(GenAi.BATON_EVENT_SEQ, m.seq());
        }
        String provider = GenAi.provider(m.provider());
        chat.rename(GenAi.CHAT + " " + m.model()).put(GenAi.REQUEST_MODEL, m.model())
                .put(GenAi.RESPONSE_MODEL, m.model()).put(GenAi.PROVIDER, provider).put(GenAi.SYSTEM, provider)
                .put(GenAi.INPUT_TOKENS, m.inputTokens()).put(GenAi.OUTPUT_TOKENS, m.outputTokens())
                .put(GenAi.FINISH_REASONS, List.of(m.toolCalls().isEmpty() ? "stop" : "tool_calls"))
                .put("baton.tokens.reported", m.tokensReported()).put("baton.latency_ms", m.latencyMs())
                .put("baton.simulated", m.simulated()).put("baton.tool_calls", m.toolCalls());
        if (m.costUsd() != null) {
            chat.put("baton.cost.usd", m.costUsd());
        }
        emit(chat.ok(), m);
    }

    void toolCalled(RunEvent.ToolCalled t) {
        OpenSpan activation = activation(t.nodeId());
        OpenSpan span = new OpenSpan(redactor, GenAi.EXECUTE_TOOL + " " + t.tool(), SpanKind.INTERNAL, traceId,
                TraceIds.spanId(t.seq()), activation != null ? activation.context() : root.context(), t.time(),
                t.nodeId(), false)
                .put(GenAi.OPERATION, GenAi.EXECUTE_TOOL).put(GenAi.TOOL_NAME, t.tool())
                .put(GenAi.TOOL_CALL_ID, t.callId()).put(GenAi.TOOL_TYPE, "function")
                .put(GenAi.BATON_EVENT_SEQ, t.seq());
        OpenSpan previous = tools.put(t.callId(), span);
        if (previous != null) {
            emit(previous, t); // a call id used twice: the first call is over
        }
        plainTools.computeIfAbsent(t.nodeId(), k -> new ArrayList<>()).add(t.callId());
    }

    void delegated(RunEvent.Delegated d) {
        OpenSpan span = tools.get(d.callId());
        if (span == null) {
            OpenSpan activation = activation(d.supervisor());
            span = new OpenSpan(redactor, GenAi.EXECUTE_TOOL + " delegate_to_" + d.worker(), SpanKind.INTERNAL, traceId,
                    TraceIds.spanId(d.seq()), activation != null ? activation.context() : root.context(), d.time(),
                    d.supervisor(), false)
                    .put(GenAi.OPERATION, GenAi.EXECUTE_TOOL).put(GenAi.TOOL_NAME, "delegate_to_" + d.worker())
                    .put(GenAi.TOOL_CALL_ID, d.callId()).put(GenAi.TOOL_TYPE, "function")
                    .put(GenAi.BATON_EVENT_SEQ, d.seq());
            tools.put(d.callId(), span);
        } else {
            List<String> plain = plainTools.get(d.supervisor());
            if (plain != null) {
                plain.remove(d.callId()); // it ends when the worker's answer returns, not at the next model call
            }
        }
        span.put("baton.delegation.supervisor", d.supervisor()).put("baton.delegation.worker", d.worker())
                .put("baton.edge.id", d.edgeId()).put("baton.delegation.seq", d.seq());
        pendingDelegations.computeIfAbsent(d.worker(), k -> new ArrayDeque<>()).addLast(span);
    }

    void handoff(RunEvent.Handoff h) {
        OpenSpan from = activation(h.from());
        OpenSpan span = new OpenSpan(redactor, GenAi.EXECUTE_TOOL + " handoff_to_" + h.to(), SpanKind.INTERNAL, traceId,
                TraceIds.spanId(h.seq()), from != null ? from.context() : root.context(), h.time(), h.from(), false)
                .put(GenAi.OPERATION, GenAi.EXECUTE_TOOL).put(GenAi.TOOL_NAME, "handoff_to_" + h.to())
                .put(GenAi.TOOL_TYPE, "function").put("baton.handoff.from", h.from()).put("baton.handoff.to", h.to())
                .put("baton.handoff.reason", h.reason()).put("baton.context.policy", h.contextMode().name())
                .put("baton.handoff.number", h.handoffNumber()).put("baton.edge.id", h.edgeId())
                .put(GenAi.BATON_EVENT_SEQ, h.seq());
        pendingHandoffs.put(h.to(), span.context());
        emit(span.ok(), h);
    }

    private void agentEnded(String nodeId, RunEvent e, Consumer<OpenSpan> finish) {
        Deque<OpenSpan> open = activations.get(nodeId);
        OpenSpan span = open == null ? null : open.pollLast();
        if (span == null) {
            return;
        }
        OpenSpan chat = chats.remove(nodeId);
        if (chat != null) {
            emit(chat.error("no_response", "the activation ended before the model replied"), e);
        }
        endPlainTools(nodeId, e);
        finish.accept(span);
        emit(span, e);
    }

    private void endRun(RunEvent e, RunTotals totals, Consumer<OpenSpan> finish) {
        Instant end = e != null ? e.time() : lastTime;
        long seq = e != null ? e.seq() : lastSeq;
        // children first, each ended at the run's end: what the run left open stopped with it
        chats.values().forEach(s -> sink(s.error("run_ended", "the run ended during this call").end(end, seq,
                resource, scope)));
        tools.values().forEach(s -> sink(s.end(end, seq, resource, scope)));
        activations.values().forEach(d -> d.forEach(s -> sink(s.end(end, seq, resource, scope))));
        chats.clear();
        tools.clear();
        activations.clear();
        if (totals != null) {
            root.put(GenAi.INPUT_TOKENS, totals.inputTokens()).put(GenAi.OUTPUT_TOKENS, totals.outputTokens())
                    .put("baton.model_calls", totals.modelCalls()).put("baton.elapsed_ms", totals.elapsedMs());
        }
        finish.accept(root);
        sink(root.end(end, seq, resource, scope));
        finished = true;
    }

    // --- helpers shared with SpanEvents ----------------------------------------------------------------------------

    /** The node's latest open activation, or null. */
    OpenSpan activation(String nodeId) {
        Deque<OpenSpan> open = activations.get(nodeId);
        return open == null ? null : open.peekLast();
    }

    /** The node's activation, else the root: where an event about the node is told. */
    OpenSpan activationOrRoot(String nodeId) {
        OpenSpan a = activation(nodeId);
        return a != null ? a : root;
    }

    /** Opens the span of a critic's review (a node working with no AgentStarted); its verdict ends it. */
    OpenSpan review(String nodeId, RunEvent e) {
        OpenSpan span = new OpenSpan(redactor, GenAi.INVOKE_AGENT + " " + nodeId, SpanKind.INTERNAL, traceId,
                TraceIds.spanId(e.seq() + REVIEW_ID_OFFSET), root.context(), e.time(), nodeId, true)
                .put(GenAi.OPERATION, GenAi.INVOKE_AGENT).put(GenAi.AGENT_ID, nodeId)
                .put(GenAi.AGENT_NAME, nodeId).put("baton.node.kind", "CRITIC").put(GenAi.BATON_EVENT_SEQ, e.seq());
        activations.computeIfAbsent(nodeId, k -> new ArrayDeque<>()).addLast(span);
        return span;
    }

    /** Ends a review span opened by {@link #review} (a real activation is left to its AgentFinished). */
    void endReview(OpenSpan span, RunEvent e, boolean pass) {
        if (!span.implicit()) {
            return;
        }
        activations.get(span.nodeId()).remove(span);
        if (pass) {
            span.ok();
        }
        emit(span, e);
    }

    static Attributes seq(AttributesBuilder b, RunEvent e) {
        return b.put(GenAi.BATON_EVENT_SEQ, e.seq()).build();
    }

    private void endPlainTools(String nodeId, RunEvent e) {
        List<String> calls = plainTools.remove(nodeId);
        if (calls != null) {
            for (String callId : calls) {
                OpenSpan span = tools.remove(callId);
                if (span != null) {
                    emit(span, e);
                }
            }
        }
    }

    private void emit(OpenSpan span, RunEvent end) {
        sink(span.end(end.time(), end.seq(), resource, scope));
    }

    private void sink(RecordedSpan span) {
        emitted++;
        sink.accept(span);
    }
}

package dev.baton.engine;

import dev.baton.engine.step.RetryReason;
import dev.baton.flow.ContextMode;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouterMode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run does, as a stream of immutable values. Each event carries the run id, a gap-free sequence number
 * (1, 2, 3 … per run), a timestamp, and the node and edge it concerns ("" when none). Every routing decision the
 * engine takes (which node runs, what context it got, who was delegated or handed off to, which verdict or decision
 * was reached) is an explicit field of some event, so that a run can be replayed or distributed.
 */
public sealed interface RunEvent {

    String runId();

    long seq();

    Instant time();

    String nodeId();

    String edgeId();

    /** A short type name written as "type" in JSON lines, e.g. "AgentStarted". */
    default String type() {
        return getClass().getSimpleName();
    }

    /** Calls the handler's method for this event's type: the one dispatch the compiler checks for every type. */
    <R> R accept(Handler<R> handler);

    /**
     * One method per event type, so that a new type fails to compile wherever events are handled. A consumer that
     * ignores most types extends {@link PartialHandler}, which names what it skips.
     */
    interface Handler<R> {
        R on(RunStarted e);

        R on(AgentStarted e);

        R on(ContextPassed e);

        R on(ModelRequested e);

        R on(ModelResponded e);

        R on(TokenChunk e);

        R on(ToolCalled e);

        R on(ToolCallRequested e);

        R on(ToolCallFinished e);

        R on(ToolApprovalRequested e);

        R on(ToolApprovalAnswered e);

        R on(Handoff e);

        R on(HandoffIgnored e);

        R on(Delegated e);

        R on(DelegationReturned e);

        R on(WorkerFailureHandled e);

        R on(CriticVerdict e);

        R on(Retried e);

        R on(JudgeDecision e);

        R on(RouteDecision e);

        R on(HumanInputRequested e);

        R on(HumanInputReceived e);

        R on(LimitReached e);

        R on(AgentFinished e);

        R on(AgentFailed e);

        R on(RunWarning e);

        R on(RunFinished e);

        R on(RunFailed e);

        R on(RunCancelled e);
    }

    /** Builds an event once the bus has given it its sequence number and time. */
    @FunctionalInterface
    interface Factory {
        RunEvent make(long seq, Instant time);
    }

    /** The run began. {@code providers} are the distinct "provider/model" labels the flow's nodes use. */
    record RunStarted(String runId, long seq, Instant time, String nodeId, String edgeId, String flowId,
                      String flowName, String input, boolean simulated, List<String> providers) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** A node began one activation; {@code input} is exactly what it was given, {@code attempt} counts from 1. */
    record AgentStarted(String runId, long seq, Instant time, String nodeId, String edgeId, NodeKind kind,
                        String name, String input, int attempt) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** What one incoming edge contributed to a node's input, after its context policy and token budget. */
    record ContextPassed(String runId, long seq, Instant time, String nodeId, String edgeId, String fromNode,
                         ContextMode mode, int tokens, boolean truncated, String context) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /**
     * One message of a model call's prompt, as sent.
     *
     * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
     * @param name the tool's name for a tool result; else empty
     * @param text the message text (an assistant message's tool calls are appended as {@code [tool call] name args})
     */
    record PromptMessage(String role, String name, String text) {
        public PromptMessage {
            role = role == null ? "" : role;
            name = name == null ? "" : name;
            text = text == null ? "" : text;
        }
    }

    /**
     * A model call is about to be made.
     *
     * @param messages how many messages the prompt has
     * @param prompt   the messages themselves, in order (empty in events recorded before they were kept)
     */
    record ModelRequested(String runId, long seq, Instant time, String nodeId, String edgeId, int messages,
                          List<String> toolsOffered, int turn, List<PromptMessage> prompt) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }

        public ModelRequested {
            toolsOffered = toolsOffered == null ? List.of() : toolsOffered;
            prompt = prompt == null ? List.of() : prompt;
        }
    }

    /**
     * A model answered; {@code tokensReported} false means Baton estimated the counts.
     *
     * @param text    the reply's full text (the streamed chunks joined)
     * @param costUsd what the call cost at list price, in US dollars; null when the model's price is unknown
     */
    record ModelResponded(String runId, long seq, Instant time, String nodeId, String edgeId, int inputTokens,
                          int outputTokens, boolean tokensReported, long latencyMs, String provider, String model,
                          boolean simulated, List<String> toolCalls, String text, Double costUsd)
            implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }

        public ModelResponded {
            toolCalls = toolCalls == null ? List.of() : toolCalls;
            text = text == null ? "" : text;
        }
    }

    /** A piece of streamed text. */
    record TokenChunk(String runId, long seq, Instant time, String nodeId, String edgeId, String text)
            implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** The model asked for a tool call. */
    record ToolCalled(String runId, long seq, Instant time, String nodeId, String edgeId, String callId, String tool,
                      Map<String, String> arguments) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /**
     * An agent's model asked for a call of a plain tool (not a delegation or handoff): {@code argumentsJson} as the
     * model sent it, {@code server} the MCP server the tool comes from ("" for a built-in tool).
     */
    record ToolCallRequested(String runId, long seq, Instant time, String nodeId, String edgeId, String callId,
                             String tool, String server, String argumentsJson) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /**
     * What a plain tool call gave back to the model: the content, or the error message when {@code error}; how long
     * it took, and the size of the tool's own output in bytes before capping ({@code truncated} when it was cut).
     */
    record ToolCallFinished(String runId, long seq, Instant time, String nodeId, String edgeId, String callId,
                            String tool, String server, boolean error, String content, long durationMs, long bytes,
                            boolean truncated) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /**
     * A tool call waits for a person's approval (its policy is {@code ask}): answer it with
     * {@link RunHandle#approveTool}. {@code argumentsJson} as the model sent it.
     */
    record ToolApprovalRequested(String runId, long seq, Instant time, String nodeId, String edgeId, String requestId,
                                 String callId, String tool, String server, String argumentsJson)
            implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /**
     * How a tool call's approval was decided: {@code decision} approve, approve_for_run or deny; {@code by} cli,
     * designer or policy (a policy decides without a request: {@code requestId} is then ""); {@code editedArguments}
     * the arguments the person put in place of the model's, "" when kept.
     */
    record ToolApprovalAnswered(String runId, long seq, Instant time, String nodeId, String edgeId, String requestId,
                                String callId, String tool, String decision, String by, String reason,
                                String editedArguments) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** Control passed from one swarm agent to another along a HANDOFF edge, with the context actually passed. */
    record Handoff(String runId, long seq, Instant time, String nodeId, String edgeId, String from, String to,
                   String reason, ContextMode contextMode, String context, int handoffNumber) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** A handoff the model asked for but the engine did not follow, and why. */
    record HandoffIgnored(String runId, long seq, Instant time, String nodeId, String edgeId, String from, String to,
                          String reason, String why) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** A supervisor sent a sub-task to a worker. */
    record Delegated(String runId, long seq, Instant time, String nodeId, String edgeId, String supervisor,
                     String worker, String callId, String instruction) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** A worker's answer went back to its supervisor as a tool result. */
    record DelegationReturned(String runId, long seq, Instant time, String nodeId, String edgeId, String supervisor,
                              String worker, String callId, String output) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /**
     * What followed a worker's failure: {@code action} is "failed the run" (policy FAIL, nothing it delegated
     * succeeded, or its turns ran out), "delegated again" (to {@code then}) or "answered without it".
     */
    record WorkerFailureHandled(String runId, long seq, Instant time, String nodeId, String edgeId, String supervisor,
                                String worker, String policy, String action, String then, String cause)
            implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** A critic checked a node's output; {@code nodeId} is the critic, {@code reviewedNode} the producer. */
    record CriticVerdict(String runId, long seq, Instant time, String nodeId, String edgeId, String reviewedNode,
                         boolean pass, String feedback, List<String> failedChecks, int attempt) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /**
     * Something ran again: a producer after a rejection (REVIEW), a model call after a provider error (PROVIDER) or
     * after a reply not in the JSON form asked for (FORMAT).
     */
    record Retried(String runId, long seq, Instant time, String nodeId, String edgeId, RetryReason reason,
                   int attempt, long delayMs, String cause) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** A judge resolved a join: {@code winner} is a node id, or "merge" when the output combines inputs. */
    record JudgeDecision(String runId, long seq, Instant time, String nodeId, String edgeId, String strategy,
                         List<String> inputsConsidered, String winner, String output, String rationale)
            implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /**
     * A router sent its input down one route ({@code edgeId}, to {@code target}).
     *
     * @param mode             LLM or RULE
     * @param routesConsidered the ROUTE edge ids it could take (routes out of visits are left out)
     * @param reason           why: the model's reason, or which condition held
     */
    record RouteDecision(String runId, long seq, Instant time, String nodeId, String edgeId, RouterMode mode,
                         List<String> routesConsidered, String target, String reason) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** The run waits for the person running it to answer {@code question}. */
    record HumanInputRequested(String runId, long seq, Instant time, String nodeId, String edgeId, String requestId,
                               String question, String context) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** The person answered. */
    record HumanInputReceived(String runId, long seq, Instant time, String nodeId, String edgeId, String requestId,
                              String answer) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** A bound of the flow's limits was hit ("maxHandoffs", "handoffLoop", "tokenBudget", …). */
    record LimitReached(String runId, long seq, Instant time, String nodeId, String edgeId, String limit,
                        String detail) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /**
     * A node finished one activation with this output. {@code latencyMs} is the activation's own time: what it
     * waited inside it at a breakpoint or for a person (a worker's, an ask_human call's) is left out and given as
     * {@code waitedMs} (0 in events recorded before it existed).
     */
    record AgentFinished(String runId, long seq, Instant time, String nodeId, String edgeId, String output,
                         int inputTokens, int outputTokens, long latencyMs, long waitedMs) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }

        /** An activation that waited for no one. */
        public AgentFinished(String runId, long seq, Instant time, String nodeId, String edgeId, String output,
                             int inputTokens, int outputTokens, long latencyMs) {
            this(runId, seq, time, nodeId, edgeId, output, inputTokens, outputTokens, latencyMs, 0);
        }
    }

    /** A node failed; the run fails with it. */
    record AgentFailed(String runId, long seq, Instant time, String nodeId, String edgeId, String cause)
            implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** A warning that does not stop the run (e.g. a critic's retries exhausted with CONTINUE_WITH_WARNING). */
    record RunWarning(String runId, long seq, Instant time, String nodeId, String edgeId, String message)
            implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** The run succeeded with {@code output}. */
    record RunFinished(String runId, long seq, Instant time, String nodeId, String edgeId, String output,
                       RunTotals totals) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** The run failed at {@code nodeId}; {@code status} is FAILED or LIMIT_REACHED. */
    record RunFailed(String runId, long seq, Instant time, String nodeId, String edgeId, RunStatus status,
                     String cause, RunTotals totals) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }

    /** The run was cancelled. */
    record RunCancelled(String runId, long seq, Instant time, String nodeId, String edgeId, String reason,
                        RunTotals totals) implements RunEvent {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.on(this);
        }
    }
}

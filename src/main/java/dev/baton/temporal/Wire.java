package dev.baton.temporal;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.ModelRef;

import java.util.ArrayList;
import java.util.List;

/**
 * What crosses Temporal between a run's workflow and its workers: plain records of strings and numbers (Temporal's
 * JSON converter writes them into the workflow history). No key ever travels in them: workers hold the keys.
 */
public final class Wire {

    private Wire() {
    }

    /**
     * A run to start: the workflow id is {@code runId}.
     *
     * @param flowJson          the flow as it runs (prepared by the client), canonical JSON
     * @param humanInputAllowed false makes a question to a person fail the run
     */
    public record RunInput(String runId, String flowJson, String input, boolean humanInputAllowed,
                           boolean approvalsAnswered, Breakpoints breakpoints) {

        /** A run whose tool approvals nobody answers (an ask is denied at once) and without breakpoints. */
        public RunInput(String runId, String flowJson, String input, boolean humanInputAllowed) {
            this(runId, flowJson, input, humanInputAllowed, false, Breakpoints.NONE);
        }
    }

    /**
     * Where a run stops until it is resumed: before these nodes start, before a handoff along these HANDOFF edges.
     */
    public record Breakpoints(List<String> nodes, List<String> handoffs) {

        /** None. */
        public static final Breakpoints NONE = new Breakpoints(List.of(), List.of());

        public Breakpoints {
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
            handoffs = handoffs == null ? List.of() : List.copyOf(handoffs);
        }
    }

    /**
     * A person's answer to the tool call waiting under {@code requestId} (as ToolApprovalRequested named it).
     *
     * @param decision        approve, approve_for_run or deny (as {@code ToolApproval.Decision.word()})
     * @param editedArguments a JSON object to call the tool with instead (checked against its schema again), or null
     */
    public record Approval(String requestId, String decision, String by, String reason, String editedArguments) { }

    /**
     * A run held at a breakpoint: before node {@code nodeId} starts (kind NODE, {@code attempt}) or before the
     * handoff along {@code edgeId} from {@code from} (kind HANDOFF); {@code text} is the input or context it is about
     * to pass, which a resume may replace. {@code id} names this stop for {@code resume}.
     */
    public record Pause(long id, String kind, String nodeId, String edgeId, String from, int attempt, String text) { }

    /** The live query's answer: events after the asked sequence number, and where the run is held now. */
    public record Progress(List<String> events, List<Pause> paused) { }

    /** A declared MCP server as plain fields: variable names only, their values stay on the workers. */
    public record McpServer(String name, String command, List<String> args, List<String> env, String url,
                            java.util.Map<String, String> headers, Integer startTimeoutSeconds,
                            Integer callTimeoutSeconds) {

        static McpServer of(dev.baton.flow.McpServerDecl d) {
            return new McpServer(d.name(), d.command(), d.args(), d.env(), d.url(), d.headers(),
                    d.startTimeoutSeconds(), d.callTimeoutSeconds());
        }

        dev.baton.flow.McpServerDecl toDecl() {
            return new dev.baton.flow.McpServerDecl(name, command, args, env, url, headers, startTimeoutSeconds,
                    callTimeoutSeconds);
        }
    }

    /** One tool a server listed: what the model is offered and what its approval policy defaults to. */
    public record ServerTool(String server, String name, String description, String parametersJson, String risk,
                             String defaultPolicy) { }

    /** One call of tool {@code tool} (the server's own name) of {@code server}, by node {@code nodeId}. */
    public record ServerToolCall(String runId, String nodeId, McpServer server, String tool, String argumentsJson) { }

    /** How a run ended, as its terminal event says. */
    public record RunOutcome(String runId, String status, String output, String failedNode, String cause, long events) { }

    /** One message of a conversation: role system, user, assistant or tool. */
    public record Message(String role, String text, List<ToolCall> toolCalls, String callId, String toolName) {

        static Message of(ChatMessage m) {
            if (m instanceof ChatMessage.System s) {
                return new Message("system", s.text(), List.of(), "", "");
            } else if (m instanceof ChatMessage.User u) {
                return new Message("user", u.text(), List.of(), "", "");
            } else if (m instanceof ChatMessage.Assistant a) {
                return new Message("assistant", a.text(), a.toolCalls(), "", "");
            }
            ChatMessage.ToolResult r = (ChatMessage.ToolResult) m;
            return new Message("tool", r.text(), List.of(), r.callId(), r.toolName());
        }

        ChatMessage toChat() {
            return switch (role) {
                case "system" -> new ChatMessage.System(text);
                case "user" -> new ChatMessage.User(text);
                case "assistant" -> new ChatMessage.Assistant(text, toolCalls);
                default -> new ChatMessage.ToolResult(callId, toolName, text);
            };
        }
    }

    /** A model reference as plain fields (the flow's record has derived properties a JSON mapper would write). */
    public record Model(String provider, String name, String baseUrl, Double temperature, Integer timeoutSeconds,
                        Integer maxOutputTokens) {

        static Model of(ModelRef ref) {
            return new Model(ref.provider(), ref.name(), ref.baseUrl(), ref.temperature(), ref.timeoutSeconds(),
                    ref.maxOutputTokens());
        }

        ModelRef toRef() {
            return new ModelRef(provider, name, baseUrl, temperature, timeoutSeconds, maxOutputTokens);
        }
    }

    /**
     * One model call of node {@code nodeId} of run {@code runId}, on the model {@code model}; {@code recording}: the
     * run's events the call carries to the worker's audit database (null: none), so that the audit follows the run
     * at no extra activity.
     */
    public record ModelCall(String runId, String nodeId, Model model, List<Message> messages, List<ToolSpec> tools,
                     boolean json, Recording recording) {

        static List<Message> messagesOf(List<ChatMessage> messages) {
            List<Message> out = new ArrayList<>(messages.size());
            for (ChatMessage m : messages) {
                out.add(Message.of(m));
            }
            return out;
        }

        List<ChatMessage> chatMessages() {
            return messages.stream().map(Message::toChat).toList();
        }
    }

    /**
     * A model's reply with the chunks it streamed, in order; {@code recorded}: the last sequence number of the run
     * the worker knows its audit database to hold (-1: unknown).
     */
    public record ModelAnswer(ModelReply reply, List<String> chunks, long recorded) { }

    /** One plain tool call, with the flow's tool settings it runs under. */
    public record ToolCallInput(String runId, String nodeId, String tool, String argumentsJson, List<String> httpAllowHosts,
                         String workspace) { }

    /** A tool's result (a failure is a result). */
    public record ToolAnswer(String tool, boolean error, String content, long durationMillis, long bytes,
                      boolean truncated) { }

    /**
     * A run's events to record, as {@link WireEvents} JSON, in order and without gaps: a piece of the run, recorded
     * where it is not stored yet; {@code flowJson}, the flow they ran, is needed only by a piece that starts the run.
     */
    public record Recording(String runId, String flowJson, List<String> events) { }
}

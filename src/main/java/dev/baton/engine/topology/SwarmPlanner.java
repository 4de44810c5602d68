package dev.baton.engine.topology;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.ContextAssembler;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.StepException;
import dev.baton.engine.step.Transcript;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Limits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a swarm decides: the active agent gets one handoff tool per outgoing HANDOFF edge; calling one passes control
 * with context per the edge's policy and the agent's reason; the swarm's answer is the first answer without a
 * handoff. Bounded by the agents' turns and by loop detection (A→B, B→A, A→B with no new text in between stops as
 * "handoffLoop"); of several handoffs in one reply the first wins and the others are recorded as ignored.
 *
 * <p>Deciding only, and deterministic given the replies it is fed: the executor activates the agent whose
 * {@link #nextTurn() turn} it is, asks its model what {@link #ask} and {@link #onReply} say, then does what
 * {@link #afterTurn()} returns: a {@link Action.HandOff} (the executor counts it against maxHandoffs, passes the gate
 * and records it, then tells {@link #handedOff}) or a {@link Action.Done} (the answer, which its critics review).
 */
public final class SwarmPlanner {

    /** The argument a handoff tool takes. */
    public static final String REASON = "reason";
    /** Prefix of handoff tool names. */
    public static final String PREFIX = "handoff_to_";
    /** The line that tells the next agent who has had the request already. */
    public static final String HANDLED_BY = "Already handled by: ";

    /** One turn of the swarm: {@code agent} is activated on {@code prompt}, as its {@code turn}-th time. */
    public record Turn(AgentNode agent, String prompt, int turn) { }

    /** A handoff call that is not followed, and why: to be recorded by the executor. */
    public record Ignored(String nodeId, String edgeId, String target, String reason, String why) { }

    private record Hop(String from, String to, boolean newText) { }

    private final FlowIndex index;
    private final int maxTurns;
    private final String input;
    private final Set<String> handled = new LinkedHashSet<>();
    private final List<Hop> hops = new ArrayList<>();
    private final Map<String, Integer> turns = new LinkedHashMap<>();
    private final List<Ignored> ignored = new ArrayList<>();
    private Transcript history;
    private AgentNode active;
    private String activeInput;
    // the turn in progress
    private Map<String, Edge> byTool = Map.of();
    private List<ToolSpec> plainTools = List.of();
    private int maxToolCalls = AgentStep.DEFAULT_MAX_TOOL_CALLS;
    private int toolCalls;
    private List<ChatMessage> messages = List.of();
    private String given;
    private ModelReply reply;
    private Edge chosen;

    public SwarmPlanner(AgentNode entry, String input, FlowIndex index, Limits limits) {
        this.index = index;
        this.maxTurns = limits.maxTurnsPerAgent();
        this.input = input;
        this.active = entry;
        this.activeInput = input;
        // the entry's input is usually already a labelled history ("Request:\n…" from the chain): keep it as it is
        // instead of labelling it "Request" a second time
        this.history = Transcript.of(new Transcript.Entry("request",
                input.startsWith("Request:\n") ? "" : "Request", input));
        handled.add(entry.id());
    }

    /** Whose turn it is, and on what; fails when that agent has had the request more than maxTurnsPerAgent times. */
    public Turn nextTurn() throws StepException {
        AgentNode agent = active;
        int turn = turns.merge(agent.id(), 1, Integer::sum);
        if (turn > maxTurns) {
            throw StepException.limit(agent.id(), "maxTurnsPerAgent", "agent '" + agent.id() + "' was handed "
                    + "the request " + turn + " times, more than maxTurnsPerAgent");
        }
        byTool = handoffTools(agent);
        String prompt = activeInput + (handled.size() > 1 ? "\n\n" + HANDLED_BY + String.join(", ", handled) : "");
        return new Turn(agent, prompt, turn);
    }

    /**
     * The plain tools (files, calculator …) the active agent is offered beside its handoffs this turn, and the bound
     * on their calls per activation. Call after {@link #nextTurn()}, before {@link #ask}.
     */
    public void offerTools(List<ToolSpec> plain, int maxCalls) {
        plainTools = List.copyOf(plain);
        maxToolCalls = maxCalls;
    }

    /** Within the turn's activation: the first model call, on the input the activation was finally given. */
    public Action.AskModel ask(String input, int turn) {
        given = input;
        toolCalls = 0;
        messages = new ArrayList<>(messages(active, input));
        return new Action.AskModel(messages, tools(), turn);
    }

    /**
     * Within the activation: a reply whose only tool calls name handoffs the agent was not offered, and that says
     * nothing, goes back to the model as tool results naming the handoffs it has (each time counted against the
     * agent's turns and recorded as ignored); any other reply ends the activation with what it shows.
     */
    public Action onReply(ModelReply r) {
        AgentNode agent = active;
        if (r.hasToolCalls() && firstHandoff(r) == null && r.toolCalls().stream().allMatch(this::plain)) {
            // plain tools first (an invoice read, a sum): their results go back and the agent is asked again
            toolCalls += r.toolCalls().size();
            if (toolCalls > maxToolCalls) {
                return new Action.Fail(StepException.limit(agent.id(), "maxToolCalls", "agent '" + agent.id()
                        + "' asked for " + toolCalls + " tool calls, more than its maxToolCalls of " + maxToolCalls));
            }
            messages.add(new ChatMessage.Assistant(r.text(), r.toolCalls()));
            return new Action.CallTools(r.toolCalls());
        }
        if (firstHandoff(r) != null || !r.hasToolCalls() || !r.text().isBlank()) {
            reply = r;
            ToolCall handoff = firstHandoff(r);
            return new Action.Done(handoff == null ? r.text()
                    : "(hands off to " + byTool.get(handoff.name()).to() + ": " + handoff.argument(REASON) + ")");
        }
        messages.add(new ChatMessage.Assistant(r.text(), r.toolCalls()));
        for (ToolCall unknown : r.toolCalls()) {
            String error = "Error: there is no handoff named '" + unknown.name() + "'; "
                    + (byTool.isEmpty() ? "you cannot hand off: answer the request yourself"
                    : "you can hand off to: " + String.join(", ", byTool.keySet()) + ", or answer yourself");
            ignored.add(new Ignored(agent.id(), "", unknown.name(), unknown.argument(REASON),
                    error + " (returned to the model)"));
            messages.add(new ChatMessage.ToolResult(unknown.id(), unknown.name(), error));
        }
        int turn = turns.merge(agent.id(), 1, Integer::sum);
        if (turn > maxTurns) {
            return new Action.Fail(StepException.limit(agent.id(), "maxTurnsPerAgent", "agent '" + agent.id()
                    + "' made " + turn + " turns, more than maxTurnsPerAgent, calling handoffs it was not offered"));
        }
        return new Action.AskModel(messages, tools(), turn);
    }

    /**
     * After the activation: {@link Action.Done} with the agent's answer when it handed off to nobody, a
     * {@link Action.HandOff} along the first handoff it called, or {@link Action.Fail} on a handoff loop.
     */
    public Action afterTurn() {
        AgentNode agent = active;
        for (ToolCall unknown : reply.toolCalls()) {
            if (!byTool.containsKey(unknown.name())) {
                ignored.add(new Ignored(agent.id(), "", unknown.name(), unknown.argument(REASON),
                        "there is no handoff tool named '" + unknown.name() + "' for " + agent.id()));
            }
        }
        List<ToolCall> calls = reply.toolCalls().stream().filter(c -> byTool.containsKey(c.name())).toList();
        if (calls.isEmpty()) {
            return new Action.Done(reply.text());
        }
        ToolCall call = calls.get(0);
        Edge edge = byTool.get(call.name());
        String reason = call.argument(REASON);
        for (ToolCall extra : calls.subList(1, calls.size())) {
            Edge other = byTool.get(extra.name());
            ignored.add(new Ignored(agent.id(), other.id(), other.to(), extra.argument(REASON),
                    "only the first handoff of a reply is followed (" + edge.to() + ")"));
        }
        boolean newText = !reply.text().isBlank() && !history.render().contains(reply.text().strip());
        Hop hop = new Hop(agent.id(), edge.to(), newText);
        StepException loop = loop(hop);
        if (loop != null) {
            return new Action.Fail(loop);
        }
        hops.add(hop);
        String said = reply.text().isBlank() ? "(handed off to " + edge.to() + ": " + reason + ")"
                : reply.text() + "\n(handed off to " + edge.to() + ": " + reason + ")";
        history = history.plus(new Transcript.Entry(agent.id() + "#" + hops.size(), Prompts.label(agent), said));
        String last = "Handoff from " + Prompts.label(agent) + (reason.isBlank() ? "" : " (reason: " + reason + ")")
                + (reply.text().isBlank() ? "" : ":\n" + reply.text()) + "\n\nOriginal request:\n" + input;
        ContextAssembler.Section s = ContextAssembler.forEdge(edge.id(), edge.effectiveContext(), agent.id(),
                history, last, null);
        chosen = edge;
        return new Action.HandOff(edge, reason, s);
    }

    /** The handoff was made, passing {@code passed} (a breakpoint may have edited it): the target's turn is next. */
    public void handedOff(String passed) throws StepException {
        Edge edge = chosen;
        active = index.node(edge.to()).orElseThrow(() -> StepException.failed(edge.to(),
                "handoff target '" + edge.to() + "' is not in the flow"));
        activeInput = passed;
        handled.add(active.id());
    }

    /** The agent whose turn it is. */
    public AgentNode active() {
        return active;
    }

    /** The input the current turn's activation was finally given. */
    public String given() {
        return given;
    }

    /** Handoff calls not followed since the last call; the executor records them in order. */
    public List<Ignored> takeIgnored() {
        List<Ignored> out = List.copyOf(ignored);
        ignored.clear();
        return out;
    }

    /** The messages of an answer asked for again after a critic's rejection: no handoffs are offered then. */
    public static List<ChatMessage> messages(AgentNode agent, String input) {
        String extra = "You are part of a swarm. Answer the request yourself when it fits your role; otherwise hand "
                + "it off to the peer whose description fits better, giving a reason.";
        return List.of(new ChatMessage.System(Prompts.system(agent, extra)), new ChatMessage.User(input));
    }

    /** A→B, B→A, A→B where neither of the last two turns said anything new is a loop. */
    private StepException loop(Hop next) {
        int n = hops.size();
        if (n < 2) {
            return null;
        }
        Hop first = hops.get(n - 2);
        Hop back = hops.get(n - 1);
        if (first.from().equals(next.from()) && first.to().equals(next.to()) && back.from().equals(next.to())
                && back.to().equals(next.from()) && !back.newText() && !next.newText()) {
            return StepException.limit(next.from(), "handoffLoop", "handoff loop: '" + next.from() + "' and '"
                    + next.to() + "' keep handing the same request back and forth without new information");
        }
        return null;
    }

    private Map<String, Edge> handoffTools(AgentNode agent) {
        Map<String, Edge> tools = new LinkedHashMap<>();
        for (Edge e : index.outgoing(agent.id(), EdgeKind.HANDOFF)) {
            tools.put(Prompts.toolName(PREFIX, e.to()), e);
        }
        return tools;
    }

    private List<ToolSpec> tools() {
        List<ToolSpec> tools = new ArrayList<>();
        byTool.forEach((name, e) -> tools.add(new ToolSpec(name, "Hand the conversation off to "
                + index.node(e.to()).map(Prompts::describe).orElse(e.to()),
                Map.of(REASON, "why this agent is better suited"))));
        tools.addAll(plainTools);
        return tools;
    }

    private boolean plain(ToolCall call) {
        return plainTools.stream().anyMatch(t -> t.name().equals(call.name()));
    }

    /** The results of the last {@link Action.CallTools}, in call order: the agent is asked again. */
    public Action onToolResults(List<ChatMessage.ToolResult> results, int turn) {
        messages.addAll(results);
        return new Action.AskModel(messages, tools(), turn);
    }

    private ToolCall firstHandoff(ModelReply r) {
        return r.toolCalls().stream().filter(c -> byTool.containsKey(c.name())).findFirst().orElse(null);
    }
}

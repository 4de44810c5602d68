package dev.baton.engine.topology;

import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.Transcript;
import dev.baton.engine.step.ContextAssembler;
import dev.baton.engine.step.StepException;
import dev.baton.engine.step.SwarmContext;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A swarm: the active agent gets one handoff tool per outgoing HANDOFF edge; calling one passes control with context
 * per the edge's policy and the agent's reason; the swarm's answer is the first answer without a handoff. Bounded by
 * the flow's maxHandoffs and by loop detection (A→B, B→A, A→B with no new text in between stops as "handoffLoop");
 * of several handoffs in one reply the first wins and the others are recorded as ignored.
 */
public final class SwarmStep {

    /** The argument a handoff tool takes. */
    public static final String REASON = "reason";
    /** Prefix of handoff tool names. */
    public static final String PREFIX = "handoff_to_";
    /** The line that tells the next agent who has had the request already. */
    public static final String HANDLED_BY = "Already handled by: ";

    private record Hop(String from, String to, boolean newText) { }

    private final SwarmContext run;
    private final CriticLoop critics;

    public SwarmStep(SwarmContext run, CriticLoop critics) {
        this.run = run;
        this.critics = critics;
    }

    public String run(AgentNode entry, String input) throws StepException {
        AgentNode active = entry;
        String activeInput = input;
        // the entry's input is usually already a labelled history ("Request:\n…" from the chain): keep it as it is
        // instead of labelling it "Request" a second time
        Transcript history = Transcript.of(new Transcript.Entry("request",
                input.startsWith("Request:\n") ? "" : "Request", input));
        Set<String> handled = new LinkedHashSet<>(List.of(entry.id()));
        List<Hop> hops = new ArrayList<>();
        Map<String, Integer> turns = new LinkedHashMap<>();
        while (true) {
            AgentNode agent = active;
            int turn = turns.merge(agent.id(), 1, Integer::sum);
            if (turn > run.limits().maxTurnsPerAgent()) {
                throw StepException.limit(agent.id(), "maxTurnsPerAgent", "agent '" + agent.id() + "' was handed "
                        + "the request " + turn + " times, more than maxTurnsPerAgent");
            }
            Map<String, Edge> byTool = handoffTools(agent);
            String prompt = activeInput + (handled.size() > 1 ? "\n\n" + HANDLED_BY + names(handled) : "");
            ModelReply[] replyBox = new ModelReply[1];
            String[] given = {prompt};
            String shown = run.activate(agent, prompt, turn, in -> {
                given[0] = in;
                replyBox[0] = ask(agent, in, byTool, turn, turns);
                ToolCall handoff = firstHandoff(replyBox[0], byTool);
                return handoff == null ? replyBox[0].text()
                        : "(hands off to " + byTool.get(handoff.name()).to() + ": " + handoff.argument(REASON) + ")";
            });
            ModelReply reply = replyBox[0];
            for (ToolCall unknown : reply.toolCalls()) {
                if (!byTool.containsKey(unknown.name())) {
                    run.handoffIgnored(agent.id(), "", unknown.name(), unknown.argument(REASON),
                            "there is no handoff tool named '" + unknown.name() + "' for " + agent.id());
                }
            }
            List<ToolCall> calls = reply.toolCalls().stream().filter(c -> byTool.containsKey(c.name())).toList();
            if (calls.isEmpty()) {
                return critics.run(agent, given[0], shown, (in, attempt) -> run.activate(agent, in, attempt,
                        edited -> run.callModel(agent, messages(agent, edited), List.of(), false, attempt).text()));
            }
            ToolCall chosen = calls.get(0);
            Edge edge = byTool.get(chosen.name());
            String reason = chosen.argument(REASON);
            for (ToolCall extra : calls.subList(1, calls.size())) {
                Edge ignored = byTool.get(extra.name());
                run.handoffIgnored(agent.id(), ignored.id(), ignored.to(), extra.argument(REASON),
                        "only the first handoff of a reply is followed (" + edge.to() + ")");
            }
            boolean newText = !reply.text().isBlank() && !history.render().contains(reply.text().strip());
            Hop hop = new Hop(agent.id(), edge.to(), newText);
            checkLoop(hops, hop);
            int number = run.nextHandoffNumber();
            Integer max = run.limits().maxHandoffs();
            if (max != null && number > max) {
                throw StepException.limit(agent.id(), "maxHandoffs", "handoff " + agent.id() + " -> " + edge.to()
                        + " would be number " + number + ", over maxHandoffs " + max);
            }
            hops.add(hop);
            String said = reply.text().isBlank() ? "(handed off to " + edge.to() + ": " + reason + ")"
                    : reply.text() + "\n(handed off to " + edge.to() + ": " + reason + ")";
            history = history.plus(new Transcript.Entry(agent.id() + "#" + hops.size(), Prompts.label(agent), said));
            String last = "Handoff from " + Prompts.label(agent) + (reason.isBlank() ? "" : " (reason: " + reason + ")")
                    + (reply.text().isBlank() ? "" : ":\n" + reply.text()) + "\n\nOriginal request:\n" + input;
            ContextAssembler.Section s = ContextAssembler.forEdge(edge.id(), edge.effectiveContext(), agent.id(),
                    history, last, null);
            // a breakpoint on the edge may hold the run here and edit what is passed
            String passed = run.gateHandoff(edge, s.text());
            run.handedOff(edge, reason, s.mode().name(), passed, number);
            active = run.index().node(edge.to()).orElseThrow(() -> StepException.failed(edge.to(),
                    "handoff target '" + edge.to() + "' is not in the flow"));
            activeInput = passed;
            handled.add(active.id());
        }
    }

    /**
     * Calls the agent's model; a reply whose only tool calls name handoffs the agent was not offered, and that says
     * nothing, goes back to the model as tool results naming the handoffs it has (as a supervisor's unknown tool does),
     * each time counted against the agent's turns and recorded as a HandoffIgnored event.
     */
    private ModelReply ask(AgentNode agent, String input, Map<String, Edge> byTool, int firstTurn,
                           Map<String, Integer> turns) throws StepException {
        List<ChatMessage> messages = new ArrayList<>(messages(agent, input));
        int turn = firstTurn;
        while (true) {
            ModelReply reply = run.callModel(agent, messages, tools(byTool), false, turn);
            if (firstHandoff(reply, byTool) != null || !reply.hasToolCalls() || !reply.text().isBlank()) {
                return reply;
            }
            messages.add(new ChatMessage.Assistant(reply.text(), reply.toolCalls()));
            for (ToolCall unknown : reply.toolCalls()) {
                String error = "Error: there is no handoff named '" + unknown.name() + "'; "
                        + (byTool.isEmpty() ? "you cannot hand off: answer the request yourself"
                        : "you can hand off to: " + String.join(", ", byTool.keySet()) + ", or answer yourself");
                run.handoffIgnored(agent.id(), "", unknown.name(), unknown.argument(REASON),
                        error + " (returned to the model)");
                messages.add(new ChatMessage.ToolResult(unknown.id(), unknown.name(), error));
            }
            turn = turns.merge(agent.id(), 1, Integer::sum);
            if (turn > run.limits().maxTurnsPerAgent()) {
                throw StepException.limit(agent.id(), "maxTurnsPerAgent", "agent '" + agent.id() + "' made " + turn
                        + " turns, more than maxTurnsPerAgent, calling handoffs it was not offered");
            }
        }
    }

    /** A→B, B→A, A→B where neither of the last two turns said anything new is a loop. */
    private static void checkLoop(List<Hop> hops, Hop next) throws StepException {
        int n = hops.size();
        if (n < 2) {
            return;
        }
        Hop first = hops.get(n - 2);
        Hop back = hops.get(n - 1);
        if (first.from().equals(next.from()) && first.to().equals(next.to()) && back.from().equals(next.to())
                && back.to().equals(next.from()) && !back.newText() && !next.newText()) {
            throw StepException.limit(next.from(), "handoffLoop", "handoff loop: '" + next.from() + "' and '"
                    + next.to() + "' keep handing the same request back and forth without new information");
        }
    }

    private Map<String, Edge> handoffTools(AgentNode agent) {
        Map<String, Edge> byTool = new LinkedHashMap<>();
        for (Edge e : run.index().outgoing(agent.id(), EdgeKind.HANDOFF)) {
            byTool.put(Prompts.toolName(PREFIX, e.to()), e);
        }
        return byTool;
    }

    private List<ToolSpec> tools(Map<String, Edge> byTool) {
        List<ToolSpec> tools = new ArrayList<>();
        byTool.forEach((name, e) -> tools.add(new ToolSpec(name, "Hand the conversation off to "
                + run.index().node(e.to()).map(Prompts::describe).orElse(e.to()),
                Map.of(REASON, "why this agent is better suited"))));
        return tools;
    }

    private static List<ChatMessage> messages(AgentNode agent, String input) {
        String extra = "You are part of a swarm. Answer the request yourself when it fits your role; otherwise hand "
                + "it off to the peer whose description fits better, giving a reason.";
        return List.of(new ChatMessage.System(Prompts.system(agent, extra)), new ChatMessage.User(input));
    }

    private static ToolCall firstHandoff(ModelReply reply, Map<String, Edge> byTool) {
        return reply.toolCalls().stream().filter(c -> byTool.containsKey(c.name())).findFirst().orElse(null);
    }

    private String names(Set<String> ids) {
        return String.join(", ", ids);
    }
}

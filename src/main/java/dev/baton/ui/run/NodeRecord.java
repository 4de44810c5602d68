package dev.baton.ui.run;

import dev.baton.engine.RunEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one node of a run received, was prompted with, answered and spent, gathered from the run's events only (live
 * or replayed from the audit database), for the run panel's node inspector.
 */
public final class NodeRecord {

    /**
     * One thing that reached the node: along an edge (with the context policy it went through), from a supervisor,
     * or from the person running the flow.
     *
     * @param via      "context", "handoff", "delegation", "return", "rejection" or "answer"
     * @param policy   the context mode ("FULL", "SUMMARY", …) and token count where the event says so, else ""
     */
    public record Received(String via, String from, String edgeId, String policy, String text) { }

    /** One model call: what was sent and what came back, with its cost. */
    public record ModelCall(List<RunEvent.PromptMessage> prompt, int turn, String provider, String model,
                            int inputTokens, int outputTokens, boolean tokensReported, long latencyMs, Double costUsd,
                            boolean simulated, String text) {

        /** "provider/model". */
        public String label() {
            return provider + "/" + model;
        }
    }

    /** One finished activation: its own time, and the time it was held at a breakpoint or by a person. */
    public record Timing(long latencyMs, long waitedMs) { }

    private final String nodeId;
    private final List<Timing> timings = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private final List<ModelCall> calls = new ArrayList<>();
    private List<RunEvent.PromptMessage> pendingPrompt = List.of();
    private int pendingTurn;
    private String output = "";
    private String error = "";

    NodeRecord(String nodeId) {
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }

    /** Everything that reached the node, in run order. */
    public List<Received> received() {
        return Collections.unmodifiableList(received);
    }

    /** The input of each activation, exactly as the engine gave it. */
    public List<String> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<ModelCall> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** Each finished activation's latency and wait, in run order. */
    public List<Timing> timings() {
        return Collections.unmodifiableList(timings);
    }

    /** The node's last output, "" before it finished. */
    public String output() {
        return output;
    }

    /** Why it failed, "" when it did not. */
    public String error() {
        return error;
    }

    /** True when the node did anything a person could inspect. */
    public boolean hasData() {
        return !received.isEmpty() || !inputs.isEmpty() || !calls.isEmpty() || !output.isEmpty() || !error.isEmpty();
    }

    void receive(Received r) {
        received.add(r);
    }

    void started(String input) {
        inputs.add(input);
    }

    void requested(RunEvent.ModelRequested e) {
        pendingPrompt = e.prompt();
        pendingTurn = e.turn();
    }

    void responded(RunEvent.ModelResponded e) {
        calls.add(new ModelCall(pendingPrompt, pendingTurn, e.provider(), e.model(), e.inputTokens(),
                e.outputTokens(), e.tokensReported(), e.latencyMs(), e.costUsd(), e.simulated(), e.text()));
        pendingPrompt = List.of();
    }

    void finished(String text) {
        output = text == null ? "" : text;
    }

    void finished(RunEvent.AgentFinished e) {
        finished(e.output());
        timings.add(new Timing(e.latencyMs(), e.waitedMs()));
    }

    void failed(String cause) {
        error = cause == null ? "" : cause;
    }
}

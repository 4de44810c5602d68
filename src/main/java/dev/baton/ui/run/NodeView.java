package dev.baton.ui.run;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The live state of one node, as JavaFX properties a node skin binds to. Changed only on the FX side. */
public final class NodeView {

    /** Streamed text kept per activation: a bubble shows the tail, not a book. */
    static final int MAX_STREAM_CHARS = 20_000;

    private final String nodeId;
    private final ObjectProperty<NodeRunState> state = new SimpleObjectProperty<>(this, "state", NodeRunState.IDLE);
    private final IntegerProperty attempts = new SimpleIntegerProperty(this, "attempts");
    private final IntegerProperty activations = new SimpleIntegerProperty(this, "activations");
    private final LongProperty inputTokens = new SimpleLongProperty(this, "inputTokens");
    private final LongProperty outputTokens = new SimpleLongProperty(this, "outputTokens");
    private final LongProperty latencyMs = new SimpleLongProperty(this, "latencyMs");
    private final StringProperty lastOutput = new SimpleStringProperty(this, "lastOutput", "");
    private final StringProperty streamedText = new SimpleStringProperty(this, "streamedText", "");
    private final StringProperty badge = new SimpleStringProperty(this, "badge", "");
    private final javafx.beans.property.BooleanProperty awaitingApproval =
            new javafx.beans.property.SimpleBooleanProperty(this, "awaitingApproval");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObjectProperty<JudgeOutcome> decision = new SimpleObjectProperty<>(this, "decision");
    private final ObjectProperty<ToolActivity> toolActivity = new SimpleObjectProperty<>(this, "toolActivity");
    private final StringBuilder stream = new StringBuilder();

    NodeView(String nodeId) {
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }

    public ObjectProperty<NodeRunState> stateProperty() {
        return state;
    }

    public NodeRunState state() {
        return state.get();
    }

    /** The attempt number of the current or last activation (critic retries count up). */
    public IntegerProperty attemptsProperty() {
        return attempts;
    }

    /** How many times the node started (swarm turns and retries included). */
    public IntegerProperty activationsProperty() {
        return activations;
    }

    /** Prompt tokens over all its activations. */
    public LongProperty inputTokensProperty() {
        return inputTokens;
    }

    /** Completion tokens over all its activations. */
    public LongProperty outputTokensProperty() {
        return outputTokens;
    }

    /** Wall time of its last activation. */
    public LongProperty latencyMsProperty() {
        return latencyMs;
    }

    public StringProperty lastOutputProperty() {
        return lastOutput;
    }

    /** Text streamed by the current activation (reset when it starts). */
    public StringProperty streamedTextProperty() {
        return streamedText;
    }

    /** A short status for the node's badge: "running", "done · 812 tok · 1.2 s", "rejected", "failed" … */
    /** True while a tool call of this node waits for the user's approval. */
    public javafx.beans.property.BooleanProperty awaitingApprovalProperty() {
        return awaitingApproval;
    }

    public StringProperty badgeProperty() {
        return badge;
    }

    /** Why it failed (the provider's message included), "" otherwise. */
    public StringProperty errorProperty() {
        return error;
    }

    /** A judge's last decision; null for other nodes. */
    /** The node's latest tool call and how many still run; null before its first call. */
    public ObjectProperty<ToolActivity> toolActivityProperty() {
        return toolActivity;
    }

    public ObjectProperty<JudgeOutcome> decisionProperty() {
        return decision;
    }

    void startActivation(int attempt) {
        attempts.set(attempt);
        activations.set(activations.get() + 1);
        stream.setLength(0);
        streamedText.set("");
        error.set("");
    }

    void appendStream(String text) {
        stream.append(text);
        if (stream.length() > MAX_STREAM_CHARS) {
            stream.delete(0, stream.length() - MAX_STREAM_CHARS);
        }
        streamedText.set(stream.toString());
    }

    void finish(String output, int in, int out, long ms) {
        lastOutput.set(output);
        inputTokens.set(inputTokens.get() + in);
        outputTokens.set(outputTokens.get() + out);
        latencyMs.set(ms);
    }
}

package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.RetryReason;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Limits;
import dev.baton.flow.OnExhausted;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the bounded review loop of the REVIEWS edges into a node decides: after the node produces, each critic checks
 * the output (deterministic checks first, then its rubric through its model as a JSON verdict); on rejection the node
 * runs again with the feedback, up to the edge's retries (capped by the flow's maxCriticRetries), then the
 * on-exhausted policy applies (fail, continue with a warning, or ask a person). Critics are applied in edge order; a
 * retry is only re-checked by the critic that rejected it.
 *
 * <p>Deciding only, and deterministic given the outputs, check failures, replies and answers it is fed: it returns
 * {@link Action}s ({@link Action.Activate} the reviewed node, {@link Action.RunChecks}, {@link Action.AskModel} of
 * {@link #critic()}, {@link Action.AskHuman}, {@link Action.Done}, {@link Action.Fail}) and the facts to record
 * ({@link #takeNotes()}); the executor runs the activations and checks, asks the models and the person, and emits
 * the events. An AskModel of turn 1 opens a consultation of {@link #critic()}: the executor runs it and its turn-2
 * follow-up (a reply that was not the JSON verdict, asked again) as one activation of that critic.
 */
public final class CriticPlanner {

    /** A fact the executor records, in order, before it does the next action. */
    public sealed interface Note { }

    /** A critic's verdict on attempt {@code attempt} of {@code nodeId}'s output. */
    public record Verdict(String criticId, String edgeId, String nodeId, boolean pass, String feedback,
                          List<String> failedChecks, int attempt) implements Note { }

    /** A warning that does not stop the run. */
    public record Warning(String nodeId, String message) implements Note { }

    /**
     * A node asked again: FORMAT (a critic's reply that was not its JSON verdict) or REVIEW (the reviewed node, after
     * a rejection), attempt {@code attempt}, because of {@code cause}.
     */
    public record Retry(String nodeId, String edgeId, RetryReason reason, int attempt, String cause) implements Note {
    }

    private final AgentNode node;
    // what a retry builds on: the input the first attempt was given (after a breakpoint's edit, if any)
    private String input;
    private final FlowIndex index;
    private final int maxCriticRetries;
    private final List<Note> notes = new ArrayList<>(2);
    private List<Edge> reviews;
    private int next;
    private String output;
    private String currentInput;
    private int attempt = 1;
    // the review in progress
    private Edge review;
    private AgentNode critic;
    private int maxRetries;
    private OnExhausted onExhausted;
    private int retries;
    private JsonReplies.Exchange exchange;
    private String rejection;
    private String summary;

    /** The review loop of {@code node}, which is given {@code input}. */
    public CriticPlanner(AgentNode node, String input, FlowIndex index, Limits limits) {
        this.node = node;
        this.input = input;
        this.currentInput = input;
        this.index = index;
        this.maxCriticRetries = limits.maxCriticRetries();
    }

    /**
     * The first action: activate the node (attempt 1), or, when its first output is already there ({@code
     * firstOutput}, a swarm's answer), review that.
     */
    public Action start(String firstOutput) {
        if (firstOutput == null) {
            return new Action.Activate(node, input, 1);
        }
        return onOutput(firstOutput);
    }

    /** The reviewed node's output of the latest {@link Action.Activate}: the critic in turn checks it. */
    public Action onOutput(String produced) {
        return onOutput(produced, null);
    }

    /**
     * The reviewed node's output of the latest {@link Action.Activate}, which it produced from {@code given} (the
     * action's input as a breakpoint may have edited it; null when unchanged): the critic is shown that input, and
     * retries build on the first attempt's.
     */
    public Action onOutput(String produced, String given) {
        if (given != null) {
            currentInput = given;
            if (attempt == 1) {
                input = given;
            }
        }
        output = produced;
        if (reviews == null) {
            reviews = index.incoming(node.id(), EdgeKind.REVIEWS);
            return nextReview();
        }
        return judge();
    }

    /** The failures of the latest {@link Action.RunChecks}, one line each; empty when all passed. */
    public Action onChecks(List<String> failed) {
        String rubric = critic.critic() == null ? null : critic.critic().rubric();
        if (!failed.isEmpty()) {
            return verdict(false, "Failed checks: " + String.join("; ", failed), List.copyOf(failed));
        }
        if (rubric == null || rubric.isBlank()) {
            return verdict(true, "all checks passed", List.of());
        }
        String system = Prompts.system(critic, "Answer only with a JSON object {\"pass\": true or false, "
                + "\"feedback\": \"what must change, or why it passes\"}.");
        String user = "Rubric: " + rubric + "\n\n=== Output of " + Prompts.label(node) + " to check ===\n" + output
                + "\n\n=== What " + Prompts.label(node) + " was given ===\n" + currentInput;
        exchange = new JsonReplies.Exchange(critic, List.of(new ChatMessage.System(system),
                new ChatMessage.User(user)), "a JSON verdict {pass, feedback}",
                j -> j.has("pass") ? null : "the object has no \"pass\" field");
        return exchange.start();
    }

    /** The critic's reply to the latest {@link Action.AskModel}; asked again once when it is not the JSON verdict. */
    public Action onReply(ModelReply reply) {
        Action then = exchange.onReply(reply);
        String retry = exchange.takeRetry();
        if (retry != null) {
            notes.add(new Retry(critic.id(), "", RetryReason.FORMAT, 2, retry));
        }
        if (!(then instanceof Action.Done)) {
            return then;
        }
        JsonNode json = exchange.json();
        exchange = null;
        boolean pass = json.get("pass").asBoolean(false) || "true".equalsIgnoreCase(json.get("pass").asText());
        return verdict(pass, json.path("feedback").asText(""), List.of());
    }

    /**
     * The person's answer to the latest {@link Action.AskHuman}: accept the output as it is (a), retry once more (r),
     * or fail the run (anything else).
     */
    public Action onAnswer(String answer) {
        String a = answer.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("a")) {
            notes.add(new Warning(critic.id(), summary + " (accepted by a person)"));
            return nextReview();
        }
        if (a.startsWith("r")) {
            return retry();
        }
        return new Action.Fail(StepException.failed(critic.id(), summary + " (a person chose to fail the run)"));
    }

    /** The critic whose review is in progress (whose model an {@link Action.AskModel} asks). */
    public AgentNode critic() {
        return critic;
    }

    /** The facts to record since the last call, in order (verdicts, warnings, retries); then forgotten. */
    public List<Note> takeNotes() {
        if (notes.isEmpty()) {
            return List.of();
        }
        List<Note> out = List.copyOf(notes);
        notes.clear();
        return out;
    }

    /** The input a retry is given: the original input, the critic's feedback and the rejected output. */
    static String withFeedback(String input, AgentNode critic, String feedback, String previous) {
        return input + "\n\n=== Feedback from " + Prompts.label(critic) + " ===\n" + feedback
                + "\n\n=== Your previous output ===\n" + previous
                + "\n\nRevise your previous output to address the feedback.";
    }

    /** The next REVIEWS edge's critic checks the output; after the last, the output is the node's. */
    private Action nextReview() {
        if (next >= reviews.size()) {
            return new Action.Done(output);
        }
        Edge e = reviews.get(next++);
        AgentNode c = index.node(e.from()).orElse(null);
        if (c == null) {
            return new Action.Fail(StepException.failed(e.from(), "critic '" + e.from() + "' is not in the flow"));
        }
        review = e;
        critic = c;
        maxRetries = Math.min(e.review() == null ? 0 : e.review().maxRetries(), maxCriticRetries);
        onExhausted = e.review() == null ? OnExhausted.FAIL : e.review().onExhausted();
        retries = 0;
        return judge();
    }

    /** The current critic's deterministic checks first (when it has any), then its rubric. */
    private Action judge() {
        List<Check> checks = critic.critic() == null ? List.of() : critic.critic().checks();
        if (checks.isEmpty()) {
            return onChecks(List.of());
        }
        return new Action.RunChecks(critic, checks, output);
    }

    private Action verdict(boolean pass, String feedback, List<String> failedChecks) {
        notes.add(new Verdict(critic.id(), review.id(), node.id(), pass, feedback, failedChecks, attempt));
        if (pass) {
            return nextReview();
        }
        rejection = feedback;
        if (retries < maxRetries) {
            return retry();
        }
        summary = "critic '" + critic.id() + "' rejected the output of '" + node.id() + "' " + attempt
                + " time(s): " + feedback;
        return switch (onExhausted) {
            case FAIL -> new Action.Fail(StepException.failed(critic.id(), summary));
            case CONTINUE_WITH_WARNING -> {
                notes.add(new Warning(critic.id(), summary + " (continuing with it)"));
                yield nextReview();
            }
            case ASK_HUMAN -> new Action.AskHuman(critic, summary + "\nAccept the output as it is (a), retry once "
                    + "more (r), or fail the run (f)?", output);
        };
    }

    /** The node runs again on its input with the feedback on its rejected output. */
    private Action retry() {
        retries++;
        attempt++;
        notes.add(new Retry(node.id(), review.id(), RetryReason.REVIEW, attempt, rejection));
        currentInput = withFeedback(input, critic, rejection, output);
        return new Action.Activate(node, currentInput, attempt);
    }
}

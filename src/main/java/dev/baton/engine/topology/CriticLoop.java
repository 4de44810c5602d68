package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.step.CriticContext;
import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.RetryReason;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.OnExhausted;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bounded review loop of the REVIEWS edges into a node: after the node produces, each critic checks the output
 * (deterministic checks first, then its rubric through its model as a JSON verdict); on rejection the node runs again
 * with the feedback, up to the edge's retries (capped by the flow's maxCriticRetries), then the on-exhausted policy
 * applies. Critics are applied in edge order; a retry is only re-checked by the critic that rejected it.
 */
public final class CriticLoop {

    /** Produces a node's output for an input; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Producer {
        String produce(String input, int attempt) throws StepException;
    }

    /** A critic's verdict on one output. */
    public record Verdict(boolean pass, String feedback, List<String> failedChecks) { }

    private final CriticContext run;

    public CriticLoop(CriticContext run) {
        this.run = run;
    }

    /**
     * Produces (unless {@code firstOutput} is given) and reviews the node's output; returns the accepted output.
     */
    public String run(AgentNode node, String input, String firstOutput, Producer producer) throws StepException {
        String output = firstOutput != null ? firstOutput : producer.produce(input, 1);
        List<Edge> reviews = run.index().incoming(node.id(), EdgeKind.REVIEWS);
        int attempt = 1;
        String currentInput = input;
        for (Edge review : reviews) {
            AgentNode critic = run.index().node(review.from()).orElseThrow(() ->
                    StepException.failed(review.from(), "critic '" + review.from() + "' is not in the flow"));
            int maxRetries = Math.min(review.review() == null ? 0 : review.review().maxRetries(),
                    run.limits().maxCriticRetries());
            OnExhausted onExhausted = review.review() == null ? OnExhausted.FAIL : review.review().onExhausted();
            int retries = 0;
            while (true) {
                Verdict verdict = judge(critic, node, review, currentInput, output, attempt);
                if (verdict.pass()) {
                    break;
                }
                boolean again = retries < maxRetries;
                if (!again) {
                    String summary = "critic '" + critic.id() + "' rejected the output of '" + node.id() + "' "
                            + attempt + " time(s): " + verdict.feedback();
                    switch (onExhausted) {
                        case FAIL -> throw StepException.failed(critic.id(), summary);
                        case CONTINUE_WITH_WARNING -> run.warn(critic.id(), summary + " (continuing with it)");
                        case ASK_HUMAN -> again = askHuman(critic, node, summary, output);
                    }
                    if (!again) {
                        break;
                    }
                }
                retries++;
                attempt++;
                run.retried(node.id(), review.id(), RetryReason.REVIEW, attempt, verdict.feedback());
                currentInput = withFeedback(input, critic, verdict.feedback(), output);
                output = producer.produce(currentInput, attempt);
            }
        }
        return output;
    }

    /** True to retry once more, false to accept with a warning; throws to fail. */
    private boolean askHuman(AgentNode critic, AgentNode node, String summary, String output) throws StepException {
        String answer = run.askHuman(critic, summary + "\nAccept the output as it is (a), retry once more (r), "
                + "or fail the run (f)?", output).strip().toLowerCase(Locale.ROOT);
        if (answer.startsWith("a")) {
            run.warn(critic.id(), summary + " (accepted by a person)");
            return false;
        }
        if (answer.startsWith("r")) {
            return true;
        }
        throw StepException.failed(critic.id(), summary + " (a person chose to fail the run)");
    }

    static String withFeedback(String input, AgentNode critic, String feedback, String previous) {
        return input + "\n\n=== Feedback from " + Prompts.label(critic) + " ===\n" + feedback
                + "\n\n=== Your previous output ===\n" + previous
                + "\n\nRevise your previous output to address the feedback.";
    }

    private Verdict judge(AgentNode critic, AgentNode node, Edge review, String input, String output, int attempt)
            throws StepException {
        Verdict verdict;
        List<String> failed;
        try {
            failed = CriticChecks.failures(critic.critic() == null ? List.of() : critic.critic().checks(), output);
        } catch (CriticChecks.TooSlow e) {
            // the check cannot be decided: retrying the producer would not help, the flow's check must change
            throw StepException.failed(critic.id(), "critic '" + critic.id() + "': " + e.getMessage());
        } catch (CriticChecks.Interrupted e) {
            Thread.currentThread().interrupt();
            throw run.stopCause(critic.id());
        }
        String rubric = critic.critic() == null ? null : critic.critic().rubric();
        if (!failed.isEmpty()) {
            verdict = new Verdict(false, "Failed checks: " + String.join("; ", failed), failed);
        } else if (rubric == null || rubric.isBlank()) {
            verdict = new Verdict(true, "all checks passed", List.of());
        } else {
            verdict = askModel(critic, node, rubric, input, output);
        }
        run.criticVerdict(critic.id(), review.id(), node.id(), verdict.pass(), verdict.feedback(),
                verdict.failedChecks(), attempt);
        return verdict;
    }

    private Verdict askModel(AgentNode critic, AgentNode node, String rubric, String input, String output)
            throws StepException {
        String system = Prompts.system(critic, "Answer only with a JSON object {\"pass\": true or false, "
                + "\"feedback\": \"what must change, or why it passes\"}.");
        String user = "Rubric: " + rubric + "\n\n=== Output of " + Prompts.label(node) + " to check ===\n" + output
                + "\n\n=== What " + Prompts.label(node) + " was given ===\n" + input;
        List<ChatMessage> messages = new ArrayList<>(List.of(new ChatMessage.System(system),
                new ChatMessage.User(user)));
        JsonNode json = run.activation(critic, () -> JsonReplies.ask(run, critic, messages,
                "a JSON verdict {pass, feedback}", j -> j.has("pass") ? null : "the object has no \"pass\" field"))
                .json();
        boolean pass = json.get("pass").asBoolean(false) || "true".equalsIgnoreCase(json.get("pass").asText());
        return new Verdict(pass, json.path("feedback").asText(""), List.of());
    }

    static String abbreviate(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}

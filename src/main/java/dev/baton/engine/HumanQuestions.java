package dev.baton.engine;

import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run's questions to the person running the flow: each one an event, an answer from the request's handler or
 * through the run's handle, and a wait that a person's time does not count against the node's latency.
 */
final class HumanQuestions {

    private final RunContext run;
    private final Map<String, CompletableFuture<String>> humanRequests = new ConcurrentHashMap<>(4);
    private final AtomicInteger humanCounter = new AtomicInteger();

    HumanQuestions(RunContext run) {
        this.run = run;
    }

    /** Asks the person running the flow; blocks until answered, stopped, or the run deadline. */
    String ask(AgentNode node, String question, String context) throws StepException {
        String runId = run.runId;
        String nodeId = node.id();
        if (!run.request.humanInputAllowed()) {
            throw StepException.failed(nodeId, "node '" + nodeId + "' needs an answer from a person (\"" + question
                    + "\") but human input is disabled (--no-input)");
        }
        String requestId = runId + ":" + nodeId + ":" + humanCounter.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        humanRequests.put(requestId, answer);
        run.emit((seq, t) -> new RunEvent.HumanInputRequested(runId, seq, t, nodeId, "", requestId, question,
                context));
        HumanInputHandler handler = run.request.humanInput();
        if (handler != null) {
            run.executor.execute(() -> {
                try {
                    answer.complete(handler.answer(requestId, nodeId, question, context));
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                }
            });
        }
        WaitClock clock = run.waitClock();
        WaitClock.hold(clock, System.nanoTime());
        try {
            run.waitFor(answer, run.remainingDeadlineNanos());
            String text = answer.get();
            TextCaps.context(nodeId, "the person's answer to the question", text);
            run.emit((seq, t) -> new RunEvent.HumanInputReceived(runId, seq, t, nodeId, "", requestId, text));
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw run.stopCause(nodeId);
        } catch (java.util.concurrent.TimeoutException e) {
            throw StepException.limit(nodeId, "runDeadline", "run deadline reached waiting for a person's answer");
        } catch (java.util.concurrent.ExecutionException e) {
            throw StepException.failed(nodeId, "no answer from a person: " + e.getCause().getMessage(), e.getCause());
        } finally {
            WaitClock.release(clock, System.nanoTime());
            humanRequests.remove(requestId);
        }
    }

    /** Answers the question asked under {@code requestId}; false when none waits. */
    boolean answer(String requestId, String text) {
        CompletableFuture<String> f = humanRequests.get(requestId);
        return f != null && f.complete(text == null ? "" : text);
    }
}
